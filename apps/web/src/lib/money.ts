/**
 * Money on the client: amounts arrive as integer minor units (kopecks, cents, sen) of the operator's
 * currency, and unit prices as integer micros (millionths of a minor unit). No arithmetic is done on
 * floats: integers are turned into exact decimal strings, and Intl.NumberFormat formats those strings
 * (it accepts decimal strings exactly, ES2023), so the only "division" is the final display step.
 */

const digitsCache = new Map<string, number>();

/**
 * How many minor-unit digits a currency has, as Intl (CLDR) knows it: RUB 2, JPY 0, KWD 3.
 * Asked with a fixed locale so the answer depends on the currency only, never on the UI language;
 * the server's money module asks the same way, so both sides agree on what a "minor unit" is.
 */
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

/** The exact decimal text of `value / 10^scale` for an integer value: (150050, 2) -> "1500.50". */
export function toDecimalString(value: number, scale: number): `${number}` {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`bad scale: ${scale}`);
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value));
  if (scale === 0) return `${sign}${digits}` as `${number}`;
  const padded = digits.padStart(scale + 1, '0');
  const whole = padded.slice(0, padded.length - scale);
  const fraction = padded.slice(padded.length - scale);
  return `${sign}${whole}.${fraction}` as `${number}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * Formats an amount of minor units for people: `formatMoney(150000, 'RUB', 'ru')` -> "1 500 ₽".
 * Whole amounts drop the ".00" (operators print "₽500/month"); any other amount shows every minor digit.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return formatter(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    trailingZeroDisplay: 'stripIfInteger',
  }).format(toDecimalString(minor, digits));
}

/** Micros per minor unit: unit prices are stored in millionths of a minor unit. */
export const MICROS_PER_MINOR = 1_000_000;
const MICROS_SCALE = 6;

/**
 * Formats a unit price given in micros of a minor unit, keeping sub-minor precision that the
 * operator set (e.g. 0.35 kopeck per megabyte prints as "₽0.0035"); never rounds a price up or down.
 */
export function formatUnitPrice(micros: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return formatter(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits + MICROS_SCALE,
    trailingZeroDisplay: 'stripIfInteger',
  }).format(toDecimalString(micros, digits + MICROS_SCALE));
}

/**
 * Reads an amount a person typed in major units ("500", "500.5", "1 500,50") as minor units, or null
 * when it is not an amount or has more decimals than the currency. Exact: no float arithmetic.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text.replace(/[\s\u00a0\u202f]/g, ''));
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}
