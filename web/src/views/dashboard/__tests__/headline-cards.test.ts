// The dashboard's headline cards: alone with given figures, and inside the dashboard
// page with the API modules mocked.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import HeadlineCards from '../components/headline-cards.vue';
import type { Indicators, IndicatorsResponse } from '@/api/types';
import { i18n, setLocale } from '@/locales';
import { useUserStore } from '@/store/user';

vi.mock('vue-echarts', () => ({
  default: defineComponent({ name: 'VChart', props: { option: Object }, setup: () => () => h('div', { class: 'v-chart-stub' }) }),
}));

const getIndicatorsApi = vi.fn();
const getExitsApi = vi.fn();
vi.mock('@/api/indicators', () => ({
  getIndicatorsApi: (...args: unknown[]) => getIndicatorsApi(...args),
  getExitsApi: (...args: unknown[]) => getExitsApi(...args),
}));
vi.mock('@/api/regions', () => ({
  getRegionApi: vi.fn(async (code: string) => ({
    code,
    name: '资中县',
    level: 'county',
    parent: '511000000000',
    path: [
      { code: '510000000000', name: '四川省' },
      { code: '511000000000', name: '内江市' },
      { code: '511025000000', name: '资中县' },
    ],
    children: [],
  })),
}));
vi.mock('@/api/alerts', () => ({
  listAlertsApi: vi.fn(async () => ({ items: [], total: 0, page: 1, page_size: 10 })),
}));

function indicators(overrides: Partial<Indicators> = {}): Indicators {
  return {
    households: 23098,
    persons: 65465,
    poor_households: 2728,
    poor_persons: 7695,
    exited_households: 19798,
    exited_persons: 56170,
    incidence: { numerator: 7695, denominator: 65465, percent: 11.75 },
    eligible_not_exited: 584,
    wrong_exits: 811,
    missed: 0,
    monitoring: { unstable_exited: 150, marginal: 160, sudden_hardship: 152, risk_eliminated: 0 },
    avg_per_capita_net: 8340.12,
    failures: { 'household.income_above_line': 2527, 'household.safe_housing': 47 },
    causes: { illness: 6000, skills: 4000 },
    exits_by_year: { '2015': 1200 },
    poor_villages: 102,
    villages: 369,
    ...overrides,
  };
}

function values(wrapper: ReturnType<typeof mount>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const card of wrapper.findAll('.headline-cards > .card')) {
    out[card.attributes('data-test')!.slice('card-'.length)] = card.find('[data-test="card-value"]').text();
  }
  return out;
}

beforeEach(() => {
  setLocale('zh-CN');
  setActivePinia(createPinia());
  getIndicatorsApi.mockReset();
  getExitsApi.mockReset();
});

describe('HeadlineCards', () => {
  it('shows the six figures formatted', () => {
    const wrapper = mount(HeadlineCards, { props: { indicators: indicators() }, global: { plugins: [i18n] } });
    expect(values(wrapper)).toEqual({
      poor: '2,728',
      exited: '19,798',
      incidence: '11.75%',
      monitoring: '462',
      eligible: '584',
      wrong_exit: '811',
    });
    expect(wrapper.text()).toContain('未脱贫户');
    expect(wrapper.text()).toContain('7,695 人');
    expect(wrapper.text()).toContain('疑似错退');
  });

  it('shows dashes before the figures arrive', () => {
    const wrapper = mount(HeadlineCards, { props: { indicators: null }, global: { plugins: [i18n] } });
    expect(Object.values(values(wrapper))).toEqual(['—', '—', '—', '—', '—', '—']);
  });

  it('asks for the alert list when a flagged figure is clicked', async () => {
    const wrapper = mount(HeadlineCards, { props: { indicators: indicators() }, global: { plugins: [i18n] } });
    await wrapper.find('[data-test="card-wrong_exit"]').trigger('click');
    await wrapper.find('[data-test="card-poor"]').trigger('click');
    expect(wrapper.emitted('alert')).toEqual([['wrong_exit']]);
  });

  it('speaks English when switched', () => {
    setLocale('en-US');
    const wrapper = mount(HeadlineCards, { props: { indicators: indicators() }, global: { plugins: [i18n] } });
    expect(wrapper.text()).toContain('Possible wrong exits');
    expect(wrapper.text()).not.toMatch(/dashboard\.cards/);
  });
});

describe('DashboardPage headline with a mocked API', () => {
  async function mountDashboard(response: IndicatorsResponse) {
    getIndicatorsApi.mockResolvedValue(response);
    getExitsApi.mockResolvedValue([]);
    const user = useUserStore();
    user.apply({
      user: {
        id: 1,
        username: 'hq',
        display_name: '指挥部',
        role: 'county_hq',
        scope: { code: '511025000000', name: '资中县', level: 'county' },
        must_change_password: false,
      },
      csrf_token: 't',
    });
    const { default: DashboardPage } = await import('../dashboard-page.vue');
    const Blank = defineComponent({ render: () => null });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/dashboard/:code?', name: 'dashboard', component: DashboardPage },
        { path: '/households', name: 'households', component: Blank },
        { path: '/households/:id', name: 'household', component: Blank },
      ],
    });
    await router.push('/dashboard');
    await router.isReady();
    const wrapper = mount(DashboardPage, { global: { plugins: [i18n, router] } });
    await flushPromises();
    return wrapper;
  }

  it('loads the indicators of the user scope and fills the cards', async () => {
    const wrapper = await mountDashboard({
      region: { code: '511025000000', name: '资中县', level: 'county', indicators: indicators() },
      children: [
        { code: '511025100000', name: '重龙镇', level: 'town', indicators: indicators({ persons: 5000 }) },
        { code: '511025101000', name: '水南镇', level: 'town', indicators: indicators({ persons: 3000 }) },
      ],
    });
    expect(getIndicatorsApi).toHaveBeenCalledWith('511025000000', 1, undefined, { silent: false });
    expect(values(wrapper)).toMatchObject({ poor: '2,728', incidence: '11.75%', wrong_exit: '811' });
    expect(wrapper.text()).toContain('资中县作战图');
    expect(wrapper.findAll('.v-chart-stub').length).toBeGreaterThanOrEqual(4);
    // exits are empty: a message, not an empty chart
    expect(wrapper.text()).toContain('暂无脱贫记录');
    wrapper.unmount();
  });

  it('shows messages instead of empty charts for a region without data', async () => {
    const wrapper = await mountDashboard({
      region: {
        code: '511025000000',
        name: '资中县',
        level: 'county',
        indicators: indicators({ failures: {}, causes: {} }),
      },
      children: [],
    });
    expect(wrapper.text()).toContain('暂无下级区划数据');
    expect(wrapper.text()).toContain('各项保障指标均已达标');
    expect(wrapper.text()).toContain('暂无致贫原因数据');
    expect(wrapper.findAll('.v-chart-stub')).toHaveLength(0);
    wrapper.unmount();
  });
});
