// A town commander (town, 高楼镇) commands an exit from the 作战图 down to one household:
// signs in, reads the dashboard, drills from the village treemap into a village's
// household list, opens a 未脱贫 household that meets every exit criterion, starts its
// exit (发起退出) and records the village and town steps through the household page.
// County HQ (hq, a second browser) takes the county steps up to 标记脱贫 on the same
// page; back on the town commander's dashboard the 未脱贫 / 已脱贫 figures moved by one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, launchChromium, type LaunchedBrowser } from './launch';
import {
  Api,
  ARTIFACTS,
  BASE,
  cardNumber,
  expectChineseFont,
  expectCleanText,
  login,
  screenshot,
  STEP_TIMEOUT,
  TOWN,
  waitForDashboard,
} from './helpers';

interface AlertRow {
  id: string;
  head_name: string;
  status: string;
  eligible: boolean;
  village: { code: string; name: string };
}

/** Hovers over the treemap until its tooltip names one of `wanted`; returns that name. */
async function findTile(page: Page, wanted: Set<string>): Promise<{ name: string; x: number; y: number }> {
  const card = page.locator('.chart-card').first();
  const canvas = card.locator('canvas').first();
  await canvas.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  const box = await canvas.boundingBox();
  if (!box) throw new Error('treemap canvas has no box');
  const chart = card.locator('.chart');
  const seen = new Set<string>();
  for (let y = box.y + 12; y < box.y + box.height - 4; y += 28) {
    for (let x = box.x + 12; x < box.x + box.width - 4; x += 36) {
      await page.mouse.move(x, y);
      await page.waitForTimeout(60);
      const text = (await chart.innerText()).trim();
      const name = text.split('\n')[0]?.trim() ?? '';
      if (!name) continue;
      seen.add(name);
      if (wanted.has(name)) return { name, x, y };
    }
  }
  throw new Error(`no treemap tile for ${[...wanted].join('、')}; tiles seen: ${[...seen].join('、')}`);
}

/** Sets the date of the open action dialog and confirms; waits for the dialog to close. */
async function confirmDialog(page: Page, date: string, note: string): Promise<void> {
  const dialog = page.locator('.el-dialog[data-test="action-dialog"], [data-test="action-dialog"]').last();
  await dialog.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  const dateInput = dialog.locator('.el-date-editor input').first();
  await dateInput.click();
  await dateInput.fill(date);
  await dateInput.press('Enter');
  await dialog.locator('textarea').first().fill(note);
  await dialog.locator('.el-dialog__title').first().click(); // closes the date picker panel
  await dialog.locator('[data-test="action-submit"]').click();
  await dialog.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}

/** Records the step offered by 记录下一步 on the household page, checking it is `stepLabel`. */
async function recordStep(page: Page, stepLabel: string, date: string): Promise<void> {
  const button = page.locator('[data-test="action-record_step"]');
  await button.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await button.click();
  const dialog = page.locator('[data-test="action-dialog"]').last();
  await dialog.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await expect
    .poll(async () => (await dialog.locator('[data-test="step-select"]').innerText()).trim(), { timeout: STEP_TIMEOUT })
    .toContain(stepLabel);
  await confirmDialog(page, date, `${stepLabel}（端到端测试）`);
  await expect
    .poll(async () => page.locator('[data-test="procedures"]').innerText(), { timeout: STEP_TIMEOUT })
    .toContain(stepLabel);
}

