/**
 * Topping up by card in Chromium against the real server and its sandbox provider: sign in with the
 * SMS code from the dev outbox, choose an amount, pay on the hosted page with the 3-D Secure test card
 * 4000 0000 0000 3220, confirm the challenge, come back to the result screen with its receipt, and see
 * the new balance on Home. Screenshots at 390×844 and 1280×800.
 * Run: npm run build && npm run test:e2e -- top-up
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './support/app-under-test';
import { horizontalOverflow, newContext, screenshot, viewports } from './support/browser';

let baseURL: string;
let browser: Browser;

appUnderTest((app) => ({ baseURL, browser } = app), { env: { AUTO_TOP_UP_INTERVAL_SECONDS: '0' } });

async function latestCode(msisdn: string, before: number): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await fetch(`${baseURL}/dev/outbox.json?to=${encodeURIComponent(msisdn)}`);
    const { messages } = (await response.json()) as { messages: { text: string }[] };
    if (messages.length > before) return /\b(\d{6})\b/.exec(messages[0]!.text)![1]!;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no SMS to ${msisdn}`);
}

async function outboxCount(msisdn: string): Promise<number> {
  const response = await fetch(`${baseURL}/dev/outbox.json?to=${encodeURIComponent(msisdn)}`);
  return ((await response.json()) as { messages: unknown[] }).messages.length;
}

/** Signs Anna in for real: number, the SMS code from the dev outbox, no PIN on this device. */
async function signInAnna(page: Page) {
  await page.goto('/sign-in');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  const before = await outboxCount('+79000000001');
  await page.getByLabel('Mobile number').fill('+7 900 000-00-01');
  await page.getByRole('button', { name: 'Get a code' }).click();
  await page.getByLabel('Code from the SMS').fill(await latestCode('+79000000001', before));
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hello, Anna' }).waitFor();
}

/** Page errors and console errors other than expected failed loads (e.g. the network sign-in probe). */
function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/^Failed to load resource/.test(message.text())) {
      errors.push(message.text());
    }
  });
  return errors;
}

const balanceOnHome = (page: Page) =>
  page.getByRole('region', { name: 'Balance' }).locator('.balance-card__value').textContent();

