import { localDateOf } from '../time/zoned';

export interface AutoTopUpSettings {
  enabled: boolean;
  /** What one auto top-up puts on the balance, minor units. */
  amount: number;
  /** Top up when the balance is below this (minor units); null: no balance trigger. */
  threshold: number | null;
  /** Top up once a month on this day of the month (1-28); null: no monthly trigger. */
  monthlyDay: number | null;
  /** At most this much by auto top-up per day, minor units. */
  dailyLimit: number;
  /** At most this much by auto top-up per calendar month, minor units. */
  monthlyLimit: number;
}

export type AutoTopUpDecision =
  | { charge: true; trigger: 'threshold' | 'monthly'; idempotencyKey: string; amount: number }
  | { charge: false; reason: 'disabled' | 'not_due' | 'daily_limit' | 'monthly_limit' };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Whether the auto top-up job charges the saved card now. Each trigger carries a key derived from
 * the trigger itself: the balance trigger fires at most once per local day (`auto:threshold:<date>`),
 * the monthly one once per month (`auto:monthly:<yyyy-mm>`, on or after its day, so a day the job
 * missed is made up later in the month). The payment's UNIQUE key then makes every trigger charge at
 * most once, whichever node runs the job. The limits count what auto top-up already took (succeeded
 * or still pending) today and this month; a charge that would pass either limit is not made.
 */
export function decideAutoTopUp(input: {
  settings: AutoTopUpSettings;
  balance: number;
  now: Date;
  timeZone: string;
  /** Keys of this account's auto top-ups already made, whatever their outcome. */
  usedKeys: ReadonlySet<string>;
  takenToday: number;
  takenThisMonth: number;
}): AutoTopUpDecision {
  const { settings, balance, now, timeZone, usedKeys } = input;
  if (!settings.enabled) return { charge: false, reason: 'disabled' };
  const today = localDateOf(now, timeZone);
  const month = `${today.year}-${pad(today.month)}`;
  const date = `${month}-${pad(today.day)}`;

  let due: { trigger: 'threshold' | 'monthly'; idempotencyKey: string } | undefined;
  const monthlyKey = `auto:monthly:${month}`;
  const thresholdKey = `auto:threshold:${date}`;
  if (settings.monthlyDay !== null && today.day >= settings.monthlyDay && !usedKeys.has(monthlyKey)) {
    due = { trigger: 'monthly', idempotencyKey: monthlyKey };
  } else if (settings.threshold !== null && balance < settings.threshold && !usedKeys.has(thresholdKey)) {
    due = { trigger: 'threshold', idempotencyKey: thresholdKey };
  }
  if (!due) return { charge: false, reason: 'not_due' };
  if (input.takenToday + settings.amount > settings.dailyLimit)
    return { charge: false, reason: 'daily_limit' };
  if (input.takenThisMonth + settings.amount > settings.monthlyLimit) {
    return { charge: false, reason: 'monthly_limit' };
  }
  return { charge: true, ...due, amount: settings.amount };
}

/** Settings a subscriber may save: an amount within the top-up limits, limits that allow one top-up. */
export function checkAutoTopUpSettings(
  settings: AutoTopUpSettings,
  limits: { min: number; max: number },
): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (settings.amount < limits.min || settings.amount > limits.max) {
    errors.push({ field: 'amount', message: `must be between ${limits.min} and ${limits.max}` });
  }
  if (settings.enabled && settings.threshold === null && settings.monthlyDay === null) {
    errors.push({ field: 'threshold', message: 'set a balance threshold, a monthly day, or both' });
  }
  if (settings.monthlyDay !== null && (settings.monthlyDay < 1 || settings.monthlyDay > 28)) {
    errors.push({ field: 'monthlyDay', message: 'must be a day from 1 to 28' });
  }
  if (settings.dailyLimit < settings.amount) {
    errors.push({ field: 'dailyLimit', message: 'must allow at least one top-up' });
  }
  if (settings.monthlyLimit < settings.dailyLimit) {
    errors.push({ field: 'monthlyLimit', message: 'must be at least the daily limit' });
  }
  return errors;
}
