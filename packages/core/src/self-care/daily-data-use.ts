import { addDays, formatLocalDate, type LocalDate, localDateOf, startOfLocalDate } from '../time/zoned';

export interface DailyUse {
  /** YYYY-MM-DD in the billing time zone */
  date: string;
  bytes: number;
}

/** The window of the last `days` local days up to today: [from, until) as instants, and the days in it. */
export function dailyUseWindow(
  now: Date,
  days: number,
  timeZone: string,
): { from: Date; until: Date; days: LocalDate[] } {
  const today = localDateOf(now, timeZone);
  const first = addDays(today, -(days - 1));
  const list: LocalDate[] = [];
  for (let i = 0; i < days; i++) list.push(addDays(first, i));
  return {
    from: startOfLocalDate(first, timeZone),
    until: startOfLocalDate(addDays(today, 1), timeZone),
    days: list,
  };
}

/**
 * Data used per local day (the billing zone's calendar, so a session at 01:00 Moscow time counts on
 * that Moscow day), every day of the window present, days without use as 0. A session counts on the
 * day it started, as in the itemized details.
 */
export function bucketDailyUse(
  sessions: readonly { startedAt: string; bytes: number }[],
  window: { days: LocalDate[] },
  timeZone: string,
): DailyUse[] {
  const totals = new Map(window.days.map((d) => [formatLocalDate(d), 0]));
  for (const session of sessions) {
    const day = formatLocalDate(localDateOf(new Date(session.startedAt), timeZone));
    const sum = totals.get(day);
    if (sum !== undefined) totals.set(day, sum + session.bytes);
  }
  return [...totals].map(([date, bytes]) => ({ date, bytes }));
}