describe('top-up by card', () => {
  it('on a phone: 500 ₽ with the 3-D Secure test card, approved, shows on Home', async () => {
    const context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInAnna(page);
    // Anna's demo balance is 1,245.50 ₽.
    expect(await balanceOnHome(page)).toMatch(/1,245\.50/);

    await page.getByRole('link', { name: 'Top up', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Top up' }).waitFor();
    await page.getByRole('button', { name: '₽500', exact: true }).click();
    expect(await page.getByLabel('Amount, RUB').inputValue()).toBe('500');
    await screenshot(page, 'top-up-phone-en');
    expect(await horizontalOverflow(page)).toBe(0);
    await page.getByRole('button', { name: 'Top up ₽500' }).click();

    // The sandbox's hosted page (server-rendered, outside the app).
    await page.waitForURL(/\/sandbox\/pay\/sbx_/);
    await page.getByRole('heading', { name: 'Pay by card' }).waitFor();
    await page.getByLabel('Card number').fill('4000 0000 0000 3220');
    await page.getByLabel('Expiry (MM/YY)').fill('12/30');
    await page.getByLabel('Security code').fill('123');
    await screenshot(page, 'sandbox-pay-phone');
    await page.getByRole('button', { name: /^Pay / }).click();

    await page.waitForURL(/\/3ds$/);
    await page.getByRole('heading', { name: 'Confirm this payment' }).waitFor();
    await screenshot(page, 'sandbox-3ds-phone');
    await page.getByRole('button', { name: 'Confirm payment' }).click();

    // Back in the app: the result screen asks until the payment is final, then shows the receipt.
    await page.waitForURL(/\/top-up\/result\?/);
    await page.getByRole('heading', { level: 2, name: '₽500 added to the balance' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Receipt' }).waitFor();
    await page.getByText('Visa ending 3220').waitFor();
    expect(await page.getByText(/^R-\d{8}-\d{6}$/).count()).toBe(1);
    await screenshot(page, 'top-up-result-phone-en');

    await page.getByRole('link', { name: 'Go to Home' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hello, Anna' }).waitFor();
    // 1,245.50 + 500.00 = 1,745.50 ₽.
    await page.getByText('₽1,745.50').waitFor();
    expect(await balanceOnHome(page)).toMatch(/1,745\.50/);
    await screenshot(page, 'home-after-top-up-phone-en');

    await page.getByRole('link', { name: 'Payment history' }).click();
    await page.getByRole('heading', { level: 1, name: 'Payment history' }).waitFor();
    await page.getByText('Top-up by card').first().waitFor();
    await screenshot(page, 'payments-phone-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a desktop: a saved card, auto top-up settings, a declined card with its reason, history', async () => {
    const context = await newContext(browser, baseURL, viewports.desktop);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInAnna(page);

    const payOnHostedPage = async (card: string) => {
      await page.waitForURL(/\/sandbox\/pay\/sbx_/);
      await page.getByLabel('Card number').fill(card);
      await page.getByLabel('Expiry (MM/YY)').fill('12/30');
      await page.getByLabel('Security code').fill('123');
      await page.getByRole('button', { name: /^Pay / }).click();
    };

    await page.goto('/top-up');
    await page.getByRole('heading', { level: 1, name: 'Top up' }).waitFor();
    await page.getByLabel('Amount, RUB').fill('150');
    await page.getByLabel('Save this card for next top-ups and auto top-up').check();
    await screenshot(page, 'top-up-desktop-en');
    await page.getByRole('button', { name: 'Top up ₽150' }).click();
    await page.getByRole('heading', { name: 'Pay by card' }).waitFor();
    await screenshot(page, 'sandbox-pay-desktop');
    await payOnHostedPage('4242 4242 4242 4242');
    await page.getByRole('heading', { level: 2, name: '₽150 added to the balance' }).waitFor();

    await page.goto('/top-up/auto');
    await page.getByRole('heading', { level: 1, name: 'Auto top-up' }).waitFor();
    await page.getByLabel('Top up automatically').check();
    await page.getByLabel('When the balance falls below').fill('200');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Auto top-up settings saved.').waitFor();
    await screenshot(page, 'auto-top-up-desktop-en');

    // The saved card is offered first; a declined new card is shown with the bank's reason.
    await page.goto('/top-up');
    await page.getByRole('radio', { name: /Visa ending 4242/ }).waitFor();
    await page.getByRole('radio', { name: 'A new card' }).check();
    await page.getByLabel('Amount, RUB').fill('120');
    await page.getByRole('button', { name: 'Top up ₽120' }).click();
    await payOnHostedPage('4000 0000 0000 0002');
    await page.getByRole('heading', { level: 2, name: 'The payment did not go through' }).waitFor();
    await page.getByText('The bank declined the card.', { exact: false }).waitFor();
    await screenshot(page, 'top-up-declined-desktop-en');

    await page.goto('/payments');
    await page.getByRole('heading', { level: 1, name: 'Payment history' }).waitFor();
    await page.getByText('Failed').first().waitFor();
    await screenshot(page, 'payments-desktop-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in Russian and Indonesian on a phone: the top-up, result and history screens are translated', async () => {
    const context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInAnna(page);
    const titles = {
      ru: { topUp: 'Пополнение', history: 'История платежей', auto: 'Автоплатёж' },
      id: { topUp: 'Isi ulang', history: 'Riwayat pembayaran', auto: 'Isi ulang otomatis' },
    };
    for (const [language, title] of Object.entries(titles)) {
      await page.evaluate(`localStorage.setItem('kabinet.language', '${language}')`);
      await page.goto('/top-up');
      await page.getByRole('heading', { level: 1, name: title.topUp }).waitFor();
      await screenshot(page, `top-up-phone-${language}`);
      expect(await horizontalOverflow(page)).toBe(0);
      await page.goto('/payments');
      await page.getByRole('heading', { level: 1, name: title.history }).waitFor();
      await screenshot(page, `payments-phone-${language}`);
      await page.goto('/top-up/auto');
      await page.getByRole('heading', { level: 1, name: title.auto }).waitFor();
      await screenshot(page, `auto-top-up-phone-${language}`);
      expect(await horizontalOverflow(page)).toBe(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
