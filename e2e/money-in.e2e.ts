/**
 * Money in without a card, as a subscriber does it: sign in for real (the code from the dev outbox),
 * redeem a voucher, take a promised payment, and see the balance and the due-date alert on Home; a
 * postpaid subscriber's bills, one paid by card through the sandbox. Screenshots at 390×844 and 1280×800 in test-results/screenshots/.
 * Run: npx vitest run --config e2e/vitest.config.ts e2e/money-in.e2e.ts
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './support/app-under-test';
import {
  horizontalOverflow,
  newContext,
  screenshot as takeScreenshot,
  viewports,
  watchErrors,
} from './support/browser';

const OPERATOR_KEY = 'operator-key-for-e2e-0123456789';
const BORIS = '+79000000002';
const DMITRY = '+79000000004';
let baseURL: string;
let browser: Browser;

appUnderTest((app) => ({ baseURL, browser } = app), { env: { OPERATOR_API_KEY: OPERATOR_KEY } });

async function issueVoucher(amount: number): Promise<string> {
  const response = await fetch(`${baseURL}/api/operator/vouchers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ count: 1, amount, batch: 'e2e' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { codes: string[] }).codes[0]!;
}

/**
 * Screenshots once nothing is loading. Waiting here with a locator first means the shared `settled`
 * check finds the page ready at once: its string predicate cannot poll under the app's CSP (no eval).
 */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
  await takeScreenshot(page, name);
}

/** The newest code the dev outbox holds for a number. */
async function lastCode(msisdn: string, after: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${baseURL}/dev/outbox.json?to=${encodeURIComponent(msisdn)}`);
    const { messages } = (await response.json()) as { messages: { text: string; at: string }[] };
    const fresh = messages.find((m) => Date.parse(m.at) >= after);
    if (fresh) return /\d{6}/.exec(fresh.text)![0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no SMS code for ${msisdn}`);
}

async function signIn(page: Page, msisdn: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Mobile number').fill(msisdn);
  const asked = Date.now() - 1000;
  await page.getByRole('button', { name: 'Get a code' }).click();
  await page.getByLabel('Code from the SMS').fill(await lastCode(msisdn, asked));
  // Six digits submit the code by themselves; the PIN offer follows.
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('heading', { level: 1, name: /Hello|Your line/ }).waitFor();
}

/**
 * Failed requests by URL, so a journey can say which failures it expects (the signed-out session probe,
 * the wrong code it typed on purpose) and refuse any other.
 */
function watchFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return failures;
}

/** What the sign-in screen asks on its own: header sign-in (this browser is not on the operator's network). */
const SIGN_IN_PROBES = ['401 /api/auth/network-sign-in'];

/** Console errors other than the browser's note about a failed request (those are checked by URL). */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !e.startsWith('console: Failed to load resource'));

const balanceText = async (page: Page) => (await page.locator('.balance-card__value').textContent()) ?? '';

