export interface PromisedPaymentRules {
  /** The amounts a subscriber may choose from, minor units, ascending. */
  amounts: readonly number[];
  /** Fee charged when the promised payment is taken, minor units. */
  feeAmount: number;
  /** Days until the promised payment must be repaid. */
  termDays: number;
  /** The line must be at least this many days old. */
  minLineAgeDays: number;
  /** Top-ups (and voucher credits) of at least this much over the last `topUpWindowDays` days. */
  minTopUpAmount: number;
  topUpWindowDays: number;
  /** A line blocked for debt longer than this many days may not take one. */
  maxBlockedDays: number;
}

export type PromisedPaymentRefusal =
  | 'postpaid'
  | 'line_too_new'
  | 'too_few_top_ups'
  | 'already_open'
  | 'blocked_too_long'
  | 'line_not_active';

export interface PromisedPaymentSituation {
  paymentType: 'prepaid' | 'postpaid';
  lineStatus: string;
  lineActivatedAt: Date;
  /** When the line entered its current status. */
  statusChangedAt: Date;
  /** Sum of top-ups and voucher credits over the rules' window, minor units. */
  toppedUpInWindow: number;
  hasOpenPromisedPayment: boolean;
}

const DAY = 86_400_000;

/**
 * Whether a line may take a promised payment now, and every reason why not (the screen names them all).
 * A prepaid line only; old enough; topped up enough lately; no promised payment still open; active, or
 * blocked for debt for no longer than the rules allow (a short block is what a promised payment is for).
 */
export function promisedPaymentRefusals(
  situation: PromisedPaymentSituation,
  rules: PromisedPaymentRules,
  now: Date,
): PromisedPaymentRefusal[] {
  const reasons: PromisedPaymentRefusal[] = [];
  if (situation.paymentType !== 'prepaid') reasons.push('postpaid');
  if (now.getTime() - situation.lineActivatedAt.getTime() < rules.minLineAgeDays * DAY) {
    reasons.push('line_too_new');
  }
  if (situation.toppedUpInWindow < rules.minTopUpAmount) reasons.push('too_few_top_ups');
  if (situation.hasOpenPromisedPayment) reasons.push('already_open');
  if (situation.lineStatus === 'blocked_debt' || situation.lineStatus === 'limited') {
    if (now.getTime() - situation.statusChangedAt.getTime() > rules.maxBlockedDays * DAY) {
      reasons.push('blocked_too_long');
    }
  } else if (situation.lineStatus !== 'active') {
    reasons.push('line_not_active');
  }
  return reasons;
}
