// Starts Debian's Chromium (/usr/bin/chromium) headless through playwright-core for
// end-to-end tests. Never downloads a browser: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 is
// set for npm, and this helper refuses to run without the system Chromium.
//
// Each launch gets a fresh temporary folder holding the profile and HOME /
// XDG_CONFIG_HOME / XDG_CACHE_HOME, so Chromium writes nothing into the real home;
// close() removes it. launchPersistentContext is used because launch() refuses
// --user-data-dir.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FUPIN_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Phone-size screen of the responsive checks. */
export const PHONE = { width: 375, height: 812 } as const;
/** The responsible cadre's phone (a current mid-size phone, touch). */
export const CADRE_PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1440, height: 900 } as const;

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  /** Browser language; the app itself defaults to zh-CN. */
  locale?: string;
  /** Base URL for page.goto('/…'), e.g. http://127.0.0.1:8080. */
  baseURL?: string;
  /** Phone emulation: meta viewport honoured, touch events. */
  isMobile?: boolean;
  hasTouch?: boolean;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  page: Page;
  /** The temporary folder holding the profile and HOME; removed by close(). */
  dir: string;
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install Debian's: apt-get install -y chromium fonts-wqy-microhei ` +
        '(never let Playwright download a browser).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'fupin-e2e-'));
  const home = join(dir, 'home');
  const env: Record<string, string> = {
    ...(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<string, string>),
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
  for (const path of [env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME]) mkdirSync(path, { recursive: true });

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      env,
      viewport: options.viewport ?? DESKTOP,
      locale: options.locale ?? 'zh-CN',
      baseURL: options.baseURL,
      isMobile: options.isMobile,
      hasTouch: options.hasTouch,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    dir,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
