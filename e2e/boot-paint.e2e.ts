/**
 * The balance before the app's code has run: index.html's boot script paints the top of the Home (the
 * remembered figures on a repeat visit, marked; the fresh ones on a first visit) while the ~530 kB of
 * JavaScript still downloads and runs. Seen here with the app's code blocked, so the boot paint is
 * alone on screen (en, ru, id; 390×844 and 1280×800); then the app's own render puts the balance at the
 * very same place. Nothing is painted on a device that signed out or has a PIN.
 * Run: npx vitest run --config e2e/vitest.config.ts e2e/boot-paint.e2e.ts
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './support/app-under-test';
import { newContext, screenshot, viewports } from './support/browser';
import { holdSession } from './support/hold-session';
import { signInAs } from './support/sign-in';

let baseURL: string;
let browser: Browser;

appUnderTest((app) => ({ baseURL, browser } = app));

const ANNA = '+79000000001';
const BORIS = '+79000000002';

// Browser-side code is passed as strings: this folder is type-checked without the DOM library.
const watchForFigures = `
  window.__sawBalance = false;
  new MutationObserver(() => {
    if (document.querySelector('.balance-card__value')) window.__sawBalance = true;
  }).observe(document, { childList: true, subtree: true });
`;

/** No service worker: routes must see (and block) every request for the app's code. */
const phoneContext = () =>
  newContext(browser, baseURL, viewports.phone, 'en-US', { serviceWorkers: 'block' });

/** Blocks the app's JavaScript (the boot script is inline in index.html, so it still runs). */
async function blockAppCode(page: Page): Promise<() => Promise<void>> {
  const pattern = /\/assets\/[^/]+\.js$/;
  await page.route(pattern, (route) => route.abort());
  return () => page.unroute(pattern);
}

const bootPainted = (page: Page) => page.locator('#root > [data-boot-paint]');
const appRendered = (page: Page) => page.locator('#root > .shell:not([data-boot-paint])');

/** Where the painted parts are on screen, in whole CSS pixels. */
async function places(scope: ReturnType<typeof bootPainted>) {
  const box = async (selector: string) => {
    const b = await scope.locator(selector).first().boundingBox();
    if (!b) throw new Error(`${selector} is not on screen`);
    return [b.x, b.y, b.width, b.height].map(Math.round);
  };
  return {
    title: await box('.page__title'),
    asOf: await box('.as-of'),
    label: await box('.balance-card__label'),
    value: await box('.balance-card__value'),
    // The card's left, top and width (it grows downwards when the app adds the rest of its lines).
    card: (await box('.balance-card')).slice(0, 3),
  };
}

