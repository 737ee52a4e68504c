import { describe, expect, it } from 'vitest';
import {
  computeBillTotals,
  computeLineAlerts,
  daysBetweenDates,
  dunningStepsDue,
  type LineAlertInput,
  newVoucherCode,
  normaliseVoucherCode,
  type PromisedPaymentRules,
  type PromisedPaymentSituation,
  parseDunningSteps,
  promisedPaymentRefusals,
} from '../src';

describe('bill totals', () => {
  // fees 1,333.33 + usage 191.34 − discount 50.00 = net 1,474.67 (in kopecks: 133_333 + 19_134 − 5_000 = 147_467)
  const charges = { feesAmount: 133_333, usageAmount: 19_134, discountAmount: 5_000 };

  it('adds exclusive tax on top, rounded half up once', () => {
    // 147_467 × 20 % = 29_493.4 → 29_493; total 147_467 + 29_493 = 176_960
    expect(computeBillTotals(charges, 2000, 'exclusive')).toEqual({
      ...charges,
      netAmount: 147_467,
      taxAmount: 29_493,
      totalAmount: 176_960,
    });
  });

  it('splits inclusive tax out of the total', () => {
    // 147_467 × 20 / 120 = 24_577.83… → 24_578; the total stays 147_467
    expect(computeBillTotals(charges, 2000, 'inclusive')).toMatchObject({
      taxAmount: 24_578,
      totalAmount: 147_467,
    });
  });

  it('rounds an exact half up', () => {
    // net 147_465 × 10 % = 14_746.5 → 14_747; inclusive 147_465 × 10 / 110 = 13_405.909… → 13_406
    const half = { feesAmount: 133_333, usageAmount: 19_134, discountAmount: 5_002 };
    expect(computeBillTotals(half, 1000, 'exclusive')).toMatchObject({
      taxAmount: 14_747,
      totalAmount: 162_212,
    });
    expect(computeBillTotals(half, 1000, 'inclusive')).toMatchObject({
      taxAmount: 13_406,
      totalAmount: 147_465,
    });
  });

  it('never lets a discount take the bill below zero, and taxes nothing then', () => {
    expect(
      computeBillTotals({ feesAmount: 1_000, usageAmount: 0, discountAmount: 5_000 }, 2000, 'exclusive'),
    ).toEqual({
      feesAmount: 1_000,
      usageAmount: 0,
      discountAmount: 1_000,
      netAmount: 0,
      taxAmount: 0,
      totalAmount: 0,
    });
  });
});

describe('dunning steps', () => {
  it('parses the configured steps', () => {
    expect(parseDunningSteps('3:reminder, 10:limit,20:block')).toEqual([
      { daysOverdue: 3, action: 'reminder' },
      { daysOverdue: 10, action: 'limit' },
      { daysOverdue: 20, action: 'block' },
    ]);
    expect(parseDunningSteps('')).toEqual([]);
  });

  it.each(['3:nag', '10:limit,3:reminder', '3:reminder,3:limit', 'limit', '-1:block'])(
    'refuses "%s"',
    (text) => {
      expect(() => parseDunningSteps(text)).toThrow(RangeError);
    },
  );

  it('applies every step reached and not applied yet, in order', () => {
    const steps = parseDunningSteps('3:reminder,10:limit,20:block');
    expect(dunningStepsDue(steps, 2, [])).toEqual([]);
    // A run that missed days catches up: at 12 days both the reminder and the limit are due.
    expect(dunningStepsDue(steps, 12, []).map((s) => s.action)).toEqual(['reminder', 'limit']);
    expect(dunningStepsDue(steps, 12, [3]).map((s) => s.action)).toEqual(['limit']);
    expect(dunningStepsDue(steps, 25, [3, 10, 20])).toEqual([]);
  });

  it('counts whole days between local dates, across months', () => {
    expect(daysBetweenDates('2026-12-16', '2026-12-19')).toBe(3);
    expect(daysBetweenDates('2026-12-16', '2027-01-05')).toBe(20);
    expect(daysBetweenDates('2026-12-16', '2026-12-10')).toBe(-6);
  });
});

