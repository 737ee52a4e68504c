/** Chromium from the system (never downloaded), driven by playwright-core. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot } from './server';

export const screenshotDir = join(repoRoot, 'test-results/screenshots');

export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
  small: { width: 320, height: 640 },
} as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number },
  locale = 'en-US',
  // 'block' when a journey's routes must see every request (no service worker answering from its cache).
  options: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 900,
    hasTouch: viewport.width < 900,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    ...options,
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * Answers the app expects and handles, which Chromium still logs as failed loads: header enrichment
 * says "not recognised" (401) to every visitor who is not on the operator's network, and a wrong code
 * or PIN is a 400/401 the screen explains, and so on.
 */
const expectedFailures = [
  /\/api\/auth\/network-sign-in$/,
  /\/api\/auth\/code\/verify$/,
  /\/api\/auth\/pin\/unlock$/,
  /\/api\/auth\/code$/,
  /\/api\/auth\/password(\/sign-in)?$/,
  // A call forwarding number the server refuses (400, shown by the field).
  /\/api\/lines\/[^/]+\/call-forwarding$/,
];

/** Collects uncaught page errors and console errors, so a journey can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (/^Failed to load resource/.test(message.text()) && expectedFailures.some((p) => p.test(url))) return;
    errors.push(`console: ${message.text()} (${url})`);
  });
  return errors;
}

// Browser-side code is passed as strings: this folder is type-checked without the DOM library.

/** Waits until nothing is loading (no aria-busy element) and the fonts are ready. */
export async function settled(page: Page): Promise<void> {
  // Polled through a locator: a string predicate would be eval'ed in the page, which the CSP forbids.
  const busy = page.locator('[aria-busy="true"]');
  for (let waited = 0; (await busy.count()) > 0; waited += 50) {
    if (waited > 15_000) throw new Error('still loading after 15 s');
    await page.waitForTimeout(50);
  }
  await page.evaluate('document.fonts.ready.then(() => true)');
}

/**
 * Screenshots once the content has settled: test-results/screenshots/<name>.png is what the screen
 * shows (the viewport), <name>-full.png the whole page. (In the full-page one, fixed elements such as
 * the phone tab bar appear where the viewport ended: that is how Chromium captures, not a layout bug.)
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  await settled(page);
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  await page.screenshot({
    path: join(screenshotDir, `${name}-full.png`),
    fullPage: true,
    animations: 'disabled',
  });
  return path;
}

/** The page's width overflow in CSS pixels (0 when nothing sticks out sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}
