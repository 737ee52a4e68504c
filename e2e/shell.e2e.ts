/**
 * Browser journeys through the web shell against the real server and its demo catalogue.
 * Run: npx vitest run --config e2e/vitest.config.ts   (or: npm run test:e2e)
 * Against a server you already run: E2E_BASE_URL=http://127.0.0.1:3000 npx vitest run --config e2e/vitest.config.ts
 */
import type { Catalog } from '@kabinet/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appUnderTest } from './support/app-under-test';
import {
  horizontalOverflow,
  newContext,
  screenshot,
  settled,
  viewports,
  watchErrors,
} from './support/browser';

let baseURL: string;
let browser: Browser;
let catalog: Catalog;

appUnderTest((app) => ({ baseURL, browser } = app));

beforeAll(async () => {
  const response = await fetch(`${baseURL}/api/catalog`);
  expect(response.status).toBe(200);
  catalog = (await response.json()) as Catalog;
});

/** The section navigation that is visible at this size (tab bar on phones, sidebar on desktop). */
const nav = (page: Page) => page.getByRole('navigation', { name: /Sections|Разделы|Bagian/ });

async function openSection(page: Page, name: string, path: RegExp) {
  await nav(page).getByRole('link', { name, exact: true }).click();
  await page.waitForURL(path);
}

/** Waits for the screen's title (h1) to read `name` (exactly, or matching a pattern). */
async function expectH1(page: Page, name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' }).waitFor();
}

/** Waits for any screen title (h1). */
async function anyH1(page: Page) {
  await page.getByRole('heading', { level: 1 }).waitFor();
}