describe('promised payment eligibility', () => {
  const rules: PromisedPaymentRules = {
    amounts: [10_000, 30_000],
    feeAmount: 1_000,
    termDays: 3,
    minLineAgeDays: 60,
    minTopUpAmount: 10_000,
    topUpWindowDays: 90,
    maxBlockedDays: 30,
  };
  const now = new Date('2026-11-26T09:00:00Z');
  const good: PromisedPaymentSituation = {
    paymentType: 'prepaid',
    lineStatus: 'active',
    lineActivatedAt: new Date('2026-09-27T09:00:00Z'), // exactly 60 days before now
    statusChangedAt: new Date('2026-09-27T09:00:00Z'),
    toppedUpInWindow: 10_000,
    hasOpenPromisedPayment: false,
  };

  it('allows a line that meets every rule exactly', () => {
    expect(promisedPaymentRefusals(good, rules, now)).toEqual([]);
  });

  it('names every reason at once', () => {
    expect(
      promisedPaymentRefusals(
        {
          paymentType: 'postpaid',
          lineStatus: 'active',
          lineActivatedAt: new Date('2026-09-27T09:00:01Z'), // one second short of 60 days
          statusChangedAt: now,
          toppedUpInWindow: 9_999,
          hasOpenPromisedPayment: true,
        },
        rules,
        now,
      ),
    ).toEqual(['postpaid', 'line_too_new', 'too_few_top_ups', 'already_open']);
  });

  it('allows a short block for debt, not a long one, and never a suspended line', () => {
    const blocked = { ...good, lineStatus: 'blocked_debt' };
    // 30 days blocked is allowed, 30 days and a second is not.
    expect(
      promisedPaymentRefusals({ ...blocked, statusChangedAt: new Date('2026-10-27T09:00:00Z') }, rules, now),
    ).toEqual([]);
    expect(
      promisedPaymentRefusals({ ...blocked, statusChangedAt: new Date('2026-10-27T08:59:59Z') }, rules, now),
    ).toEqual(['blocked_too_long']);
    expect(promisedPaymentRefusals({ ...good, lineStatus: 'suspended' }, rules, now)).toEqual([
      'line_not_active',
    ]);
  });
});

describe('voucher codes', () => {
  it('are 16 characters in groups of four, without look-alike characters', () => {
    const code = newVoucherCode();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
    expect(normaliseVoucherCode(code)).toBe(code.replaceAll('-', ''));
  });

  it('are read as people type them, and refused when they cannot be a code', () => {
    expect(normaliseVoucherCode(' abcd-efgh jkmn 2345 ')).toBe('ABCDEFGHJKMN2345');
    expect(normaliseVoucherCode('ABCD-EFGH-JKMN-234')).toBeUndefined(); // 15 characters
    expect(normaliseVoucherCode('0BCD-EFGH-JKMN-2345')).toBeUndefined(); // 0 is not in the alphabet
  });
});

describe('promised payment alert', () => {
  const base: LineAlertInput = {
    today: '2026-11-26',
    paymentType: 'prepaid',
    balance: 30_240,
    creditLimit: 0,
    lineStatus: 'active',
    tariffStatus: 'active',
    nextFee: { amount: 0, dueAt: null },
    usageSpentLast30Days: 0,
    bundles: [],
    services: [],
    bills: [],
  };

  it('shows the amount and due date, critical once overdue', () => {
    const dueAt = '2026-11-29T09:00:00.000Z';
    expect(
      computeLineAlerts({ ...base, promisedPayment: { outstanding: 30_000, dueAt, status: 'open' } }),
    ).toEqual([{ code: 'promised_payment_due', severity: 'warning', amount: 30_000, dueAt, overdue: false }]);
    expect(
      computeLineAlerts({
        ...base,
        lineStatus: 'limited',
        promisedPayment: { outstanding: 10_000, dueAt, status: 'overdue' },
      }),
    ).toEqual([
      { code: 'line_blocked', severity: 'critical', status: 'limited' },
      { code: 'promised_payment_due', severity: 'critical', amount: 10_000, dueAt, overdue: true },
    ]);
  });
});
