// The responsible cadre's phone (390×844, touch): signs in and lands on 我的帮扶户,
// sees exactly their own households (GET /me/households) and not another cadre's
// household; logs a visit with a photo to a household not yet visited this cycle, sees
// it and its photo on the household page; and the town commander's compliance figure
// (households visited this cycle, read from the compliance page in a second browser)
// goes up by one. Then the offline queue: with the network cut the visit is kept and
// the banner "1 条走访待上传" shows; with the network back it is sent exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CADRE_PHONE, DESKTOP, launchChromium, type LaunchedBrowser } from './launch';
import { Api, BASE, expectChineseFont, expectCleanText, login, screenshot, STEP_TIMEOUT, TOWN } from './helpers';
import { makePng } from './png';

interface MyHouseholds {
  today: string;
  items: { id: string; head_name: string; visited_this_cycle: boolean }[];
}

async function expectFitsWidth(browser: LaunchedBrowser, where: string): Promise<void> {
  const width = await browser.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${where}: page width`).toBeLessThanOrEqual(CADRE_PHONE.width);
}

/** The number on a compliance card ("1,234" → 1234). */
async function complianceCard(browser: LaunchedBrowser, key: string): Promise<number> {
  const locator = browser.page.locator(`[data-test="card-${key}"] [data-test="card-value"]`);
  await locator.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  return Number((await locator.innerText()).replace(/[,\s%]/g, ''));
}

describe.skipIf(!BASE)('responsible cadre on a phone (390×844)', () => {
  let phone: LaunchedBrowser;
  let town: LaunchedBrowser;
  let cadreApi: Api;
  let mine: MyHouseholds;
  let visitedBefore = 0;
  let visitedHousehold = '';

  beforeAll(async () => {
    phone = await launchChromium({ viewport: CADRE_PHONE, baseURL: BASE, isMobile: true, hasTouch: true });
    town = await launchChromium({ viewport: DESKTOP, baseURL: BASE });
  });
  afterAll(async () => {
    await phone?.close();
    await town?.close();
  });

  it('the town commander reads the compliance of the current cycle', async () => {
    await login(town.page, 'town');
    await town.page.goto('/compliance');
    visitedBefore = await complianceCard(town, 'visited');
    const api = Api.of(town.context);
    const report = await api.get(`/compliance/${TOWN}`);
    expect(report.summary.households_visited, 'the page shows the API figure').toBe(visitedBefore);
    expect(report.summary.households_due).toBeGreaterThan(visitedBefore); // someone is left to visit
    await screenshot(town.page, '40-compliance-town');
  });

  it('the cadre lands on 我的帮扶户 and sees exactly their own households', async () => {
    const { page, context } = phone;
    await login(page, 'cadre', undefined, /\/me$/);
    await page.locator('[data-test="my-household-cards"]').waitFor({ timeout: STEP_TIMEOUT });
    cadreApi = Api.of(context);
    mine = await cadreApi.get('/me/households');
    expect(mine.items.length).toBeGreaterThan(0);
    const shown = await page.locator('[data-test^="my-household-"][data-visited]').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-test')!.replace('my-household-', '')),
    );
    expect(shown.sort()).toEqual(mine.items.map((h) => h.id).sort());
    const text = await expectCleanText(page, 'my households');
    expect(text).toContain('我的帮扶户');
    expect(text).toContain('本轮帮扶日');
    expect(text).toMatch(/\d+ 户待走访|本轮帮扶户已全部走访/);
    await expectChineseFont(page);
    await expectFitsWidth(phone, 'my households');
    await screenshot(page, '30-phone-my-households');
  });

  it("another cadre's household is not reachable", async () => {
    const townApi = Api.of(town.context);
    const others = await townApi.get(`/households?region=${TOWN}&page_size=100`);
    const mineIds = new Set(mine.items.map((h) => h.id));
    const other = (others.items as { id: string }[]).find((h) => !mineIds.has(String(h.id)));
    expect(other, 'a household of another cadre in the town').toBeTruthy();
    await cadreApi.get(`/households/${other!.id}`, 404);
    const { page } = phone;
    await page.goto(`/households/${other!.id}`);
    await page.getByText('该户不存在或不在您的管辖范围内').waitFor({ timeout: STEP_TIMEOUT });
    expect(await page.locator('[data-test="members"]').count()).toBe(0);
    await screenshot(page, '31-phone-other-household');
  });

  it('logs a visit with a photo to a household due a visit', async () => {
    const { page } = phone;
    const due = mine.items.find((h) => !h.visited_this_cycle);
    expect(due, 'a household not yet visited this cycle').toBeTruthy();
    visitedHousehold = due!.id;
    await page.goto('/me');
    const card = page.locator(`[data-test="my-household-${visitedHousehold}"]`);
    await card.waitFor({ timeout: STEP_TIMEOUT });
    expect(await card.getAttribute('data-visited')).toBe('0');
    await card.tap();
    const form = page.locator('.visit-form');
    await form.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    expect(await form.locator('input[data-test="visit-date"]').inputValue()).toBe(mine.today);
    await form.getByText('政策宣讲').tap();
    await form.getByText('就业帮扶').tap();
    await form.locator('[data-test="visit-add-problem"]').tap();
    await form.locator('textarea[data-test="visit-problem-0"]').fill('厨房屋顶漏雨，需纳入危房改造核查');
    const notes = `e2e 入户走访 ${Date.now()}`;
    await form.locator('textarea[data-test="visit-notes"]').fill(notes);
    await form.locator('input[data-test="visit-photo"]').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: makePng(48, 32, [46, 125, 50]) });
    await form.locator('.thumb img').waitFor({ timeout: STEP_TIMEOUT });
    await expectFitsWidth(phone, 'visit form');
    await screenshot(page, '32-phone-visit-form', false);
    await form.locator('[data-test="visit-submit"]').tap();

    // Sent: the household turns 本轮已走访 and the queue is empty.
    await expect
      .poll(async () => card.getAttribute('data-visited'), { timeout: STEP_TIMEOUT, interval: 500 })
      .toBe('1');
    expect(await page.locator('[data-test="queue-banner"]').count()).toBe(0);

    const visits = await cadreApi.get(`/households/${visitedHousehold}/visits`);
    const mineNow = (visits.items as { notes: string; photos: unknown[]; measures: unknown[]; problems: unknown[] }[]).filter((v) => v.notes === notes);
    expect(mineNow).toHaveLength(1);
    expect(mineNow[0].photos).toHaveLength(1);
    expect(mineNow[0].measures).toHaveLength(2);
    expect(mineNow[0].problems).toHaveLength(1);

    // The visit and its photo on the household page.
    await page.goto(`/households/${visitedHousehold}`);
    const history = page.locator('[data-test="visits"]');
    await history.getByText(notes).waitFor({ timeout: STEP_TIMEOUT });
    const img = history.locator('[data-test="visit-photo-img"] img').first();
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(async () => img.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth), { timeout: STEP_TIMEOUT })
      .toBe(48);
    await expectCleanText(page, 'household visits');
    await expectFitsWidth(phone, 'household page');
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, '33-phone-household-visits', false);
  });

  it("the town's compliance figure is higher by one household", async () => {
    await town.page.reload();
    await expect.poll(async () => complianceCard(town, 'visited'), { timeout: STEP_TIMEOUT, interval: 1000 }).toBe(visitedBefore + 1);
    await screenshot(town.page, '41-compliance-town-after');
  });

  it('offline: the visit is kept, the banner shows, and it is sent once when back online', async () => {
    const { page, context } = phone;
    await page.goto('/me');
    const target = mine.items.find((h) => h.id !== visitedHousehold) ?? mine.items[0];
    const card = page.locator(`[data-test="my-household-${target.id}"]`);
    await card.waitFor({ timeout: STEP_TIMEOUT });

    await context.setOffline(true);
    await card.locator('[data-test="record-visit"]').tap();
    const form = page.locator('.visit-form');
    await form.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await form.getByText('电话联系').tap();
    const notes = `e2e 离线走访 ${Date.now()}`;
    await form.locator('textarea[data-test="visit-notes"]').fill(notes);
    await form.locator('input[data-test="visit-photo"]').setInputFiles({ name: 'offline.png', mimeType: 'image/png', buffer: makePng(40, 40, [21, 101, 192]) });
    await form.locator('.thumb img').waitFor({ timeout: STEP_TIMEOUT });
    await form.locator('[data-test="visit-submit"]').tap();

    const banner = page.locator('[data-test="queue-banner"]');
    await banner.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    expect(await banner.innerText()).toContain('1 条走访待上传');
    const item = page.locator('[data-test="queue-item-pending"]');
    await item.waitFor({ timeout: STEP_TIMEOUT });
    const clientId = (await item.getAttribute('data-client-id')) ?? '';
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await card.locator('[data-test="tag-queued"]').count()).toBe(1);
    await expectCleanText(page, 'offline queue');
    await expectFitsWidth(phone, 'offline queue');
    await screenshot(page, '34-phone-offline-queue');

    await context.setOffline(false);
    await banner.waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    expect(await page.locator('[data-test="queue-panel"]').count()).toBe(0);

    const visits = await cadreApi.get(`/households/${target.id}/visits`);
    const sent = (visits.items as { client_id: string; notes: string; photos: unknown[] }[]).filter((v) => v.client_id === clientId);
    expect(sent).toHaveLength(1);
    expect(sent[0].notes).toBe(notes);
    expect(sent[0].photos).toHaveLength(1);
    expect((visits.items as { notes: string }[]).filter((v) => v.notes === notes)).toHaveLength(1);

    // Sending the same client_id again is answered as a duplicate, not stored twice.
    const again = await cadreApi.post('/visits', {
      client_id: clientId,
      household_id: target.id,
      date: mine.today,
      time: '10:00',
      kind: 'phone_call',
      measures: [],
      problems: [],
      notes,
    });
    expect(again.duplicate).toBe(true);
    const after = await cadreApi.get(`/households/${target.id}/visits`);
    expect((after.items as { client_id: string }[]).filter((v) => v.client_id === clientId)).toHaveLength(1);
  });
});
