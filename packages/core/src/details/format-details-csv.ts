import { formatLocalDateTime, minorToDecimal, pickText } from './format';
import type { DetailItem } from './types';

export interface DetailsCsvOptions {
  currency: string;
  timeZone: string;
  lang: 'en' | 'ru' | 'id';
}

/** Column names are stable, machine-friendly English (spreadsheets and imports key on them). */
export const DETAILS_CSV_COLUMNS = [
  'local_time',
  'utc_time',
  'type',
  'kind',
  'other_party',
  'destination',
  'roaming_country',
  'quantity',
  'unit',
  'rated_units',
  'bundle_units',
  'amount',
  'amount_minor',
  'currency',
  'description',
  'reference',
] as const;

/**
 * A spreadsheet would run a cell that starts with =, +, -, @ (or a tab/CR) as a formula. Text that came
 * from outside (a sender name, a reference) is defused with a leading apostrophe; a plain phone number
 * like +79001234567 or a number like -12.50 is left as it is.
 */
function defuse(text: string): string {
  if (/^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-]\d[\d.]*$/.test(text))) return `'${text}`;
  return text;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and quotes inside it are doubled. */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : defuse(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Itemized details as CSV (RFC 4180: CRLF line ends, a header row), prefixed with a UTF-8 byte order
 * mark so that Excel opens names in Cyrillic correctly. Amounts appear twice: as a decimal in major
 * units with a dot ("54.50") and as integer minor units.
 */
export function formatDetailsCsv(items: readonly DetailItem[], options: DetailsCsvOptions): string {
  const lines = [DETAILS_CSV_COLUMNS.join(',')];
  for (const item of items) {
    const row = [
      formatLocalDateTime(item.at, options.timeZone),
      new Date(item.at).toISOString(),
      item.type,
      item.kind,
      item.otherParty,
      item.destinationClass,
      item.roamingCountry,
      item.quantity,
      item.unit,
      item.ratedUnits,
      item.bundleUnits,
      minorToDecimal(item.amount, options.currency),
      item.amount,
      options.currency,
      item.description ? pickText(item.description, options.lang) : null,
      item.reference ? [item.reference.type, item.reference.id].filter(Boolean).join(':') : null,
    ];
    lines.push(row.map(field).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
