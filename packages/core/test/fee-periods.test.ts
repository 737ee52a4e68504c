import { describe, expect, it } from 'vitest';
import {
  canPayFee,
  dueFeePeriod,
  feePeriodEnd,
  firstFeePeriod,
  nextAnniversary,
  nextFeeDueAfter,
} from '../src/billing/fee-periods';

// Moscow is UTC+3 all year: local midnight is 21:00 UTC the day before.
const MSK = 'Europe/Moscow';

describe('anniversaries', () => {
  it('clamps an anniversary on the 31st to the end of shorter months and returns to the 31st', () => {
    expect(nextAnniversary({ year: 2027, month: 1, day: 31 }, 31)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(nextAnniversary({ year: 2028, month: 1, day: 31 }, 31)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(nextAnniversary({ year: 2027, month: 2, day: 28 }, 31)).toEqual({ year: 2027, month: 3, day: 31 });
    expect(nextAnniversary({ year: 2027, month: 3, day: 31 }, 31)).toEqual({ year: 2027, month: 4, day: 30 });
    expect(nextAnniversary({ year: 2027, month: 4, day: 30 }, 31)).toEqual({ year: 2027, month: 5, day: 31 });
    expect(nextAnniversary({ year: 2026, month: 12, day: 31 }, 31)).toEqual({
      year: 2027,
      month: 1,
      day: 31,
    });
  });

  it('finds the anniversary later in the same month when there is one', () => {
    expect(nextAnniversary({ year: 2026, month: 11, day: 26 }, 30)).toEqual({
      year: 2026,
      month: 11,
      day: 30,
    });
    expect(nextAnniversary({ year: 2026, month: 11, day: 30 }, 30)).toEqual({
      year: 2026,
      month: 12,
      day: 30,
    });
  });
});

describe('period ends in the billing time zone', () => {
  it('ends a monthly period at local midnight of the next anniversary', () => {
    // 31 Jan 00:00 MSK = 30 Jan 21:00 UTC; the next anniversary is 28 Feb 00:00 MSK = 27 Feb 21:00 UTC.
    expect(feePeriodEnd(new Date('2027-01-30T21:00:00Z'), 'month', 31, MSK).toISOString()).toBe(
      '2027-02-27T21:00:00.000Z',
    );
    // 28 Feb with anchor 31: back to 31 Mar 00:00 MSK = 30 Mar 21:00 UTC.
    expect(feePeriodEnd(new Date('2027-02-27T21:00:00Z'), 'month', 31, MSK).toISOString()).toBe(
      '2027-03-30T21:00:00.000Z',
    );
  });

  it('ends a daily period at the next local midnight, also on a 23-hour day', () => {
    // 26 Nov 12:00 MSK -> 27 Nov 00:00 MSK = 26 Nov 21:00 UTC.
    expect(feePeriodEnd(new Date('2026-11-26T09:00:00Z'), 'day', null, MSK).toISOString()).toBe(
      '2026-11-26T21:00:00.000Z',
    );
    // Berlin springs forward on 28 Mar 2027: that day runs from 23:00 UTC (CET) to 22:00 UTC (CEST).
    expect(feePeriodEnd(new Date('2027-03-27T23:00:00Z'), 'day', null, 'Europe/Berlin').toISOString()).toBe(
      '2027-03-28T22:00:00.000Z',
    );
  });

  it('schedules the next fee of a running subscription at the end of the period containing now', () => {
    // Anchor 22, now 26 Nov: the period began 22 Nov and ends 22 Dec 00:00 MSK = 21 Dec 21:00 UTC.
    expect(nextFeeDueAfter(new Date('2026-11-26T09:00:00Z'), 'month', 22, MSK).toISOString()).toBe(
      '2026-12-21T21:00:00.000Z',
    );
    // On the anniversary itself the period has just begun: the next fee is a month on.
    expect(nextFeeDueAfter(new Date('2026-11-26T09:00:00Z'), 'month', 26, MSK).toISOString()).toBe(
      '2026-12-25T21:00:00.000Z',
    );
  });

  it('starts an ordered subscription now, with today as its anniversary', () => {
    const first = firstFeePeriod(new Date('2026-11-26T09:00:00Z'), 'month', MSK);
    expect(first).toEqual({
      start: new Date('2026-11-26T09:00:00Z'),
      end: new Date('2026-12-25T21:00:00Z'), // 26 Dec 00:00 MSK
      anchorDay: 26,
    });
    expect(firstFeePeriod(new Date('2026-11-26T09:00:00Z'), 'day', MSK)).toEqual({
      start: new Date('2026-11-26T09:00:00Z'),
      end: new Date('2026-11-26T21:00:00Z'),
      anchorDay: null,
    });
  });
});

describe('the period due at a run', () => {
  const state = {
    status: 'active' as const,
    nextFeeAt: new Date('2026-11-29T21:00:00Z'), // 30 Nov 00:00 MSK
    anchorDay: 30,
    kind: 'month' as const,
  };

  it('is nothing before the fee falls due', () => {
    expect(dueFeePeriod(state, new Date('2026-11-29T20:59:59Z'), MSK)).toBeNull();
  });

  it('starts at next_fee_at, however far behind the run is (catch-up goes period by period)', () => {
    expect(dueFeePeriod(state, new Date('2027-02-01T00:00:00Z'), MSK)).toEqual({
      start: new Date('2026-11-29T21:00:00Z'),
      end: new Date('2026-12-29T21:00:00Z'), // 30 Dec 00:00 MSK
      anchorDay: 30,
    });
  });

  it('keeps the anniversary when a suspended subscription pays on the day it fell due', () => {
    const period = dueFeePeriod({ ...state, status: 'suspended' }, new Date('2026-11-30T18:00:00Z'), MSK);
    expect(period?.start).toEqual(new Date('2026-11-29T21:00:00Z'));
    expect(period?.anchorDay).toBe(30);
  });

  it('starts a fresh period today when a suspended subscription pays days later', () => {
    // Paid on 3 Dec 13:00 MSK: the period runs 3 Dec 00:00 MSK to 3 Jan 00:00 MSK, anniversary the 3rd.
    expect(dueFeePeriod({ ...state, status: 'suspended' }, new Date('2026-12-03T10:00:00Z'), MSK)).toEqual({
      start: new Date('2026-12-02T21:00:00Z'),
      end: new Date('2027-01-02T21:00:00Z'),
      anchorDay: 3,
    });
  });
});

describe('whether an account can pay a fee', () => {
  it('keeps a prepaid balance at or above minus its credit limit', () => {
    expect(canPayFee({ paymentType: 'prepaid', balance: 1_240, creditLimit: 0 }, 35_000)).toBe(false);
    expect(canPayFee({ paymentType: 'prepaid', balance: 35_000, creditLimit: 0 }, 35_000)).toBe(true);
    // 300.00 - 350.00 = -50.00, within a 100.00 credit limit.
    expect(canPayFee({ paymentType: 'prepaid', balance: 30_000, creditLimit: 10_000 }, 35_000)).toBe(true);
    expect(canPayFee({ paymentType: 'prepaid', balance: 0, creditLimit: 0 }, 0)).toBe(true);
  });

  it('lets a postpaid fee accumulate towards the bill beyond the limit', () => {
    expect(canPayFee({ paymentType: 'postpaid', balance: -267_600, creditLimit: 100_000 }, 120_000)).toBe(
      true,
    );
  });
});
