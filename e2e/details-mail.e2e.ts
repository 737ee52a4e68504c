/**
 * Itemized details by e-mail, in Chromium against the real server: Balance & details → "Send to
 * e-mail" → the address on file is offered → a typo is caught → CSV only → the success message → the
 * mail with its CSV in the development mail outbox (/dev/mail); the same form on a desktop and in
 * Russian. Screenshots in test-results/screenshots/details-mail-*.
 * Run: npx vitest run --config e2e/vitest.config.ts e2e/details-mail.e2e.ts
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appUnderTest } from './support/app-under-test';
import { horizontalOverflow, newContext, screenshot, viewports, watchErrors } from './support/browser';
import { signInAs } from './support/sign-in';

let baseURL: string;
let browser: Browser;

appUnderTest((app) => ({ baseURL, browser } = app));

interface OutboxMail {
  to: string;
  subject: string;
  attachments: { fileName: string; url: string; size: number }[];
}

async function mailsTo(address: string): Promise<OutboxMail[]> {
  const response = await fetch(`${baseURL}/dev/mail.json?to=${encodeURIComponent(address)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { mails: OutboxMail[] }).mails;
}

async function openDetails(page: Page) {
  await page.goto('/account');
  await page.getByRole('heading', { level: 2, name: 'Itemized details' }).waitFor();
  await page.locator('.details-totals').waitFor();
}

describe('itemized details by e-mail', () => {
  it('on a phone: order this month as CSV to the address on file and find the mail in the outbox', async () => {
    const context = await newContext(browser, baseURL, viewports.phone);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAs(page, baseURL, '+79000000001');
    await openDetails(page);
    const before = (await mailsTo('anna.petrova@example.com')).length;

    await page.getByRole('button', { name: 'Send to e-mail' }).click();
    const form = page.getByRole('region', { name: 'Send the details to e-mail' });
    // The address on file is offered masked, never shown in full (a family line's user reads this too).
    const onFile = form.getByRole('radio', { name: 'The address on file, a•••@example.com' });
    await expect.poll(() => onFile.isChecked()).toBe(true);
    expect(await form.getByText('anna.petrova@example.com').count()).toBe(0);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'details-mail-form-phone-en');
    expect(await horizontalOverflow(page)).toBe(0);

    // A typo in another address is caught before anything is sent.
    await form.getByRole('radio', { name: 'Another address' }).check();
    const address = form.getByLabel('E-mail address');
    await address.fill('anna.petrova@example');
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    await form.getByText('Enter an e-mail address such as name@example.com.').waitFor();
    await screenshot(page, 'details-mail-error-phone-en');
    expect(await mailsTo('anna.petrova@example.com')).toHaveLength(before);

    await onFile.check();
    await form.getByLabel('PDF, to read and print').uncheck();
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    // "On their way" at once, then "have been sent" once the screen learns the relay took it.
    await page.getByText(/(are on their way|have been sent) to a•••@example\.com/).waitFor();
    await page.getByText(/have been sent to a•••@example\.com/).waitFor();
    await screenshot(page, 'details-mail-sent-phone-en');

    await expect.poll(async () => (await mailsTo('anna.petrova@example.com')).length).toBe(before + 1);
    const [mail] = await mailsTo('anna.petrova@example.com');
    expect(mail!.subject).toMatch(
      /^Itemized details of \+79000000001 for \d{4}-\d{2}-01 – \d{4}-\d{2}-\d{2}$/,
    );
    expect(mail!.attachments.map((a) => a.fileName)).toEqual([
      expect.stringMatching(/^details-79000000001-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/),
    ]);
    const file = Buffer.from(await (await fetch(`${baseURL}${mail!.attachments[0]!.url}`)).arrayBuffer());
    // The byte order mark that lets Excel read Cyrillic, then the header row.
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      'local_time,utc_time,type,kind,other_party,destination,roaming_country,quantity,unit,rated_units,bundle_units,amount,amount_minor,currency,description,reference',
    );

    expect(errors).toEqual([]);

    // The outbox page lists it, with the file to open (a bare development page: no app, no favicon).
    await page.goto('/dev/mail');
    await page.getByRole('heading', { level: 1, name: 'Development mail outbox' }).waitFor();
    await page.getByRole('heading', { level: 2, name: mail!.subject }).first().waitFor();
    await page.getByRole('link', { name: mail!.attachments[0]!.fileName }).first().waitFor();
    await screenshot(page, 'details-mail-outbox-phone');
    await context.close();
  });

  it('on a desktop, in Russian: the form and its success message', async () => {
    const context = await newContext(browser, baseURL, viewports.desktop);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInAs(page, baseURL, '+79000000002');
    await openDetails(page);
    await page.getByRole('button', { name: 'Send to e-mail' }).click();
    await page.getByRole('region', { name: 'Send the details to e-mail' }).waitFor();
    await screenshot(page, 'details-mail-form-desktop-en');

    await page.goto('/settings');
    await page.getByRole('radio', { name: 'Русский' }).click();
    await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
    await page.goto('/account');
    await page.getByRole('heading', { level: 2, name: 'Детализация' }).waitFor();
    await page.getByRole('button', { name: 'Отправить на e-mail' }).click();
    const form = page.getByRole('region', { name: 'Отправить детализацию на e-mail' });
    await form.getByRole('radio', { name: 'На адрес из договора, b•••@example.com' }).waitFor();
    await form.getByRole('radio', { name: 'На другой адрес' }).check();
    await form.getByLabel('Адрес e-mail').fill('boris@work.example.org');
    await screenshot(page, 'details-mail-form-desktop-ru');
    await form.getByRole('button', { name: 'Отправить', exact: true }).click();
    await page.getByText(/отправлена на b•••@work\.example\.org/).waitFor();
    await screenshot(page, 'details-mail-sent-desktop-ru');
    await expect.poll(async () => (await mailsTo('boris@work.example.org')).length).toBe(1);
    const [mail] = await mailsTo('boris@work.example.org');
    expect(mail!.attachments.map((a) => a.fileName.slice(-4))).toEqual(['.csv', '.pdf']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
