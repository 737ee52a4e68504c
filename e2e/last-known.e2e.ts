/**
 * The last known figures on a repeat visit: the Home this device last showed is painted before the
 * session answers, marked as not yet fresh (en, ru, id; 390×844 and 1280×800), then confirmed. They are
 * taken back and forgotten when the session has ended, and after a sign-out no later visitor of this
 * device ever sees them, not even for a frame.
 * Run: npx vitest run --config e2e/vitest.config.ts e2e/last-known.e2e.ts
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './support/app-under-test';
import { newContext, screenshot, viewports, watchErrors } from './support/browser';
import { holdSession } from './support/hold-session';
import { signInAs } from './support/sign-in';

let baseURL: string;
let browser: Browser;

appUnderTest((app) => ({ baseURL, browser } = app));

const ANNA = '+79000000001';

// Browser-side code is passed as strings: this folder is type-checked without the DOM library.
/** Records in the page whether a balance figure was ever in the document since it started loading. */
const watchForFigures = `
  window.__sawBalance = false;
  new MutationObserver(() => {
    if (document.querySelector('.balance-card__value')) window.__sawBalance = true;
  }).observe(document, { childList: true, subtree: true });
`;

/** The device's storage keys holding private figures or the remembered session. */
const privateKeys = (page: Page) =>
  page.evaluate<string[]>(
    "Object.keys(localStorage).filter((k) => k.startsWith('kabinet.lastSummary.') || k === 'kabinet.lastSession')",
  );

/** No service worker here: what is checked is the app's own memory, and routes see every request. */
const phoneContext = () =>
  newContext(browser, baseURL, viewports.phone, 'en-US', { serviceWorkers: 'block' });

const stale = (page: Page) => page.locator('.line-summary--stale');
const fresh = (page: Page) => page.locator('.line-summary:not(.line-summary--stale)');

describe('the last known figures', () => {
  it('paint before the session answers, marked as not fresh, then are confirmed (en, ru, id; phone and desktop)', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAs(page, baseURL, ANNA);
    await fresh(page).waitFor();
    const balance = await fresh(page).locator('.balance-card__value').textContent();
    expect(balance).toMatch(/\d/);
    // Remembered for the next start: who and which lines, never the session's page key.
    const remembered = JSON.parse(
      (await page.evaluate<string | null>("localStorage.getItem('kabinet.lastSession')")) ?? 'null',
    ) as Record<string, unknown>;
    expect(remembered.msisdn).toBe(ANNA);
    expect(remembered.csrfToken).toBeUndefined();

    const session = await holdSession(context);
    const marks: [string, string, { width: number; height: number }][] = [
      ['en', 'last known figures, updating…', viewports.phone],
      ['en', 'last known figures, updating…', viewports.desktop],
      ['ru', 'последние известные данные, обновляем…', viewports.phone],
      ['id', 'data terakhir yang diketahui, memperbarui…', viewports.phone],
    ];
    for (const [language, mark, viewport] of marks) {
      await page.setViewportSize(viewport);
      await page.evaluate(`localStorage.setItem('kabinet.language', '${language}')`);
      session.start();
      await page.reload();
      // The session has not answered: the remembered Home is on screen, said to be not yet fresh.
      await stale(page).waitFor();
      // The same amount as confirmed before (written per language: ₽1,245.50, 1 245,50 ₽…).
      const shown = await stale(page).locator('.balance-card__value').textContent();
      expect(shown?.replace(/\D/g, '')).toBe(balance?.replace(/\D/g, ''));
      expect(await page.locator('.as-of').textContent()).toContain(mark);
      await screenshot(
        page,
        `home-last-known-${viewport === viewports.phone ? 'phone' : 'desktop'}-${language}`,
      );
      session.release();
      await fresh(page).waitFor();
      expect(await page.locator('.as-of').textContent()).not.toContain(mark);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('are taken back and forgotten when the session has ended, and never shown after a sign-out', async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await signInAs(page, baseURL, ANNA);
    await fresh(page).waitFor();
    expect((await privateKeys(page)).length).toBe(2);

    // The session ends without this device knowing (expired, or signed out elsewhere): the remembered
    // Home may show until the server answers, then it is replaced by the public Home and forgotten.
    await context.clearCookies();
    const session = await holdSession(context);
    session.start();
    await page.reload();
    await stale(page).waitFor();
    session.release();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await page.locator('.balance-card__value').count()).toBe(0);
    expect(await privateKeys(page)).toEqual([]);

    // The next visitor of this device sees no figure at all, not even before the session answers.
    await context.addInitScript(watchForFigures);
    await page.reload();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Your line' }).waitFor();
    expect(await page.evaluate<boolean>('window.__sawBalance')).toBe(false);

    // Signed in again and signed out by choice: everything private is gone from the device at once,
    // and a reload shows the public Home without a single frame of the figures.
    await signInAs(page, baseURL, ANNA);
    await fresh(page).waitFor();
    expect((await privateKeys(page)).length).toBe(2);
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await privateKeys(page)).toEqual([]);
    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: 'Your line' }).waitFor();
    expect(await page.evaluate<boolean>('window.__sawBalance')).toBe(false);
    await context.close();
  });
});
