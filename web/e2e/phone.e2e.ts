// A phone-size screen (375×812): sign in, the dashboard and the registry list fit the
// width (no sideways scrolling), the charts draw, the menu is a drawer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE, type LaunchedBrowser } from './launch';
import { BASE, cardNumber, expectCleanText, login, screenshot, STEP_TIMEOUT, waitForDashboard } from './helpers';

async function expectFitsWidth(browser: LaunchedBrowser, where: string): Promise<void> {
  const width = await browser.page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${where}: page width`).toBeLessThanOrEqual(PHONE.width);
}

describe.skipIf(!BASE)('phone (375×812)', () => {
  let phone: LaunchedBrowser;
  beforeAll(async () => {
    phone = await launchChromium({ viewport: PHONE, baseURL: BASE });
  });
  afterAll(async () => {
    await phone?.close();
  });

  it('signs in', async () => {
    const { page } = phone;
    await page.goto('/login');
    await page.waitForSelector('input[data-test="username"]', { timeout: STEP_TIMEOUT });
    await expectFitsWidth(phone, 'login');
    await screenshot(page, '10-phone-login');
    await login(page, 'town');
  });

  it('shows the dashboard', async () => {
    const { page } = phone;
    await waitForDashboard(page, 3);
    expect(await cardNumber(page, 'poor')).toBeGreaterThan(0);
    await expectCleanText(page, 'phone dashboard');
    await expectFitsWidth(phone, 'dashboard');
    // The side menu is a drawer behind the toggle.
    expect(await page.locator('aside.aside').count()).toBe(0);
    await page.locator('[data-test="menu-toggle"]').click();
    const drawer = page.locator('.el-drawer');
    await drawer.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    expect(await drawer.innerText()).toContain('建档立卡户');
    await screenshot(page, '11-phone-menu', false);
    await drawer.getByText('作战图').first().click();
    await drawer.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await screenshot(page, '12-phone-dashboard');
    await screenshot(page, '12-phone-dashboard-top', false);
  });

  it('shows the registry list', async () => {
    const { page } = phone;
    await page.goto('/households');
    await page.waitForSelector('[data-test="household-cards"] .household-card', { timeout: STEP_TIMEOUT });
    const text = await expectCleanText(page, 'phone households');
    expect(text).toContain('建档立卡户');
    await expectFitsWidth(phone, 'households');
    await screenshot(page, '13-phone-households');
  });
});