describe('the boot paint', () => {
  it('shows the remembered balance before the app runs, where the app then shows it (en, ru, id; phone and desktop)', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signInAs(page, baseURL, ANNA);
    const cases: [string, string, string, { width: number; height: number }][] = [
      ['en', 'Hello, Anna', 'last known figures, updating…', viewports.phone],
      ['en', 'Hello, Anna', 'last known figures, updating…', viewports.desktop],
      ['ru', 'Здравствуйте, Anna', 'последние известные данные, обновляем…', viewports.phone],
      ['id', 'Halo, Anna', 'data terakhir yang diketahui, memperbarui…', viewports.desktop],
    ];
    const session = await holdSession(page);
    for (const [language, greeting, mark, viewport] of cases) {
      await page.setViewportSize(viewport);
      await page.evaluate(`localStorage.setItem('kabinet.language', '${language}')`);
      // The app, with the session held: its remembered Home, as it renders it.
      session.start();
      await page.reload();
      await appRendered(page).locator('.line-summary--stale').waitFor();
      const app = await places(appRendered(page));
      const appBalance = await appRendered(page).locator('.balance-card__value').textContent();
      session.release();

      // The boot script alone (the session still held): the same figures, marked the same way, at the
      // same places.
      const unblock = await blockAppCode(page);
      session.start();
      await page.reload();
      const painted = bootPainted(page);
      await painted.locator('.line-summary--stale .balance-card__value').waitFor();
      expect(await painted.locator('.page__title').textContent()).toBe(greeting);
      expect(await painted.locator('.as-of').textContent()).toContain(mark);
      expect(await painted.locator('.balance-card__value').textContent()).toBe(appBalance);
      expect(await places(painted)).toEqual(app);
      await screenshot(
        page,
        `boot-paint-last-known-${viewport === viewports.phone ? 'phone' : 'desktop'}-${language}`,
      );
      session.release();
      // Once the session answers, the fresh figures replace the remembered ones, unmarked.
      await painted.locator('.line-summary:not(.line-summary--stale) .balance-card__value').waitFor();
      expect(await painted.locator('.as-of').textContent()).not.toContain(mark);
      await unblock();
    }
    // With the app's code back, the app replaces the paint with its own Home.
    await page.evaluate("localStorage.setItem('kabinet.language', 'en')");
    await page.reload();
    await appRendered(page).locator('.line-summary:not(.line-summary--stale)').waitFor();
    expect(await bootPainted(page).count()).toBe(0);
    await context.close();
  });

  it('shows the fresh balance on a first visit when it arrives before the app, not marked', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signInAs(page, baseURL, ANNA);
    const balance = await page
      .locator('.line-summary:not(.line-summary--stale) .balance-card__value')
      .textContent();
    // Nothing remembered on this device: only the server's answer can be painted.
    await page.evaluate(
      "for (const k of Object.keys(localStorage)) if (k.startsWith('kabinet.lastSummary.') || k === 'kabinet.lastSession') localStorage.removeItem(k)",
    );
    await blockAppCode(page);
    await page.reload();
    const painted = bootPainted(page);
    await painted.locator('.line-summary:not(.line-summary--stale) .balance-card__value').waitFor();
    expect(await painted.locator('.balance-card__value').textContent()).toBe(balance);
    expect(await painted.locator('.as-of').textContent()).not.toContain('last known');
    await screenshot(page, 'boot-paint-fresh-phone-en');
    await page.setViewportSize(viewports.desktop);
    await screenshot(page, 'boot-paint-fresh-desktop-en');
    await context.close();
  });

  it('takes the remembered balance back when the session has ended, and paints nothing after a sign-out', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signInAs(page, baseURL, ANNA);
    await blockAppCode(page);

    // Signed out elsewhere (the cookie is gone) while the device still remembers the figures: the
    // server's answer takes the paint back to index.html's placeholder.
    await context.clearCookies();
    const session = page.waitForResponse('**/api/auth/session');
    await page.reload();
    expect((await (await session).json()).state).toBe('signed_out');
    await page.locator('#root > .boot').waitFor();
    expect(await page.locator('.balance-card__value').count()).toBe(0);
    await context.close();

    // Signed out by choice: the app forgot the figures, so no frame of them ever shows.
    const next = await phoneContext();
    const again = await next.newPage();
    await signInAs(again, baseURL, ANNA);
    await again.goto('/settings');
    await again.getByRole('button', { name: 'Sign out' }).click();
    await again.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    await next.addInitScript(watchForFigures);
    await blockAppCode(again);
    const answered = again.waitForResponse('**/api/auth/session');
    await again.goto('/');
    expect((await (await answered).json()).state).toBe('signed_out');
    await again.locator('#root > .boot').waitFor();
    expect(await again.evaluate<boolean>('window.__sawBalance')).toBe(false);
    await next.close();
  });

  it('paints nothing on a device with a PIN, though its figures are kept for after unlocking', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signInAs(page, baseURL, BORIS, { pin: '4826' });
    await page.locator('.line-summary:not(.line-summary--stale)').waitFor();
    expect(
      await page.evaluate<number>(
        "Object.keys(localStorage).filter((k) => k.startsWith('kabinet.lastSummary.')).length",
      ),
    ).toBe(1);
    await context.addInitScript(watchForFigures);
    await blockAppCode(page);
    const answered = page.waitForResponse('**/api/auth/session');
    await page.reload();
    expect((await (await answered).json()).state).toBe('pin_required');
    await page.locator('#root > .boot').waitFor();
    expect(await page.evaluate<boolean>('window.__sawBalance')).toBe(false);
    await context.close();
  });
});
