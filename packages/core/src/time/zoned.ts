/**
 * Billing periods and "today" live in the operator's time zone; storage holds UTC instants.
 * These helpers turn a local calendar date in a zone into the UTC instant of its midnight.
 */
export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsOf(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: Date, timeZone: string): number {
  const p = partsOf(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar date an instant falls on in a zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const p = partsOf(instant, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/** The UTC instant at which a local date begins in a zone (DST-aware). */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  let instant = guess - offsetAt(new Date(guess), timeZone);
  // A second pass settles dates where the offset differs between the guess and the answer.
  instant = guess - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** Adds calendar months, clamping the day to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: LocalDate, months: number, anchorDay = date.day): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(anchorDay, lastDay) };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/**
 * The monthly period that contains `now` for a subscription whose anniversary is `anchorDay`:
 * it starts at local midnight of the latest anniversary on or before now and ends at the next one.
 */
export function monthlyPeriodContaining(now: Date, anchorDay: number, timeZone: string) {
  const today = localDateOf(now, timeZone);
  let start = addMonths({ ...today, day: 1 }, 0, anchorDay);
  if (start.day > today.day) start = addMonths({ ...today, day: 1 }, -1, anchorDay);
  const end = addMonths({ ...start, day: 1 }, 1, anchorDay);
  return { start: startOfLocalDate(start, timeZone), end: startOfLocalDate(end, timeZone), startDate: start };
}
