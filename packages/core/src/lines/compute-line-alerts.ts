import type { LocalizedText } from './types';

export type AlertSeverity = 'critical' | 'warning' | 'info';
type BundleUnit = 'voice_seconds' | 'sms' | 'data_bytes';

export type LineAlert =
  | {
      code: 'low_balance';
      severity: AlertSeverity;
      reason: 'exhausted' | 'below_next_fee' | 'below_usual_spending';
      available: number;
      needed: number;
      dueAt: string | null;
    }
  | {
      code: 'bundle_almost_used' | 'bundle_used_up';
      severity: AlertSeverity;
      bundleId: number;
      unit: BundleUnit;
      remaining: number;
      total: number;
      usedPercent: number;
      expiresAt: string;
    }
  | { code: 'tariff_fee_unpaid'; severity: AlertSeverity; amount: number; shortfall: number }
  | {
      code: 'service_fee_unpaid';
      severity: AlertSeverity;
      serviceCode: string;
      name: LocalizedText;
      amount: number;
    }
  | {
      code: 'bill_open' | 'bill_overdue';
      severity: AlertSeverity;
      billNumber: string;
      amount: number;
      dueDate: string;
    }
  | {
      code: 'promised_payment_due';
      severity: AlertSeverity;
      amount: number;
      dueAt: string;
      overdue: boolean;
    }
  | {
      code: 'line_blocked';
      severity: AlertSeverity;
      status: 'active' | 'limited' | 'blocked_debt' | 'suspended' | 'terminated';
    };

export interface LineAlertInput {
  /** Today in the billing time zone, YYYY-MM-DD (bills are due on local dates). */
  today: string;
  paymentType: 'prepaid' | 'postpaid';
  balance: number;
  creditLimit: number;
  lineStatus: string;
  /** 'suspended' while a prepaid tariff fee is unpaid. */
  tariffStatus: string;
  /** The tariff fee charged next (per day or per month) and when; amount 0 for tariffs without a fee. */
  nextFee: { amount: number; dueAt: string | null };
  /** Money the line spent on usage over the last 30 days, in minor units. */
  usageSpentLast30Days: number;
  bundles: readonly { id: number; unit: BundleUnit; total: number; remaining: number; expiresAt: string }[];
  services: readonly {
    code: string;
    name: LocalizedText;
    status: string;
    feeType: 'one_time' | 'daily' | 'monthly';
    feeAmount: number;
  }[];
  bills: readonly {
    number: string;
    status: string;
    totalAmount: number;
    paidAmount: number;
    dueDate: string;
  }[];
  /** The open or overdue promised payment of the account, if any. */
  promisedPayment?: { outstanding: number; dueAt: string; status: string } | null;
}

/** A bundle is "almost used" from this share on (in percent). */
export const BUNDLE_ALMOST_USED_PERCENT = 90;
/** A prepaid balance is low when it would not last this many days of the line's usual paid usage. */
export const LOW_BALANCE_DAYS = 7;

const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };
const CLOSED_BILL = new Set(['paid', 'settled', 'cancelled', 'void', 'draft']);

/**
 * The alerts on the Home screen, most severe first. Rules:
 * - line blocked for debt or limited: critical;
 * - a promised payment still to repay: warning with its due date, critical once overdue;
 * - prepaid tariff fee unpaid (tariff suspended): critical, with how much to top up;
 * - prepaid service suspended for an unpaid fee: warning;
 * - prepaid low balance (not repeated when the tariff fee is already unpaid): available money (balance
 *   + credit limit) at or below zero (critical), below the next tariff fee (warning), or below a week of
 *   the line's usual paid usage, i.e. 7 × (last 30 days' usage spend / 30) (warning);
 * - a bundle with ≥ 90 % used (integer arithmetic: used × 100 ≥ total × 90): info, or warning when used up;
 * - postpaid bills with money still to pay: overdue (status overdue or due date before today) critical,
 *   otherwise open (info).
 */
