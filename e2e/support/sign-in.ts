/** Signing in for real in a journey: the number, then the SMS code read from the dev outbox. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

interface OutboxMessage {
  to: string;
  text: string;
}

async function outbox(baseURL: string, msisdn: string): Promise<OutboxMessage[]> {
  const response = await fetch(`${baseURL}/dev/outbox.json?to=${encodeURIComponent(msisdn)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** The code of the newest SMS to `msisdn`, once there are more than `before` (newest first). */
async function newCode(baseURL: string, msisdn: string, before: number): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const messages = await outbox(baseURL, msisdn);
    if (messages.length > before) {
      const code = /\b(\d{6})\b/.exec(messages[0]!.text)?.[1];
      expect(code, messages[0]!.text).toMatch(/^\d{6}$/);
      return code!;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no new SMS to ${msisdn}`);
}

/**
 * From the public home in English: the header's "Sign in" → number → code → "Skip" the PIN (or set
 * `options.pin`). Without a PIN a page load keeps the session, so the journey may navigate by URL
 * afterwards; with one a page load asks for it.
 */
export async function signInAs(
  page: Page,
  baseURL: string,
  msisdn: string,
  options: { pin?: string } = {},
): Promise<void> {
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  const before = (await outbox(baseURL, msisdn)).length;
  await page.getByLabel('Mobile number').fill(msisdn);
  await page.getByRole('button', { name: 'Get a code', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Enter the code' }).waitFor();
  await page.getByLabel('Code from the SMS').fill(await newCode(baseURL, msisdn, before));
  await page.getByRole('heading', { level: 1, name: /Set a PIN/ }).waitFor();
  if (options.pin) {
    await page.getByLabel('PIN', { exact: true }).fill(options.pin);
    await page.getByLabel('Repeat the PIN').fill(options.pin);
    await page.getByRole('button', { name: 'Set PIN' }).click();
  } else {
    await page.getByRole('button', { name: 'Skip' }).click();
  }
  await page.getByRole('heading', { level: 2, name: 'Balance' }).waitFor();
}
