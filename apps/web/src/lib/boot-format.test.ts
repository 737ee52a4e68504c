import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';
import { formatMsisdn } from './phone';

/**
 * index.html's boot script (apps/web/boot.js) paints the balance before any app code has loaded, so it
 * repeats lib/money formatMoney and lib/phone formatMsisdn. Its own functions are taken from the file
 * as it is inlined, so what is checked here is what runs in the page.
 */
const boot = readFileSync(new URL('../../boot.js', import.meta.url), 'utf8');

function bootFunction<T>(name: string): T {
  const start = boot.indexOf(`function ${name}(`);
  if (start < 0) throw new Error(`boot.js has no function ${name}`);
  // The function ends at the first closing brace at its own indentation.
  const indent = boot.slice(boot.lastIndexOf('\n', start) + 1, start);
  const end = boot.indexOf(`\n${indent}}`, start);
  return new Function(`${boot.slice(start, end + indent.length + 2)}\nreturn ${name};`)() as T;
}

const bootMoney = bootFunction<(minor: number, currency: string, language: string) => string>('bootMoney');
const bootMsisdn = bootFunction<(e164: string) => string>('bootMsisdn');

describe('the boot script formats the balance as the app does', () => {
  // Whole, fractional, tiny, negative and the largest safe amounts, in a currency with kopecks and in
  // the rupiah (whose minor digits come from Intl's data, as for the app).
  const amounts = [0, 5, 99, 100, 150_000, 150_050, 124_550, -1_999, -150_000, 9_007_199_254_740_991];
  for (const language of ['en', 'ru', 'id']) {
    for (const currency of ['RUB', 'IDR']) {
      it(`${currency} in ${language}`, () => {
        for (const minor of amounts)
          expect(bootMoney(minor, currency, language)).toBe(formatMoney(minor, currency, language));
      });
    }
  }

  it('writes the amounts out as people read them (worked out by hand)', () => {
    expect(bootMoney(124_550, 'RUB', 'en')).toBe('₽1,245.50');
    expect(bootMoney(124_550, 'RUB', 'ru')).toBe('1\u00a0245,50\u00a0₽');
    expect(bootMoney(124_550, 'RUB', 'id')).toBe('₽1.245,50');
    expect(bootMoney(150_000, 'RUB', 'ru')).toBe('1\u00a0500\u00a0₽');
    expect(bootMoney(-1_999, 'RUB', 'en')).toBe('-₽19.99');
    expect(bootMoney(5, 'RUB', 'en')).toBe('₽0.05');
    expect(bootMoney(250, 'JPY', 'en')).toBe('¥250');
  });

  it('writes the line number as the app does', () => {
    for (const msisdn of ['+79000000001', '+77011234567', '+6281234567890', '+4915112345678'])
      expect(bootMsisdn(msisdn)).toBe(formatMsisdn(msisdn));
    expect(bootMsisdn('+79000000001')).toBe('+7\u00a0900\u00a0000\u201100\u201101');
  });
});
