// Shared pieces of the end-to-end tests: where the server is, signing in through the
// login page, an API session sharing the browser's cookies, screenshots, and the
// checks every page gets (no raw i18n key, no "undefined"/"NaN", Chinese fonts).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';

export const BASE = process.env.FUPIN_E2E_URL ?? '';
export const ARTIFACTS = process.env.FUPIN_E2E_ARTIFACTS ?? '';
export const PASSWORD = process.env.FUPIN_E2E_DEMO_PASSWORD ?? 'Demo2020';
/** The county of the demo database the runner creates (资中县), and its town 高楼镇. */
export const COUNTY = '511025';
export const TOWN = '511025124';
export const VILLAGE = '511025124229';

/** Generous: the machine running these has two busy cores. */
export const STEP_TIMEOUT = 45_000;

/** An i18n key left untranslated, as the smoke test defines it. */
export const RAW_KEY =
  /\b(app|routes|layout|user|login|password|common|units|errors|dashboard|households|household|member|actions|actionDialog|audit|users|vocab|myHouseholds|visitForm|queue|visits|structure|coverage|cadre|compliance|tasks|meetings|commandCards)\.[A-Za-z_]+\b/;

/** Saves a full-page PNG into FUPIN_E2E_ARTIFACTS (when set); returns its path. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string | null> {
  if (!ARTIFACTS) return null;
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  // Let the fonts load and animations (dialogs, chart entrance) settle before the shot.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // A full-page shot of a scrolled page draws the sticky header and menu mid-page.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(800);
  await page.screenshot({ path, fullPage, timeout: STEP_TIMEOUT, animations: 'disabled' });
  return path;
}

/** The visible text of the page: no raw i18n key, no "undefined", no "NaN", no "[object Object]". */
export async function expectCleanText(page: Page, where: string): Promise<string> {
  const text = await page.locator('body').innerText();
  expect(text, `${where}: raw i18n key`).not.toMatch(RAW_KEY);
  expect(text, `${where}: "undefined"`).not.toMatch(/\bundefined\b/);
  expect(text, `${where}: "NaN"`).not.toMatch(/\bNaN\b/);
  expect(text, `${where}: "[object Object]"`).not.toContain('[object Object]');
  return text;
}

/**
 * Chinese text must render as glyphs, not as boxes: draws two different characters in
 * the page's own font and compares the pixels. Missing glyphs draw the same box for
 * both (and nothing at all when there is no fallback).
 */
export async function expectChineseFont(page: Page): Promise<void> {
  const result = await page.evaluate(() => {
    const font = getComputedStyle(document.body).fontFamily;
    const draw = (ch: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 48, 48);
      ctx.fillStyle = '#000';
      ctx.font = `32px ${font}`;
      ctx.fillText(ch, 4, 38);
      const data = ctx.getImageData(0, 0, 48, 48).data;
      let ink = 0;
      let key = '';
      for (let i = 0; i < data.length; i += 4) {
        const dark = data[i] < 128 ? 1 : 0;
        ink += dark;
        key += dark;
      }
      return { ink, key };
    };
    const a = draw('扶');
    const b = draw('贫');
    return { font, inked: a.ink > 20 && b.ink > 20, distinct: a.key !== b.key };
  });
  expect(result.inked, `Chinese glyphs draw ink (font: ${result.font})`).toBe(true);
  expect(result.distinct, `Chinese glyphs are not boxes (font: ${result.font})`).toBe(true);
}

/** Signs in through the login page and waits for the role's landing page (作战图; 我的帮扶户 for a cadre). */
export async function login(page: Page, username: string, password = PASSWORD, landing: RegExp = /\/dashboard/): Promise<void> {
  await page.goto('/login', { timeout: STEP_TIMEOUT });
  await page.waitForSelector('input[data-test="username"]', { timeout: STEP_TIMEOUT });
  await page.fill('input[data-test="username"]', username);
  await page.fill('input[data-test="password"]', password);
  await page.click('[data-test="login-submit"]');
  await page.waitForURL(landing, { timeout: STEP_TIMEOUT });
}

/** Waits until the dashboard shows figures and has drawn at least `charts` ECharts canvases. */
export async function waitForDashboard(page: Page, charts = 1): Promise<void> {
  await page.waitForFunction(
    () => {
      const value = document.querySelector('[data-test="card-poor"] [data-test="card-value"]')?.textContent?.trim() ?? '';
      return /\d/.test(value);
    },
    undefined,
    { timeout: STEP_TIMEOUT },
  );
  await page.waitForFunction(
    (n) => Array.from(document.querySelectorAll('.chart-card canvas')).filter((c) => (c as HTMLCanvasElement).width > 0).length >= n,
    charts,
    { timeout: STEP_TIMEOUT },
  );
}

/** The number shown on a headline card ("1,234" → 1234). */
export async function cardNumber(page: Page, key: string): Promise<number> {
  const text = (await page.locator(`[data-test="card-${key}"] [data-test="card-value"]`).innerText()).replace(/[,\s]/g, '');
  const value = Number(text);
  expect(Number.isFinite(value), `card ${key} shows a number, got "${text}"`).toBe(true);
  return value;
}

/** The JSON API with the browser context's cookies, plus the CSRF token for writes. */
export class Api {
  private csrf = '';
  constructor(private readonly request: APIRequestContext) {}

  static of(context: BrowserContext): Api {
    return new Api(context.request);
  }

  /** Signs in through the API (for a context that does not use the login page). */
  async login(username: string, password = PASSWORD): Promise<void> {
    const res = await this.request.post(`${BASE}/api/v1/auth/login`, { data: { username, password }, timeout: STEP_TIMEOUT });
    expect(res.status(), `API login ${username}`).toBe(200);
    this.csrf = (await res.json()).csrf_token;
  }

  async get<T = any>(path: string, expectStatus = 200): Promise<T> {
    const res = await this.request.get(`${BASE}/api/v1${path}`, { timeout: STEP_TIMEOUT });
    expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(expectStatus);
    return (await res.json()) as T;
  }

  async post<T = any>(path: string, data: unknown, expectStatus = 200): Promise<T> {
    if (!this.csrf) this.csrf = (await this.get('/auth/me')).csrf_token;
    const res = await this.request.post(`${BASE}/api/v1${path}`, {
      data,
      headers: { 'X-CSRF-Token': this.csrf },
      timeout: STEP_TIMEOUT,
    });
    expect(res.status(), `POST ${path}: ${await res.text()}`).toBe(expectStatus);
    return (await res.json()) as T;
  }
}
