// Scope: a village user (village, 第一书记 of 集中村委会) who opens a household of another
// village by its URL gets the "not found or not in your scope" state — the server
// answers 404 — and the page shows none of that household's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, type LaunchedBrowser } from './launch';
import { Api, BASE, expectCleanText, login, screenshot, STEP_TIMEOUT, TOWN, VILLAGE } from './helpers';

const OTHER_VILLAGE = `${TOWN}201`; // 高楼镇 another village than 集中村委会

interface Detail {
  id: string;
  members: { name: string; id_number: string }[];
  phone: string;
  cadre: { name: string };
}

describe.skipIf(!BASE)('village user: another village’s household', () => {
  let village: LaunchedBrowser;
  let other: Detail;

  beforeAll(async () => {
    // County HQ picks a household of another village through the API.
    const hq = await launchChromium({ viewport: DESKTOP, baseURL: BASE });
    try {
      const api = Api.of(hq.context);
      await api.login('hq');
      const list = await api.get<{ items: { id: string }[] }>(`/households?region=${OTHER_VILLAGE}&page=1&page_size=5`);
      expect(list.items.length).toBeGreaterThan(0);
      other = await api.get<Detail>(`/households/${list.items[0].id}`);
      expect(other.id.startsWith(VILLAGE)).toBe(false);
    } finally {
      await hq.close();
    }
    village = await launchChromium({ viewport: DESKTOP, baseURL: BASE });
  });
  afterAll(async () => {
    await village?.close();
  });

  it('sees its own village on the dashboard', async () => {
    const { page } = village;
    await login(page, 'village');
    await expect.poll(async () => page.locator('h1').first().innerText(), { timeout: STEP_TIMEOUT }).toContain('集中村委会');
    await expectCleanText(page, 'village dashboard');
  });

  it('gets the no-access state for a household of another village, without its data', async () => {
    const { page } = village;
    const answer = page.waitForResponse((r) => r.url().includes(`/api/v1/households/${other.id}`), { timeout: STEP_TIMEOUT });
    await page.goto(`/households/${other.id}`);
    expect((await answer).status()).toBe(404);
    const result = page.locator('.el-result');
    await result.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    expect(await result.innerText()).toContain('不在您的管辖范围内');
    const text = await expectCleanText(page, 'other household');
    for (const m of other.members) {
      expect(text, `member name ${m.name}`).not.toContain(m.name);
      expect(text).not.toContain(m.id_number);
    }
    if (other.phone) expect(text).not.toContain(other.phone);
    if (other.cadre?.name) expect(text).not.toContain(other.cadre.name);
    expect(await page.locator('[data-test="members"]').count()).toBe(0);
    expect(await page.locator('[data-test="verdict"]').count()).toBe(0);
    await screenshot(page, '07-household-not-in-scope');
  });

  it('cannot list the other village either', async () => {
    const { page, context } = village;
    const res = await context.request.get(`${BASE}/api/v1/households?region=${OTHER_VILLAGE}`);
    expect([403, 404]).toContain(res.status());
    // The page's own list stays within 集中村委会.
    await page.goto('/households');
    await page.waitForSelector('.el-table__body tr', { timeout: STEP_TIMEOUT });
    const rows = await page.locator('.el-table__body tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('集中村委会');
  });
});
