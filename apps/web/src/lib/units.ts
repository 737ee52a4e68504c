/**
 * Units of a mobile line: voice in seconds, SMS as counts, data in bytes.
 *
 * Data sizes use DECIMAL (SI) multiples, as operators sell them: 1 kB = 1,000 bytes,
 * 1 MB = 1,000,000 bytes, 1 GB = 1,000,000,000 bytes (not 1,024-based GiB).
 */
import { toDecimalString } from './money';

export const BYTES_PER_KB = 1_000;
export const BYTES_PER_MB = 1_000_000;
export const BYTES_PER_GB = 1_000_000_000;

const steps = [
  { unit: 'gigabyte', scale: 9 },
  { unit: 'megabyte', scale: 6 },
  { unit: 'kilobyte', scale: 3 },
] as const;

const dataFormatters = new Map<string, Intl.NumberFormat>();

/** "15 GB", "1.5 GB", "500 MB", "102.4 kB" (localized unit names; at most 2 decimals). */
export function formatDataBytes(bytes: number, locale: string): string {
  const step = steps.find((s) => bytes >= 10 ** s.scale) ?? { unit: 'byte', scale: 0 };
  const key = `${locale}|${step.unit}`;
  let f = dataFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: step.unit,
      unitDisplay: 'short',
      maximumFractionDigits: 2,
    });
    dataFormatters.set(key, f);
  }
  return f.format(toDecimalString(bytes, step.scale));
}

/**
 * Whole minutes in an allowance of seconds, rounded DOWN so an allowance is never overstated
 * (a 90-second allowance is "1 minute", not "2 minutes").
 */
export function wholeMinutes(seconds: number): number {
  return Math.floor(seconds / 60);
}
