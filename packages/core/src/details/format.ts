import type { LocalizedText } from '../lines/types';
import { minorDigits } from '../money/money';

/**
 * An amount of minor units as a plain decimal in major units with a dot and no grouping ("-1234.50"):
 * the form spreadsheets and accounting imports read in every locale. Exact: no floating point.
 */
export function minorToDecimal(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as "YYYY-MM-DD HH:MM:SS" on the wall clock of a time zone. */
export function formatLocalDateTime(instant: string | Date, timeZone: string): string {
  let f = dateTimeFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dateTimeFormats.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(typeof instant === 'string' ? new Date(instant) : instant)) {
    p[part.type] = part.value;
  }
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A localized text in the wanted language, falling back to English. */
export function pickText(text: LocalizedText | null, lang: 'en' | 'ru' | 'id'): string {
  if (!text) return '';
  return text[lang] ?? text.en;
}