describe.skipIf(!BASE)('town commander: dashboard → village → household → exit', () => {
  let town: LaunchedBrowser;
  let hq: LaunchedBrowser;
  let target: AlertRow;
  let villageName = '';
  let poorBefore = 0;
  let exitedBefore = 0;

  beforeAll(async () => {
    town = await launchChromium({ viewport: DESKTOP, baseURL: BASE });
  });
  afterAll(async () => {
    await town?.close();
    await hq?.close();
  });

  it('signs in on the login page', async () => {
    const { page } = town;
    await page.goto('/login');
    await page.waitForSelector('input[data-test="username"]', { timeout: STEP_TIMEOUT });
    expect(await page.title()).toContain('扶贫作战指挥平台');
    await expectChineseFont(page);
    await expectCleanText(page, 'login');
    await screenshot(page, '01-login');
    await login(page, 'town');
  });

  it('shows the town dashboard with figures and charts', async () => {
    const { page } = town;
    await waitForDashboard(page, 3);
    const text = await expectCleanText(page, 'dashboard');
    expect(text).toContain('高楼镇');
    expect(text).toContain('作战图');
    poorBefore = await cardNumber(page, 'poor');
    exitedBefore = await cardNumber(page, 'exited');
    expect(poorBefore).toBeGreaterThan(0);
    expect(exitedBefore).toBeGreaterThan(0);
    // Every chart card holds a drawn chart or a message, never an empty frame.
    const cards = page.locator('.chart-card');
    const n = await cards.count();
    expect(n).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      const drawn = (await card.locator('canvas').count()) > 0;
      const message = (await card.locator('.el-empty__description').count()) > 0;
      expect(drawn || message, `chart card ${i}`).toBe(true);
    }
    await screenshot(page, '02-dashboard-town');
  });

  it('drills from the village treemap to a village household list', async () => {
    const { page, context } = town;
    // Households that meet every criterion and have not exited, as the alerts panel lists them.
    const api = Api.of(context);
    const alerts = await api.get<{ items: AlertRow[] }>(`/alerts/${TOWN}?kind=eligible&page=1&page_size=200`);
    const eligible = alerts.items.filter((r) => r.status === 'poor' && r.eligible !== false);
    expect(eligible.length).toBeGreaterThan(0);
    const region = await api.get<{ children: { code: string; name: string }[] }>(`/regions/${TOWN}`);
    const nameOf = new Map(region.children.map((c) => [c.code.padEnd(12, '0'), c.name]));
    const wanted = new Set(eligible.map((r) => nameOf.get(r.village.code.padEnd(12, '0')) ?? '').filter(Boolean));

    const tile = await findTile(page, wanted);
    villageName = tile.name;
    target = eligible.find((r) => nameOf.get(r.village.code.padEnd(12, '0')) === villageName)!;
    await page.mouse.click(tile.x, tile.y);
    await page.waitForURL(/\/households\?.*region=/, { timeout: STEP_TIMEOUT });
    expect(new URL(page.url()).searchParams.get('region')?.padEnd(12, '0')).toBe(target.village.code.padEnd(12, '0'));
    await page.waitForSelector('.el-table__body tr', { timeout: STEP_TIMEOUT });
    const text = await expectCleanText(page, 'households');
    expect(text).toContain(villageName);
    await screenshot(page, '03-households-village');
  });

  it('opens a 未脱贫 household that meets every exit criterion', async () => {
    const { page } = town;
    const search = page.locator('input[data-test="search"]');
    await search.fill(target.head_name);
    await search.press('Enter');
    const row = page.locator('.el-table__body tr', { hasText: target.head_name }).first();
    await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await row.click();
    await page.waitForURL(new RegExp(`/households/${target.id}$`), { timeout: STEP_TIMEOUT });
    await page.locator('[data-test="verdict"]').waitFor({ timeout: STEP_TIMEOUT });
    const text = await expectCleanText(page, 'household');
    expect(text).toContain(target.head_name);
    expect(text).toContain('未脱贫');
    expect(await page.locator('[data-test="verdict"]').innerText()).toContain('符合退出条件');
    await expect.poll(() => page.locator('[data-test="action-start_exit"]').count(), { timeout: STEP_TIMEOUT }).toBe(1);
  });

  it('starts the exit and records the village and town steps', async () => {
    const { page } = town;
    await page.locator('[data-test="action-start_exit"]').click();
    await confirmDialog(page, '2020-06-01', '村提名（端到端测试）');
    await expect.poll(() => page.locator('[data-test="procedures"]').innerText(), { timeout: STEP_TIMEOUT }).toContain('贫困户退出');
    // Only one exit may be open: the page no longer offers to start another.
    await expect.poll(() => page.locator('[data-test="action-start_exit"]').count(), { timeout: STEP_TIMEOUT }).toBe(0);

    await recordStep(page, '民主评议', '2020-06-02');
    await recordStep(page, '农户认可', '2020-06-03');
    await recordStep(page, '村内公示', '2020-06-04');
    await recordStep(page, '乡镇审核', '2020-06-12');
    const history = await page.locator('[data-test="procedures"]').innerText();
    for (const step of ['村提名', '民主评议', '农户认可', '村内公示', '乡镇审核']) expect(history).toContain(step);
    // The county steps are not the town commander's.
    expect(await page.locator('[data-test="action-record_step"]').count()).toBe(0);
    await expectCleanText(page, 'household after town review');
    await screenshot(page, '04-household-town-reviewed');
  });

  it('county HQ approves, announces and marks the household exited', async () => {
    hq = await launchChromium({ viewport: DESKTOP, baseURL: BASE });
    const { page } = hq;
    await login(page, 'hq');
    await page.goto(`/households/${target.id}`);
    await page.locator('[data-test="procedures"]').waitFor({ timeout: STEP_TIMEOUT });
    await recordStep(page, '县审定', '2020-06-13');
    await recordStep(page, '公告', '2020-06-14');
    await recordStep(page, '标记脱贫', '2020-06-15');
    await expect.poll(() => page.locator('h1').first().innerText(), { timeout: STEP_TIMEOUT }).toContain('已脱贫');
    const history = await page.locator('[data-test="procedures"]').innerText();
    expect(history).toContain('已完成');
    await expectCleanText(page, 'household exited');
    await screenshot(page, '05-household-exited');
  });

  it("shows the change on the town commander's dashboard", async () => {
    const { page } = town;
    await page.goto('/dashboard');
    await waitForDashboard(page, 3);
    await expect.poll(() => cardNumber(page, 'poor'), { timeout: STEP_TIMEOUT }).toBe(poorBefore - 1);
    await expect.poll(() => cardNumber(page, 'exited'), { timeout: STEP_TIMEOUT }).toBe(exitedBefore + 1);
    await screenshot(page, '06-dashboard-town-after-exit');
    expect(ARTIFACTS === '' || villageName !== '').toBe(true);
  });
});
