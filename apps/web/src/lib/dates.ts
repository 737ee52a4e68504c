// Making an Intl.DateTimeFormat costs far more than using one (a Home shows a dozen dates), so each
// language, style and zone gets one.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${options.dateStyle}|${options.timeStyle}|${options.timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** "26 Nov 2026, 19:32" in the UI language and the browser's time zone. */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** "26 Nov 2026" for an instant, in the UI language and the browser's time zone. */
export function formatDate(iso: string, locale: string, timeZone?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/**
 * A calendar day given as YYYY-MM-DD (a bill's due date in the billing time zone): shown as that day
 * whatever the browser's zone, so it is read at noon UTC and formatted in UTC.
 */
export function formatLocalDay(day: string, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}