async function expectVisible(page: Page, text: string) {
  await page.getByText(text, { exact: true }).first().waitFor({ state: 'visible' });
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A country in a zone that has roaming packs (or the first zone's first country). */
function roamingCountry() {
  const zone =
    catalog.roamingZones.find((z) =>
      catalog.packs.some((p) => p.kind === 'roaming' && p.roamingZone === z.code),
    ) ?? catalog.roamingZones[0]!;
  return { zone, country: zone.countries[0]!.toUpperCase() };
}

describe('web shell', () => {
  let context: BrowserContext;

  it('is a real catalogue: the demo data has what the journeys need', () => {
    expect(catalog.tariffs.length).toBeGreaterThan(0);
    expect(catalog.packs.some((p) => p.kind === 'internet')).toBe(true);
    expect(catalog.roamingZones.length).toBeGreaterThan(0);
  });

  it('on a phone: home, tariffs, a tariff, internet, services, roaming, bonus, settings', async () => {
    context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    const errors = watchErrors(page);

    await page.goto('/');
    await expectH1(page, new RegExp(escapeRegExp(catalog.operator.name)));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Phones get the bottom tab bar: four sections and More.
    for (const name of ['Home', 'Tariffs', 'Internet', 'Services', 'More']) {
      await nav(page).getByRole('link', { name, exact: true }).waitFor();
    }
    expect(
      await nav(page).getByRole('link', { name: 'Home', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    await screenshot(page, 'home-phone-en');

    const first = catalog.tariffs[0]!;
    await openSection(page, 'Tariffs', /\/tariffs$/);
    await expectH1(page, 'Tariffs');
    await page.getByRole('heading', { level: 2, name: first.name, exact: true }).waitFor();
    expect(
      await nav(page).getByRole('link', { name: 'Tariffs', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    await screenshot(page, 'tariffs-phone-en');

    await page.getByRole('link', { name: `Details of ${first.name}` }).click();
    await page.waitForURL(new RegExp(`/tariffs/${encodeURIComponent(first.code)}$`));
    await expectH1(page, first.name);
    await page.getByRole('heading', { name: 'Prices beyond the bundle' }).waitFor();
    await screenshot(page, 'tariff-phone-en');

    await openSection(page, 'Internet', /\/internet$/);
    await expectH1(page, 'Internet');
    for (const pack of catalog.packs.filter((p) => p.kind === 'internet'))
      await expectVisible(page, pack.name.en);
    await screenshot(page, 'internet-phone-en');

    await openSection(page, 'Services', /\/services$/);
    await expectH1(page, 'Services');
    const option = catalog.services.find((s) => s.kind === 'option');
    if (option) await expectVisible(page, option.name.en);
    await page.getByRole('heading', { name: 'Paid content subscriptions' }).waitFor();
    await screenshot(page, 'services-phone-en');

    await openSection(page, 'More', /\/more$/);
    await screenshot(page, 'more-phone-en');
    await page.getByRole('link', { name: /^Roaming/ }).click();
    await page.waitForURL(/\/roaming$/);
    await expectH1(page, 'Roaming');
    expect(
      await nav(page).getByRole('link', { name: 'More', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    const { zone, country } = roamingCountry();
    await page.getByLabel('Country').selectOption(country);
    await page.waitForURL(new RegExp(`country=${country}`));
    await expectVisible(page, `Zone: ${zone.name.en}`);
    await page.getByRole('heading', { name: 'Prices by tariff' }).waitFor();
    await screenshot(page, 'roaming-phone-en');

    await openSection(page, 'More', /\/more$/);
    await page.getByRole('link', { name: /^Bonus/ }).click();
    await expectH1(page, 'Bonus');
    const reward = catalog.rewards[0];
    if (reward) await expectVisible(page, reward.name.en);
    await screenshot(page, 'bonus-phone-en');

    await openSection(page, 'More', /\/more$/);
    await page.getByRole('link', { name: /^Settings/ }).click();
    await expectH1(page, 'Settings');
    await screenshot(page, 'settings-phone-en');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches language to Russian and Indonesian, and keeps it after a reload', async () => {
    context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await anyH1(page);

    await page.getByLabel('Language').selectOption('ru');
    for (const name of ['Главная', 'Тарифы', 'Интернет', 'Услуги', 'Ещё']) {
      await nav(page).getByRole('link', { name, exact: true }).waitFor();
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await expectH1(page, new RegExp(escapeRegExp(catalog.operator.name)));
    await screenshot(page, 'home-phone-ru');
    await openSection(page, 'Тарифы', /\/tariffs$/);
    await expectH1(page, 'Тарифы');
    await screenshot(page, 'tariffs-phone-ru');

    await page.reload();
    await expectH1(page, 'Тарифы');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');

    await page.getByLabel('Язык').selectOption('id');
    for (const name of ['Beranda', 'Tarif', 'Internet', 'Layanan', 'Lainnya']) {
      await nav(page).getByRole('link', { name, exact: true }).waitFor();
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await expectH1(page, 'Tarif');
    await screenshot(page, 'tariffs-phone-id');
    await openSection(page, 'Beranda', /\/$/);
    await screenshot(page, 'home-phone-id');

    await page.reload();
    await nav(page).getByRole('link', { name: 'Beranda', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');

    // Settings offers the same choice, with the languages named in themselves.
    await openSection(page, 'Lainnya', /\/more$/);
    await page.getByRole('link', { name: /^Pengaturan/ }).click();
    await page.getByRole('radio', { name: 'English' }).check();
    await nav(page).getByRole('link', { name: 'Home', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a desktop: the sidebar shows every section', async () => {
    context = await newContext(browser, baseURL, viewports.desktop);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await anyH1(page);

    const sections = [
      { name: 'Home', path: /\/$/, shot: 'home' },
      { name: 'Tariffs', path: /\/tariffs$/, shot: 'tariffs' },
      { name: 'Internet', path: /\/internet$/, shot: 'internet' },
      { name: 'Services', path: /\/services$/, shot: 'services' },
      { name: 'Roaming', path: /\/roaming$/, shot: 'roaming-zones' },
      { name: 'Bonus', path: /\/bonus$/, shot: 'bonus' },
      { name: 'Settings', path: /\/settings$/, shot: 'settings' },
    ];
    for (const section of sections) {
      await nav(page).getByRole('link', { name: section.name, exact: true }).waitFor({ state: 'visible' });
    }
    // The phone tab bar (with "More") is not shown.
    expect(await nav(page).getByRole('link', { name: 'More', exact: true }).count()).toBe(0);

    for (const section of sections) {
      await openSection(page, section.name, section.path);
      await expectH1(
        page,
        section.name === 'Home' ? new RegExp(escapeRegExp(catalog.operator.name)) : section.name,
      );
      expect(
        await nav(page).getByRole('link', { name: section.name, exact: true }).getAttribute('aria-current'),
      ).toBe('page');
      await screenshot(page, `${section.shot}-desktop-en`);
    }

    const first = catalog.tariffs[0]!;
    await page.goto(`/tariffs/${encodeURIComponent(first.code)}`);
    await expectH1(page, first.name);
    await screenshot(page, 'tariff-desktop-en');

    const { zone, country } = roamingCountry();
    await page.goto(`/roaming?country=${country}`);
    await expectVisible(page, `Zone: ${zone.name.en}`);
    await screenshot(page, 'roaming-desktop-en');

    for (const [language, home] of [
      ['ru', 'Главная'],
      ['id', 'Beranda'],
    ] as const) {
      await page.getByLabel(/Language|Язык|Bahasa/).selectOption(language);
      await nav(page).getByRole('link', { name: home, exact: true }).click();
      await page.waitForURL(/\/$/);
      await anyH1(page);
      await screenshot(page, `home-desktop-${language}`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 320 px phone without sideways scrolling', async () => {
    context = await newContext(browser, baseURL, viewports.small);
    const page = await context.newPage();
    const { country } = roamingCountry();
    const paths = [
      '/',
      '/tariffs',
      `/tariffs/${encodeURIComponent(catalog.tariffs[0]!.code)}`,
      '/internet',
      '/services',
      '/roaming',
      `/roaming?country=${country}`,
      '/bonus',
      '/settings',
      '/more',
      '/no-such-page',
    ];
    for (const path of paths) {
      await page.goto(path);
      await anyH1(page);
      await settled(page);
      expect({ path, overflow: await horizontalOverflow(page) }).toEqual({ path, overflow: 0 });
    }
    await expectH1(page, 'Page not found');
    await context.close();
  });

  it('says honestly when the catalogue is unavailable, and recovers on retry', async () => {
    context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    await context.route('**/api/catalog', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'unavailable' }),
      }),
    );
    await page.goto('/tariffs');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('Temporarily unavailable — try again in a minute.');
    await screenshot(page, 'error-phone-en');

    await context.unroute('**/api/catalog');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 2, name: catalog.tariffs[0]!.name, exact: true }).waitFor();
    await context.close();
  });
});