export function computeLineAlerts(input: LineAlertInput): LineAlert[] {
  const alerts: LineAlert[] = [];

  if (input.lineStatus === 'blocked_debt' || input.lineStatus === 'limited') {
    alerts.push({ code: 'line_blocked', severity: 'critical', status: input.lineStatus });
  }
  const promised = input.promisedPayment;
  if (promised && promised.outstanding > 0) {
    const overdue = promised.status === 'overdue';
    alerts.push({
      code: 'promised_payment_due',
      severity: overdue ? 'critical' : 'warning',
      amount: promised.outstanding,
      dueAt: promised.dueAt,
      overdue,
    });
  }

  const available = input.balance + input.creditLimit;
  if (input.paymentType === 'prepaid') {
    const feeUnpaid = input.tariffStatus === 'suspended';
    if (feeUnpaid) {
      alerts.push({
        code: 'tariff_fee_unpaid',
        severity: 'critical',
        amount: input.nextFee.amount,
        shortfall: Math.max(0, input.nextFee.amount - available),
      });
    }
    for (const s of input.services) {
      if (s.status === 'suspended' && s.feeAmount > 0) {
        alerts.push({
          code: 'service_fee_unpaid',
          severity: 'warning',
          serviceCode: s.code,
          name: s.name,
          amount: s.feeAmount,
        });
      }
    }
    if (!feeUnpaid) {
      const weekOfUsage = Math.ceil((input.usageSpentLast30Days * LOW_BALANCE_DAYS) / 30);
      if (available <= 0) {
        alerts.push({
          code: 'low_balance',
          severity: 'critical',
          reason: 'exhausted',
          available,
          needed: Math.max(input.nextFee.amount, weekOfUsage),
          dueAt: input.nextFee.amount > 0 ? input.nextFee.dueAt : null,
        });
      } else if (input.nextFee.amount > 0 && available < input.nextFee.amount) {
        alerts.push({
          code: 'low_balance',
          severity: 'warning',
          reason: 'below_next_fee',
          available,
          needed: input.nextFee.amount,
          dueAt: input.nextFee.dueAt,
        });
      } else if (available < weekOfUsage) {
        alerts.push({
          code: 'low_balance',
          severity: 'warning',
          reason: 'below_usual_spending',
          available,
          needed: weekOfUsage,
          dueAt: null,
        });
      }
    }
  }

  for (const b of input.bundles) {
    if (b.total <= 0) continue;
    const used = b.total - b.remaining;
    if (used * 100 < b.total * BUNDLE_ALMOST_USED_PERCENT) continue;
    const usedUp = b.remaining <= 0;
    alerts.push({
      code: usedUp ? 'bundle_used_up' : 'bundle_almost_used',
      severity: usedUp ? 'warning' : 'info',
      bundleId: b.id,
      unit: b.unit,
      remaining: b.remaining,
      total: b.total,
      usedPercent: usedUp ? 100 : Math.min(99, Math.floor((used * 100) / b.total)),
      expiresAt: b.expiresAt,
    });
  }

  if (input.paymentType === 'postpaid') {
    for (const bill of input.bills) {
      const outstanding = bill.totalAmount - bill.paidAmount;
      if (outstanding <= 0 || CLOSED_BILL.has(bill.status)) continue;
      const overdue = bill.status === 'overdue' || bill.dueDate < input.today;
      alerts.push({
        code: overdue ? 'bill_overdue' : 'bill_open',
        severity: overdue ? 'critical' : 'info',
        billNumber: bill.number,
        amount: outstanding,
        dueDate: bill.dueDate,
      });
    }
  }

  // Stable: alerts of equal severity keep the order the rules above give them.
  return alerts
    .map((alert, i) => ({ alert, i }))
    .sort((a, b) => SEVERITY_ORDER[a.alert.severity] - SEVERITY_ORDER[b.alert.severity] || a.i - b.i)
    .map((x) => x.alert);
}
