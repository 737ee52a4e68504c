import { addDays, addMonths, type LocalDate, localDateOf, startOfLocalDate } from '../time/zoned';

/**
 * Fee periods. A fee is charged per period of its subscription: a day (from one local midnight to the
 * next) or a month (from one anniversary to the next). Periods begin at local midnight in the billing
 * time zone, except the first one of a subscription started by an order, which begins at that moment.
 */
export type FeePeriodKind = 'day' | 'month';

export interface FeePeriodSpan {
  start: Date;
  end: Date;
}

function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The first anniversary strictly after `date` for a monthly fee due on `anchorDay`. Months without
 * that day use their last day (an anniversary on the 31st falls on 28/29 February and 30 April), and
 * the month after returns to the anchor.
 */
export function nextAnniversary(date: LocalDate, anchorDay: number): LocalDate {
  const thisMonth = addMonths({ ...date, day: 1 }, 0, anchorDay);
  if (compareLocalDates(thisMonth, date) > 0) return thisMonth;
  return addMonths({ ...date, day: 1 }, 1, anchorDay);
}

/** When the period that starts at `start` ends: the next local midnight, or the next anniversary. */
export function feePeriodEnd(
  start: Date,
  kind: FeePeriodKind,
  anchorDay: number | null,
  timeZone: string,
): Date {
  const date = localDateOf(start, timeZone);
  if (kind === 'day') return startOfLocalDate(addDays(date, 1), timeZone);
  return startOfLocalDate(nextAnniversary(date, anchorDay ?? date.day), timeZone);
}

/**
 * When the fee of a subscription that is already running falls due next: the end of the period that
 * contains `now` (the next local midnight, or the next anniversary after today).
 */
export function nextFeeDueAfter(now: Date, kind: FeePeriodKind, anchorDay: number, timeZone: string): Date {
  const today = localDateOf(now, timeZone);
  if (kind === 'day') return startOfLocalDate(addDays(today, 1), timeZone);
  return startOfLocalDate(nextAnniversary(today, anchorDay), timeZone);
}

/**
 * A subscription starting now (an order): its first period runs from now to the next local midnight
 * (daily) or to the same day next month (monthly, today becoming the anniversary).
 */
export function firstFeePeriod(
  now: Date,
  kind: FeePeriodKind,
  timeZone: string,
): FeePeriodSpan & { anchorDay: number | null } {
  const anchorDay = kind === 'month' ? localDateOf(now, timeZone).day : null;
  return { start: now, end: feePeriodEnd(now, kind, anchorDay, timeZone), anchorDay };
}

export interface FeeScheduleState {
  /** 'suspended' while a prepaid fee is unpaid. */
  status: 'active' | 'suspended';
  nextFeeAt: Date;
  anchorDay: number | null;
  /** The period of the fee to charge now (of the pending tariff when a change waits for this period). */
  kind: FeePeriodKind;
}

export interface DueFeePeriod extends FeePeriodSpan {
  anchorDay: number | null;
}

/**
 * The period whose fee is due at `now`, or null when nothing is due.
 *
 * Normally it is the period starting at `nextFeeAt`, so a subscription several periods behind is
 * charged period by period. A subscription suspended because its fee could not be paid resumes when
 * paid: when the unpaid period began on an earlier local day than today, the time spent suspended is
 * not charged (no bundles were given for it) and a fresh period begins at today's local midnight, with
 * today as the new anniversary, so the subscriber gets a whole period for the fee.
 */
export function dueFeePeriod(state: FeeScheduleState, now: Date, timeZone: string): DueFeePeriod | null {
  if (state.nextFeeAt.getTime() > now.getTime()) return null;
  const today = localDateOf(now, timeZone);
  const dueDay = localDateOf(state.nextFeeAt, timeZone);
  if (state.status === 'suspended' && compareLocalDates(dueDay, today) < 0) {
    const start = startOfLocalDate(today, timeZone);
    const anchorDay = state.kind === 'month' ? today.day : null;
    return { start, end: feePeriodEnd(start, state.kind, anchorDay, timeZone), anchorDay };
  }
  const anchorDay = state.kind === 'month' ? (state.anchorDay ?? dueDay.day) : null;
  return {
    start: state.nextFeeAt,
    end: feePeriodEnd(state.nextFeeAt, state.kind, anchorDay, timeZone),
    anchorDay,
  };
}

/**
 * Whether an account can pay `amount` now. A prepaid account must stay at or above minus its credit
 * limit; a postpaid fee accumulates towards the bill, so it can always be charged.
 */
export function canPayFee(
  account: { paymentType: string; balance: number; creditLimit: number },
  amount: number,
): boolean {
  if (amount <= 0 || account.paymentType === 'postpaid') return true;
  return account.balance - amount >= -account.creditLimit;
}
