/**
 * The personal account, in Chromium against the real server: sign in → balance and bundles → buy an
 * internet pack (the bundle grows, the balance drops by the pack's price) → connect and disconnect a
 * service → change tariff → itemized details and the CSV → Russian and Indonesian → sign out.
 * Screenshots of every main screen at 390×844 and 1280×800 in test-results/screenshots/account-*.
 * Run: npx vitest run --config e2e/vitest.config.ts e2e/account.e2e.ts
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './support/app-under-test';
import { horizontalOverflow, newContext, screenshot, viewports, watchErrors } from './support/browser';
import { signInAs } from './support/sign-in';

let baseURL: string;
let browser: Browser;

appUnderTest((app) => ({ baseURL, browser } = app));

/** "₽1,245.50" (English formatting) → 124550 minor units. */
function minorUnits(text: string | null): number {
  const match = /(-|−)?[^\d]*([\d,]+)(?:\.(\d{2}))?/.exec((text ?? '').trim());
  if (!match) throw new Error(`no amount in ${text}`);
  const whole = Number(match[2]!.replace(/,/g, ''));
  const cents = Number(match[3] ?? '0');
  return (match[1] ? -1 : 1) * (whole * 100 + cents);
}

async function h1(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function balanceOnHome(page: Page): Promise<number> {
  await page.goto('/');
  await page.getByRole('heading', { level: 2, name: 'Balance' }).waitFor();
  // The confirmed figure: the last known one (painted first, marked, by index.html's boot script or the
  // app) may be from before the change being checked.
  const confirmed = page.locator('.line-summary:not(.line-summary--stale) .balance-card__value');
  await confirmed.waitFor();
  return minorUnits(await confirmed.textContent());
}

function nav(page: Page) {
  return page.getByRole('navigation', { name: /Sections|Разделы|Bagian/ });
}

describe('personal account', () => {
  it('on a phone: buy a pack, connect and disconnect a service, change tariff, details and CSV, languages, sign out', async () => {
    const context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAs(page, baseURL, '+79000000001');
    await h1(page, 'Hello, Anna');
    await screenshot(page, 'account-home-phone-en');
    const balanceBefore = await balanceOnHome(page);

    // Internet: the data left, then buy "1 GB for 7 days" (100 ₽ in the demo catalogue).
    await nav(page).getByRole('link', { name: 'Internet' }).click();
    await h1(page, 'Internet');
    await page.getByRole('heading', { level: 2, name: 'Internet left' }).waitFor();
    const meters = page.locator('.meter');
    await meters.first().waitFor();
    const metersBefore = await meters.count();
    // Use by day: 30 days of the billing calendar, exact figures in the table screen readers read.
    await page.getByRole('heading', { level: 2, name: 'Use by day' }).waitFor();
    expect(await page.getByRole('table', { name: 'Internet used per day' }).locator('tbody tr').count()).toBe(
      30,
    );
    await screenshot(page, 'account-internet-phone-en');
    await page.getByRole('button', { name: 'Buy 1 GB for 7 days' }).click();
    const dialog = page.getByRole('dialog', { name: 'Buy 1 GB for 7 days' });
    await dialog.getByText('Charged now').waitFor();
    // The quote, from the server: 100 ₽ now, effective right away.
    expect(minorUnits(await dialog.locator('.quote__amount').textContent())).toBe(10_000);
    await dialog.getByText('Right away').waitFor();
    await screenshot(page, 'account-buy-pack-phone-en');
    await dialog.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.getByText('1 GB for 7 days is added to your line.').waitFor();
    // The bundle grew: one more internet meter, the new pack's, full (1 GB of 1 GB).
    await expect.poll(() => meters.count()).toBe(metersBefore + 1);
    await page.locator('.meter', { hasText: '1 GB for 7 days' }).getByText('1 GB left of 1 GB').waitFor();
    // …and the balance dropped by exactly the price: before − 100.00 ₽.
    expect(await balanceOnHome(page)).toBe(balanceBefore - 10_000);

    // Services: connect "World calls −50%" (100 ₽ a month), then disconnect it.
    await nav(page).getByRole('link', { name: 'Services' }).click();
    await h1(page, 'Services');
    await page.getByRole('heading', { level: 2, name: 'Connected' }).waitFor();
    await screenshot(page, 'account-services-phone-en');
    await page.getByRole('button', { name: 'Connect World calls −50%' }).click();
    const connect = page.getByRole('dialog', { name: 'Connect World calls −50%' });
    await connect.getByText('Charged now').waitFor();
    const connectCost = minorUnits(await connect.locator('.quote__amount').textContent());
    await connect.getByText('₽100/month').waitFor();
    await screenshot(page, 'account-connect-phone-en');
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText('World calls −50% is connected.').waitFor();
    await page.getByRole('button', { name: 'Disconnect World calls −50%' }).waitFor();
    await page.getByRole('button', { name: 'Disconnect World calls −50%' }).click();
    const disconnect = page.getByRole('dialog', { name: 'Disconnect World calls −50%' });
    await disconnect.getByText('Charged now').waitFor();
    expect(minorUnits(await disconnect.locator('.quote__amount').textContent())).toBe(0);
    await disconnect.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await page.getByText('World calls −50% is disconnected.').waitFor();
    await page.getByRole('button', { name: 'Connect World calls −50%' }).waitFor();
    // Paid content subscriptions are listed apart, each with its own cancel.
    await page.getByRole('button', { name: 'Cancel MusicBox' }).waitFor();
    // Call forwarding: the line itself is refused, a real number is saved (and shown in E.164).
    await page.getByRole('checkbox', { name: /When busy/ }).check();
    await page.getByLabel('Forward to').fill('8 900 000-00-01');
    await page.getByRole('button', { name: 'Save call forwarding' }).click();
    await page.getByText('Enter a valid phone number other than this line.').waitFor();
    await page.getByLabel('Forward to').fill('8 916 123-45-67');
    await page.getByRole('button', { name: 'Save call forwarding' }).click();
    await page.getByText('Call forwarding is saved.').waitFor();
    expect(await page.getByLabel('Forward to').inputValue()).toBe('+79161234567');
    await page.getByRole('heading', { level: 2, name: 'Call forwarding' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'account-call-forwarding-phone-en');
    expect(await balanceOnHome(page)).toBe(balanceBefore - 10_000 - connectCost);

    // Tariffs: the line's own first, then a priced switch.
    await nav(page).getByRole('link', { name: 'Tariffs' }).click();
    await h1(page, 'Tariffs');
    await page.locator('.tariff-card--current').getByText('Your tariff').waitFor();
    expect(await page.locator('.tariff-card--current h2').textContent()).toBe('Smart Plus');
    await screenshot(page, 'account-tariffs-phone-en');
    await page.getByRole('button', { name: 'Switch to Smart Start' }).click();
    const change = page.getByRole('dialog', { name: 'Switch to Smart Start' });
    await change.getByText('Takes effect').waitFor();
    await screenshot(page, 'account-change-tariff-phone-en');
    await change.getByRole('button', { name: 'Switch tariff' }).click();
    await page.getByText(/You (are on Smart Start now|switch to Smart Start on .+)\./).waitFor();

    // Account: the itemized details of this month, with the pack and the service just charged.
    await page.goto('/account');
    await h1(page, 'Balance & details');
    await page.getByRole('heading', { level: 2, name: 'Itemized details' }).waitFor();
    const list = page.getByRole('list', { name: 'Charges, newest first' });
    await list
      .getByText('Pack purchase')
      .or(list.getByText(/1 GB for 7 days/))
      .first()
      .waitFor();
    await screenshot(page, 'account-details-phone-en');
    // Payments and charges: the pack bought above (−100 ₽) and the seeded top-ups (+).
    const history = page.getByRole('list', { name: 'Payments and charges, newest first' });
    await history.locator('li', { hasText: 'Pack purchase' }).first().waitFor();
    expect(
      minorUnits(
        await history
          .locator('li', { hasText: 'Pack purchase' })
          .first()
          .locator('.detail-row__amount')
          .textContent(),
      ),
    ).toBe(-10_000);
    await history.locator('li', { hasText: 'Top-up' }).first().waitFor();
    // Spending by month: this month's row holds at least the pack (100 ₽) and the service bought above.
    const spending = page.getByRole('table', { name: 'Spending by month and category' });
    await spending.waitFor();
    expect(await spending.locator('tbody tr').count()).toBe(6);
    const thisMonth = spending.locator('tbody tr').last();
    expect(minorUnits(await thisMonth.locator('td').last().textContent())).toBeGreaterThanOrEqual(
      10_000 + connectCost,
    );
    // Only fees and purchases: every row is a charge.
    await page.getByLabel('Type', { exact: true }).selectOption('fee');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.locator('.details-totals').getByText('Fees and purchases').waitFor();
    await expect
      .poll(async () => (await list.locator('.badge--type').allInnerTexts()).every((t) => t === 'Charge'))
      .toBe(true);
    // A period that ends before it starts is refused on the spot.
    await page.getByLabel('From', { exact: true }).fill('2026-11-20');
    await page.getByLabel('To', { exact: true }).fill('2026-11-10');
    await page.getByText('The first day must not be after the last one.').waitFor();
    expect(await page.getByRole('button', { name: 'Show', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'This month' }).click();

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    // UTF-8 with a BOM, a header row, and the pack bought above among the rows (100.00 major units).
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
    expect(csv).toContain('100.00');

    // Languages: Settings in Russian, then Indonesian; the screens follow.
    await nav(page).getByRole('link', { name: 'More' }).click();
    await page.getByRole('link', { name: /^Settings/ }).click();
    await h1(page, 'Settings');
    // Notifications: offers are off until chosen; the choice is saved at once and survives a reload.
    const offers = page.getByRole('checkbox', { name: 'Offers and promotions' });
    expect(await offers.isChecked()).toBe(false);
    await offers.click();
    await expect.poll(() => offers.isChecked()).toBe(true);
    await page.reload();
    await h1(page, 'Settings');
    await expect
      .poll(() => page.getByRole('checkbox', { name: 'Offers and promotions' }).isChecked())
      .toBe(true);
    await screenshot(page, 'account-settings-phone-en');
    await page.getByRole('radio', { name: 'Русский' }).click();
    await h1(page, 'Настройки');
    await screenshot(page, 'account-settings-phone-ru');
    await nav(page).getByRole('link', { name: 'Интернет' }).click();
    await page.getByRole('heading', { level: 2, name: 'Остаток интернета' }).waitFor();
    await screenshot(page, 'account-internet-phone-ru');
    await page.goto('/account');
    await h1(page, 'Баланс и расходы');
    await page.getByRole('heading', { level: 2, name: 'Детализация' }).waitFor();
    await screenshot(page, 'account-details-phone-ru');
    await page.goto('/settings');
    await page.getByRole('radio', { name: 'Bahasa Indonesia' }).click();
    await h1(page, 'Pengaturan');
    await nav(page).getByRole('link', { name: 'Layanan' }).click();
    await page.getByRole('heading', { level: 2, name: 'Aktif', exact: true }).waitFor();
    await screenshot(page, 'account-services-phone-id');
    expect(await horizontalOverflow(page)).toBe(0);

    // Sign out (in Indonesian): back on the public home, the private screens gone.
    await page.goto('/settings');
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Masuk', exact: true }).waitFor();
    await page.goto('/account');
    await h1(page, 'Masuk');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a desktop: every main screen of a signed-in line', async () => {
    const context = await newContext(browser, baseURL, viewports.desktop);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAs(page, baseURL, '+79000000005');
    await h1(page, 'Hello, Elena');
    await screenshot(page, 'account-home-desktop-en');
    // A refresh control on the desktop Home; the figures say when they are from.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText(/^As of /).waitFor();

    // Installable: a manifest with 192 and 512 px icons that load, and an active service worker.
    const manifest = (await (await fetch(`${baseURL}/manifest.webmanifest`)).json()) as {
      display: string;
      start_url: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/');
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i) => i.sizes === size);
      expect(icon, size).toBeDefined();
      const response = await fetch(`${baseURL}${icon!.src}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
    }
    expect(await page.evaluate('navigator.serviceWorker.ready.then((r) => r.active !== null)')).toBe(true);

    // A repeat visit paints the last known balance from this device at once, then confirms it.
    const balance = await page.locator('.balance-card__value').textContent();
    await page.goto('/');
    expect(await page.locator('.balance-card__value').textContent()).toBe(balance);
    for (const [, title, shot] of [
      ['/account', 'Balance & details', 'details'],
      ['/tariffs', 'Tariffs', 'tariffs'],
      ['/internet', 'Internet', 'internet'],
      ['/services', 'Services', 'services'],
      ['/settings', 'Settings', 'settings'],
    ] as const) {
      await nav(page).getByRole('link', { name: title }).click();
      await h1(page, title);
      await screenshot(page, `account-${shot}-desktop-en`);
      expect(await horizontalOverflow(page)).toBe(0);
    }
    // A tariff's own page: the line's tariff is marked, another one is a priced switch away.
    await page.goto('/tariffs/smart-plus');
    await h1(page, 'Smart Plus');
    await page.getByText('Your tariff', { exact: true }).waitFor();
    await page.goto('/tariffs/basic');
    await h1(page, 'Basic');
    await page.getByRole('button', { name: 'Switch to Basic' }).click();
    await page.getByRole('dialog', { name: 'Switch to Basic' }).getByText('Takes effect').waitFor();
    await screenshot(page, 'account-tariff-switch-desktop-en');
    await page.getByRole('button', { name: 'Not now' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a 320 px phone: every signed-in screen fits without sideways scrolling', async () => {
    const context = await newContext(browser, baseURL, viewports.small);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAs(page, baseURL, '+79000000002');
    await h1(page, 'Hello, Boris');
    for (const [path, heading, shot] of [
      ['/', 'Hello, Boris', 'home'],
      ['/account', 'Balance & details', 'details'],
      ['/internet', 'Internet', 'internet'],
      ['/services', 'Services', 'services'],
      ['/tariffs', 'Tariffs', 'tariffs'],
    ] as const) {
      await page.goto(path);
      await h1(page, heading);
      await screenshot(page, `account-${shot}-320`);
      expect(await horizontalOverflow(page), path).toBe(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
