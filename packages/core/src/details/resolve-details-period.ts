import { DomainError } from '../errors/domain-error';
import { addDays, formatLocalDate, type LocalDate, localDateOf, startOfLocalDate } from '../time/zoned';

/** The longest period one request for itemized details may cover, in days (a leap year). */
export const MAX_DETAILS_DAYS = 366;

export interface DetailsPeriod {
  /** First and last local day, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  timeZone: string;
  /** UTC instants: [start, end) covers the local days from..to. */
  start: string;
  end: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(text: string, field: string): LocalDate {
  const match = DATE.exec(text);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
  // A real calendar date: 2026-02-30 does not survive the round trip through Date.UTC.
  if (!date || formatLocalDate(addDays(date, 0)) !== text || date.year < 1970) {
    throw invalid(field, 'must be a calendar date YYYY-MM-DD');
  }
  return date;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('validation_failed', `${field.replace(/^(querystring|body)\./, '')} ${message}`, {
    errors: [{ field, message }],
  });
}

const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;

/**
 * The period of an itemized-details request, in the billing time zone. `to` defaults to today, `from`
 * to the first day of the month of `to` (so no dates at all means "this month so far"). Both days are
 * inclusive; `from` after `to` or more than 366 days are refused as validation failures.
 */
export function resolveDetailsPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
  timeZone: string,
  /** Where the dates came from, for the fields a validation failure names. */
  source: 'querystring' | 'body' = 'querystring',
): DetailsPeriod {
  const to = query.to === undefined ? localDateOf(now, timeZone) : parseLocalDate(query.to, `${source}.to`);
  const from = query.from === undefined ? { ...to, day: 1 } : parseLocalDate(query.from, `${source}.from`);
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days < 1) throw invalid(`${source}.from`, 'must not be after to');
  if (days > MAX_DETAILS_DAYS)
    throw invalid(`${source}.from`, `must be at most ${MAX_DETAILS_DAYS} days before to`);
  return {
    from: formatLocalDate(from),
    to: formatLocalDate(to),
    timeZone,
    start: startOfLocalDate(from, timeZone).toISOString(),
    end: startOfLocalDate(addDays(to, 1), timeZone).toISOString(),
  };
}