describe('money in', () => {
  it('redeems a voucher and takes a promised payment, on a phone', async () => {
    const code = await issueVoucher(20_000); // 200.00 ₽
    const context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const failures = watchFailures(page);
    await signIn(page, BORIS);
    // Boris: 400.00 − 350.00 − 37.60 = 12.40 ₽ (the demo's money movements).
    expect(await balanceText(page)).toMatch(/12\.40/);

    await page.getByRole('link', { name: /Redeem a voucher/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Voucher' }).waitFor();
    await page.getByLabel('Voucher code').fill('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.getByText(/This code is not valid/).waitFor();
    await screenshot(page, 'money-in-voucher-wrong-phone');
    await page.getByLabel('Voucher code').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Redeem' }).click();
    // 12.40 + 200.00 = 212.40 (whole roubles are shown without kopecks: ₽200)
    await page.getByText(/₽200 added to your balance.*212\.40/).waitFor();
    await screenshot(page, 'money-in-voucher-phone');
    expect(await horizontalOverflow(page)).toBe(0);

    await page.goto('/account/promised-payment');
    await page.getByRole('heading', { level: 1, name: 'Promised payment' }).waitFor();
    await page.getByRole('radio', { name: '₽300' }).check();
    await screenshot(page, 'money-in-promised-offer-phone');
    await page.getByRole('button', { name: 'Get ₽300' }).click();
    // 212.40 + 300.00 − 10.00 fee = 502.40
    await page.getByText(/₽300 added to your balance \(now ₽502\.40\)/).waitFor();
    // The offer gives way to the promised payment just taken.
    await page.getByText(/₽300 to repay by/).waitFor();
    await screenshot(page, 'money-in-promised-taken-phone');

    await page.goto('/');
    await page.getByText(/Promised payment: ₽300 to repay by/).waitFor();
    expect(await balanceText(page)).toMatch(/502\.40/);
    await screenshot(page, 'money-in-home-phone');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(failures).toEqual([...SIGN_IN_PROBES, '400 /api/lines/%2B79000000002/vouchers/redeem']);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it('shows the same on a desktop, and a postpaid subscriber’s bills', async () => {
    const context = await newContext(browser, baseURL, viewports.desktop);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const failures = watchFailures(page);
    await signIn(page, BORIS);
    await page.getByText(/Promised payment: ₽300 to repay by/).waitFor();
    expect(await balanceText(page)).toMatch(/502\.40/);
    await screenshot(page, 'money-in-home-desktop');
    await page.getByRole('link', { name: 'Details', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Promised payment' }).waitFor();
    await page.getByText(/₽300 to repay by/).waitFor();
    await screenshot(page, 'money-in-promised-desktop');
    await page.goto('/account/voucher');
    await page.getByText('Redeemed vouchers').waitFor();
    await screenshot(page, 'money-in-voucher-desktop');
    expect(failures).toEqual(SIGN_IN_PROBES);
    await context.close();

    for (const [name, viewport] of [
      ['desktop', viewports.desktop],
      ['phone', viewports.phone],
    ] as const) {
      const postpaid = await newContext(browser, baseURL, viewport);
      const bills = await postpaid.newPage();
      errors.push(...watchErrors(bills));
      const billFailures = watchFailures(bills);
      await signIn(bills, DMITRY);
      await bills.getByRole('link', { name: /^Bills/ }).click();
      await bills.getByRole('heading', { level: 1, name: 'Bills' }).waitFor();
      await screenshot(bills, `money-in-bills-${name}`);
      await bills.locator('.list-row--link').first().click();
      await bills.getByRole('heading', { level: 1, name: /^Bill / }).waitFor();
      await bills.getByText('Download PDF invoice').waitFor();
      await bills.getByRole('heading', { level: 2, name: 'Pay by card' }).waitFor();
      await screenshot(bills, `money-in-bill-${name}`);
      expect(await horizontalOverflow(bills)).toBe(0);
      if (name === 'phone') {
        // The whole 2,912.80 (the 2,500.00 fee + 412.80 usage of the bill's period) through the sandbox.
        expect(await bills.getByLabel('Amount, RUB').inputValue()).toBe('2912.80');
        await bills.getByRole('button', { name: 'Pay ₽2,912.80' }).click();
        await bills.waitForURL(/\/sandbox\/pay\/sbx_/);
        await bills.getByLabel('Card number').fill('4242 4242 4242 4242');
        await bills.getByLabel('Expiry (MM/YY)').fill('12/30');
        await bills.getByLabel('Security code').fill('123');
        await bills.getByRole('button', { name: /^Pay / }).click();
        await bills.waitForURL(/\/top-up\/result\?.*bill=/);
        await bills.getByRole('heading', { level: 2, name: /^₽2,912\.80 paid towards bill B-/ }).waitFor();
        await screenshot(bills, 'money-in-bill-paid-phone');
        await bills.getByRole('link', { name: 'Back to the bill' }).click();
        await bills.locator('.badge', { hasText: 'Paid' }).waitFor();
        await bills.getByText(/by card/).waitFor();
        // Nothing left to pay: no pay form.
        expect(await bills.getByRole('heading', { level: 2, name: 'Pay by card' }).count()).toBe(0);
      }
      expect(billFailures).toEqual(SIGN_IN_PROBES);
      await postpaid.close();
    }
    expect(unexpected(errors)).toEqual([]);
  });

  // Boris's promised payment from the first journey, in the other two languages.
  it('reads in Russian and Indonesian', async () => {
    const context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, BORIS);
    for (const [language, title, alert] of [
      ['Русский', 'Обещанный платёж', /Вернуть 300.* до /],
      ['Bahasa Indonesia', 'Pinjaman pulsa', /Lunasi .*300.* sebelum/],
    ] as const) {
      await page.goto('/settings');
      // The language loads on demand: the choice shows as made once it has.
      const radio = page.getByRole('radio', { name: language });
      await radio.click();
      await expect.poll(() => radio.isChecked()).toBe(true);
      await page.goto('/account/promised-payment');
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText(alert).waitFor();
      await screenshot(page, `money-in-promised-${language === 'Русский' ? 'ru' : 'id'}-phone`);
      expect(await horizontalOverflow(page)).toBe(0);
    }
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});
