import { describe, expect, it } from 'vitest';
import { computeLineAlerts, type LineAlertInput, monthlyCostOf, summarizeServiceCosts } from '../src';

const base: LineAlertInput = {
  today: '2026-11-26',
  paymentType: 'prepaid',
  balance: 100_000,
  creditLimit: 0,
  lineStatus: 'active',
  tariffStatus: 'active',
  nextFee: { amount: 35_000, dueAt: '2026-11-29T21:00:00.000Z' },
  usageSpentLast30Days: 0,
  bundles: [],
  services: [],
  bills: [],
};

const codes = (input: Partial<LineAlertInput>) => computeLineAlerts({ ...base, ...input }).map((a) => a.code);

describe('line alerts', () => {
  it('says nothing about a healthy prepaid line', () => {
    expect(computeLineAlerts(base)).toEqual([]);
  });

  it('warns when the balance will not pay the next fee', () => {
    // 12.40 available < 350.00 fee
    expect(computeLineAlerts({ ...base, balance: 1_240 })).toEqual([
      {
        code: 'low_balance',
        severity: 'warning',
        reason: 'below_next_fee',
        available: 1_240,
        needed: 35_000,
        dueAt: '2026-11-29T21:00:00.000Z',
      },
    ]);
    // Exactly the fee is enough.
    expect(codes({ balance: 35_000 })).toEqual([]);
    // A credit limit counts as available money: 300.00 + 100.00 ≥ 350.00.
    expect(codes({ balance: 30_000, creditLimit: 10_000 })).toEqual([]);
  });

  it('warns when the balance would not last a week of the usual paid usage', () => {
    // No fee; 300.00 spent in 30 days → a week is 300.00 × 7 / 30 = 70.00.
    const input = { ...base, nextFee: { amount: 0, dueAt: null }, usageSpentLast30Days: 30_000 };
    expect(computeLineAlerts({ ...input, balance: 6_999 })).toEqual([
      {
        code: 'low_balance',
        severity: 'warning',
        reason: 'below_usual_spending',
        available: 6_999,
        needed: 7_000,
        dueAt: null,
      },
    ]);
    expect(codes({ ...input, balance: 7_000 })).toEqual([]);
    // 1.00 in 30 days → 0.2333… a week, rounded up to 24 kopecks.
    expect(computeLineAlerts({ ...input, usageSpentLast30Days: 100, balance: 23 })[0]).toMatchObject({
      needed: 24,
    });
  });

  it('is critical when nothing is left', () => {
    expect(computeLineAlerts({ ...base, balance: 0 })[0]).toMatchObject({
      code: 'low_balance',
      severity: 'critical',
      reason: 'exhausted',
      needed: 35_000,
    });
  });

  it('reports an unpaid tariff fee with the top-up it needs, and no low-balance alert on top', () => {
    // Fee 350.00, available 120.00 → top up 230.00.
    expect(computeLineAlerts({ ...base, balance: 12_000, tariffStatus: 'suspended' })).toEqual([
      { code: 'tariff_fee_unpaid', severity: 'critical', amount: 35_000, shortfall: 23_000 },
    ]);
  });

  it('reports a service suspended for its fee', () => {
    const services = [
      {
        code: 'who-called',
        name: { en: 'Who called' },
        status: 'suspended',
        feeType: 'daily' as const,
        feeAmount: 200,
      },
      {
        code: 'voicemail',
        name: { en: 'Voicemail' },
        status: 'active',
        feeType: 'monthly' as const,
        feeAmount: 4_000,
      },
    ];
    expect(computeLineAlerts({ ...base, services })).toEqual([
      {
        code: 'service_fee_unpaid',
        severity: 'warning',
        serviceCode: 'who-called',
        name: { en: 'Who called' },
        amount: 200,
      },
    ]);
  });

  it('flags bundles from 90 % used, and used-up ones as warnings', () => {
    const expiresAt = '2026-12-01T00:00:00.000Z';
    const bundles = [
      { id: 1, unit: 'voice_seconds' as const, total: 18_000, remaining: 1_800, expiresAt }, // exactly 90 % used
      { id: 2, unit: 'sms' as const, total: 100, remaining: 11, expiresAt }, // 89 % used: no alert
      { id: 3, unit: 'data_bytes' as const, total: 10_000_000_000, remaining: 1, expiresAt }, // 99.99…% → 99
      { id: 4, unit: 'data_bytes' as const, total: 5_000_000_000, remaining: 0, expiresAt }, // used up
    ];
    expect(computeLineAlerts({ ...base, bundles })).toEqual([
      {
        code: 'bundle_used_up',
        severity: 'warning',
        bundleId: 4,
        unit: 'data_bytes',
        remaining: 0,
        total: 5_000_000_000,
        usedPercent: 100,
        expiresAt,
      },
      {
        code: 'bundle_almost_used',
        severity: 'info',
        bundleId: 1,
        unit: 'voice_seconds',
        remaining: 1_800,
        total: 18_000,
        usedPercent: 90,
        expiresAt,
      },
      {
        code: 'bundle_almost_used',
        severity: 'info',
        bundleId: 3,
        unit: 'data_bytes',
        remaining: 1,
        total: 10_000_000_000,
        usedPercent: 99,
        expiresAt,
      },
    ]);
  });

  it('reports postpaid bills: open before the due date, overdue after it or when so marked', () => {
    const postpaid = { ...base, paymentType: 'postpaid' as const, balance: -291_280, creditLimit: 500_000 };
    const bill = {
      number: 'B-1',
      status: 'sent',
      totalAmount: 291_280,
      paidAmount: 1_280,
      dueDate: '2026-12-06',
    };
    // 2912.80 − 12.80 paid = 2900.00 to pay.
    expect(computeLineAlerts({ ...postpaid, bills: [bill] })).toEqual([
      { code: 'bill_open', severity: 'info', billNumber: 'B-1', amount: 290_000, dueDate: '2026-12-06' },
    ]);
    expect(codes({ ...postpaid, bills: [{ ...bill, dueDate: '2026-11-25' }] })).toEqual(['bill_overdue']);
    expect(codes({ ...postpaid, bills: [{ ...bill, status: 'overdue' }] })).toEqual(['bill_overdue']);
    expect(codes({ ...postpaid, bills: [{ ...bill, status: 'paid' }] })).toEqual([]);
    expect(codes({ ...postpaid, bills: [{ ...bill, paidAmount: 291_280 }] })).toEqual([]);
    // Postpaid accounts get no low-balance alerts: their balance is the running bill.
    expect(codes({ ...postpaid, balance: -1_000_000 })).toEqual([]);
  });

  it('puts the most severe first and keeps the rule order among equals', () => {
    const input: LineAlertInput = {
      ...base,
      paymentType: 'postpaid',
      lineStatus: 'blocked_debt',
      bundles: [{ id: 9, unit: 'sms', total: 10, remaining: 0, expiresAt: '2026-12-01T00:00:00.000Z' }],
      bills: [
        { number: 'B-2', status: 'overdue', totalAmount: 138_000, paidAmount: 0, dueDate: '2026-11-21' },
      ],
    };
    expect(computeLineAlerts(input).map((a) => `${a.severity}:${a.code}`)).toEqual([
      'critical:line_blocked',
      'critical:bill_overdue',
      'warning:bundle_used_up',
    ]);
  });
});

describe('service costs', () => {
  it('counts monthly fees as they are, daily fees × 30, one-time fees not at all', () => {
    expect(monthlyCostOf({ feeType: 'monthly', feeAmount: 6_000 })).toBe(6_000);
    expect(monthlyCostOf({ feeType: 'daily', feeAmount: 900 })).toBe(27_000); // 9.00 × 30
    expect(monthlyCostOf({ feeType: 'one_time', feeAmount: 30_000 })).toBe(0);
    // Anna: messengers 60.00 + spam shield 50.00 + MusicBox 9.00 × 30 = 380.00; a free option is not "paid".
    expect(
      summarizeServiceCosts([
        { feeType: 'monthly', feeAmount: 6_000 },
        { feeType: 'monthly', feeAmount: 5_000 },
        { feeType: 'daily', feeAmount: 900 },
        { feeType: 'monthly', feeAmount: 0 },
        { feeType: 'one_time', feeAmount: 30_000 },
      ]),
    ).toEqual({ count: 3, monthlyCost: 38_000 });
  });
});
