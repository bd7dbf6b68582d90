// A first end-to-end check against a running server: the login page speaks Chinese,
// and (with credentials) every page of the menu opens without a raw i18n key, on a
// desktop and on a phone-size screen. The full suite comes with the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, PHONE, type LaunchedBrowser } from './launch';

const BASE = process.env.FUPIN_E2E_URL ?? '';
const USER = process.env.FUPIN_E2E_USER ?? '';
const PASSWORD = process.env.FUPIN_E2E_PASSWORD ?? '';
const RAW_KEY = /\b(app|routes|layout|user|login|password|common|units|errors|dashboard|households|household|member|actions|actionDialog|audit|users|vocab)\.[A-Za-z_]+\b/;

for (const [screen, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe.skipIf(!BASE)(`smoke (${screen})`, () => {
    let browser: LaunchedBrowser;
    beforeAll(async () => {
      browser = await launchChromium({ viewport, baseURL: BASE });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows the login page in Chinese', async () => {
      const { page } = browser;
      await page.goto('/');
      await page.waitForSelector('input[data-test="username"]');
      expect(await page.title()).toContain('扶贫作战指挥平台');
      expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
    });

    it.skipIf(!USER)('signs in and opens every page of the menu', async () => {
      const { page } = browser;
      await page.fill('input[data-test="username"]', USER);
      await page.fill('input[data-test="password"]', PASSWORD);
      await page.click('[data-test="login-submit"]');
      await page.waitForURL(/\/dashboard/);
      for (const path of ['/dashboard', '/households', '/audit', '/users', '/no-such-page']) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        expect(await page.locator('body').innerText(), path).not.toMatch(RAW_KEY);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(viewport.width);
      }
    });
  });
}
