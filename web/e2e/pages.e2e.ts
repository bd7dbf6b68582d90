// Every other page once, with a screenshot: the registry list (county HQ), the audit
// log and its hash-chain check (county HQ), the users page (admin), the 404 page, the
// no-access page (a village user opening the audit log), and the dashboard switched to
// English from the user menu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, type LaunchedBrowser } from './launch';
import { BASE, expectCleanText, login, screenshot, STEP_TIMEOUT, waitForDashboard } from './helpers';

describe.skipIf(!BASE)('pages', () => {
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    browser = await launchChromium({ viewport: DESKTOP, baseURL: BASE });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('county HQ: the county dashboard and the registry list', async () => {
    const { page } = browser;
    await login(page, 'hq');
    await waitForDashboard(page, 3);
    const text = await expectCleanText(page, 'county dashboard');
    expect(text).toContain('资中县');
    await screenshot(page, '20-dashboard-county');

    await page.goto('/households');
    await page.waitForSelector('[data-test="household-table"] .el-table__body tr', { timeout: STEP_TIMEOUT });
    const list = await expectCleanText(page, 'households');
    expect(list).toMatch(/共 [\d,]+ 户/);
    await screenshot(page, '21-households-county');
  });

  it('county HQ: a household with its full ID numbers (audited)', async () => {
    const { page } = browser;
    await page.locator('[data-test="household-table"] .el-table__body tr').first().click();
    await page.waitForURL(/\/households\/\d{16}$/, { timeout: STEP_TIMEOUT });
    await page.locator('[data-test="members"]').waitFor({ timeout: STEP_TIMEOUT });
    expect(await page.locator('[data-test="members"]').innerText()).toContain('**********');
    await page.locator('[data-test="view-unmasked"]').click();
    await page.locator('.el-message-box .el-button--primary').click();
    await expect
      .poll(async () => page.locator('[data-test="members"]').innerText(), { timeout: STEP_TIMEOUT })
      .not.toContain('**********');
    await expectCleanText(page, 'household unmasked');
    await screenshot(page, '22-household-unmasked');
  });

  it('county HQ: the audit log and its check', async () => {
    const { page } = browser;
    await page.goto('/audit');
    await page.waitForSelector('.audit .el-table__body tr', { timeout: STEP_TIMEOUT });
    await page.locator('[data-test="verify"]').click();
    const verdict = page.locator('[data-test="verify-result"]');
    await verdict.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const text = await expectCleanText(page, 'audit');
    expect(text).toContain('审计日志');
    expect(await verdict.getAttribute('class')).toContain('success');
    expect(text).toContain('查看完整证件号'); // households.show.unmasked, by name
    expect(text).toContain('登录');
    expect(text).not.toContain('user:hq');
    await page.mouse.move(0, 0);
    await screenshot(page, '23-audit');
  });

  it('admin: the users page', async () => {
    const { page, context } = browser;
    await context.clearCookies();
    await login(page, 'admin');
    await page.goto('/users');
    await page.waitForSelector('.users .el-table__body tr', { timeout: STEP_TIMEOUT });
    const text = await expectCleanText(page, 'users');
    for (const name of ['hq', 'town', 'village', '高楼镇', '集中村委会', '镇(街)战区指挥员']) expect(text).toContain(name);
    await screenshot(page, '24-users');
  });

  it('the 404 page', async () => {
    const { page } = browser;
    await page.goto('/no-such-page');
    await page.locator('[data-test="not-found"]').waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    expect(await expectCleanText(page, '404')).toContain('页面不存在');
    await screenshot(page, '25-not-found');
  });

  it('the dashboard in English', async () => {
    const { page } = browser;
    await page.goto('/dashboard');
    await waitForDashboard(page, 3);
    await page.locator('.user-menu').click();
    await page.locator('[data-test="lang-en"]').click();
    await expect.poll(() => page.locator('h1').first().innerText(), { timeout: STEP_TIMEOUT }).toMatch(/[A-Za-z]/);
    await waitForDashboard(page, 3);
    const text = await expectCleanText(page, 'English dashboard');
    expect(text).toContain('Refresh');
    await screenshot(page, '26-dashboard-english');
    // Back to Chinese for whoever uses this profile next.
    await page.locator('.user-menu').click();
    await page.locator('[data-test="lang-zh"]').click();
    await expect.poll(() => page.locator('h1').first().innerText(), { timeout: STEP_TIMEOUT }).toContain('作战图');
  });

  it('a village user gets the no-access page for the audit log', async () => {
    const { page, context } = browser;
    await context.clearCookies();
    await login(page, 'village');
    await page.goto('/audit');
    await page.locator('[data-test="forbidden"]').waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    expect(await expectCleanText(page, 'forbidden')).toContain('无权访问');
    await screenshot(page, '27-forbidden');
  });
});
