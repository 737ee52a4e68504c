/**
 * Money is an integer count of the currency's minor units (kopecks, cents, sen). This module owns the
 * only conversions between minor units and anything else.
 */
export type Minor = number;

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has, as Intl (CLDR) knows it: RUB 2, JPY 0, KWD 3. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Whether Intl knows the code as an ISO 4217 currency. */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf('currency').includes(code);
}

/** Converts a decimal string in major units ("12.34") to minor units, refusing excess precision. */
export function parseMajor(text: string, currency: string): Minor {
  const digits = minorDigits(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not an amount: ${text}`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > digits)
    throw new RangeError(`${text} has more than ${digits} decimals for ${currency}`);
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount out of range: ${text}`);
  return sign ? -minor : minor;
}

export function formatMoney(amount: Minor, currency: string, locale = 'en'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount / 10 ** digits);
}
