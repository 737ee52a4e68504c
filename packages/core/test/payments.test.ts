import { describe, expect, it } from 'vitest';
import {
  type AutoTopUpSettings,
  cardBrandOf,
  checkAutoTopUpSettings,
  checkCardInput,
  checkTopUpAmount,
  decideAutoTopUp,
  passesLuhn,
  paymentTransition,
  receiptNumberOf,
} from '../src';

describe('card input', () => {
  it('checks the Luhn digit', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(passesLuhn('4000000000003220')).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('79927398713')).toBe(false); // 11 digits: too short for a card
    expect(passesLuhn('4242-4242')).toBe(false);
  });

  it('names the scheme from the leading digits', () => {
    expect(cardBrandOf('4242424242424242')).toBe('visa');
    expect(cardBrandOf('5555555555554444')).toBe('mastercard');
    expect(cardBrandOf('2221000000000009')).toBe('mastercard');
    expect(cardBrandOf('2200000000000004')).toBe('mir');
    expect(cardBrandOf('378282246310005')).toBe('amex');
  });

  it('accepts spaces, MM/YY until the end of the month, 3-digit CVC (4 for Amex)', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    expect(checkCardInput({ number: '4242 4242 4242 4242', expiry: '11/26', cvc: '123' }, now)).toEqual({
      ok: true,
      digits: '4242424242424242',
      card: { brand: 'visa', last4: '4242', expMonth: 11, expYear: 2026 },
    });
    expect(checkCardInput({ number: '3782 822463 10005', expiry: '01/2030', cvc: '1234' }, now).ok).toBe(
      true,
    );
    expect(checkCardInput({ number: '4242424242424241', expiry: '10/26', cvc: '1234' }, now)).toEqual({
      ok: false,
      problems: ['number', 'expired', 'cvc'],
    });
    expect(checkCardInput({ number: '4242424242424242', expiry: '13/30', cvc: '123' }, now)).toEqual({
      ok: false,
      problems: ['expiry'],
    });
  });
});

describe('top-up amount', () => {
  const limits = { min: 1_000, max: 1_500_000 };
  it('takes whole minor units from min to max inclusive', () => {
    expect(() => checkTopUpAmount(1_000, limits)).not.toThrow();
    expect(() => checkTopUpAmount(1_500_000, limits)).not.toThrow();
    for (const amount of [999, 1_500_001, 10.5, -1_000, Number.NaN]) {
      expect(() => checkTopUpAmount(amount, limits)).toThrow(
        expect.objectContaining({ code: 'amount_out_of_range' }),
      );
    }
  });
});

describe('payment states', () => {
  it('moves only pending, to a final state', () => {
    expect(paymentTransition('pending', 'succeeded')).toEqual({ change: true, to: 'succeeded' });
    expect(paymentTransition('pending', 'failed')).toEqual({ change: true, to: 'failed' });
    expect(paymentTransition('pending', 'cancelled')).toEqual({ change: true, to: 'cancelled' });
    expect(paymentTransition('pending', 'pending')).toEqual({ change: false });
    // Replayed, late and out-of-order reports.
    expect(paymentTransition('succeeded', 'succeeded')).toEqual({ change: false });
    expect(paymentTransition('succeeded', 'failed')).toEqual({ change: false });
    expect(paymentTransition('failed', 'succeeded')).toEqual({ change: false });
    expect(paymentTransition('cancelled', 'succeeded')).toEqual({ change: false });
  });

  it('numbers receipts by date and payment id', () => {
    expect(receiptNumberOf(42, new Date('2026-11-26T23:59:00Z'))).toBe('R-20261126-000042');
  });
});

describe('auto top-up decision', () => {
  const settings: AutoTopUpSettings = {
    enabled: true,
    amount: 30_000,
    threshold: 10_000,
    monthlyDay: null,
    dailyLimit: 60_000,
    monthlyLimit: 100_000,
  };
  const base = {
    settings,
    balance: 9_999,
    now: new Date('2026-11-26T10:00:00Z'),
    timeZone: 'Europe/Moscow',
    usedKeys: new Set<string>(),
    takenToday: 0,
    takenThisMonth: 0,
  };

  it('charges below the threshold, keyed by the local day', () => {
    expect(decideAutoTopUp(base)).toEqual({
      charge: true,
      trigger: 'threshold',
      idempotencyKey: 'auto:threshold:2026-11-26',
      amount: 30_000,
    });
    // 22:30 UTC on the 26th is already the 27th in Moscow (UTC+3).
    expect(decideAutoTopUp({ ...base, now: new Date('2026-11-26T22:30:00Z') })).toMatchObject({
      idempotencyKey: 'auto:threshold:2026-11-27',
    });
  });

  it('does nothing at or above the threshold, when off, or when the day was used', () => {
    expect(decideAutoTopUp({ ...base, balance: 10_000 })).toEqual({ charge: false, reason: 'not_due' });
    expect(decideAutoTopUp({ ...base, settings: { ...settings, enabled: false } })).toEqual({
      charge: false,
      reason: 'disabled',
    });
    expect(decideAutoTopUp({ ...base, usedKeys: new Set(['auto:threshold:2026-11-26']) })).toEqual({
      charge: false,
      reason: 'not_due',
    });
  });

  it('keeps within the daily and monthly limits', () => {
    // 40,000 today + 30,000 = 70,000 > 60,000.
    expect(decideAutoTopUp({ ...base, takenToday: 40_000 })).toEqual({
      charge: false,
      reason: 'daily_limit',
    });
    // 30,000 + 30,000 = 60,000: exactly the limit is allowed.
    expect(decideAutoTopUp({ ...base, takenToday: 30_000, takenThisMonth: 30_000 }).charge).toBe(true);
    // 80,000 this month + 30,000 = 110,000 > 100,000.
    expect(decideAutoTopUp({ ...base, takenThisMonth: 80_000 })).toEqual({
      charge: false,
      reason: 'monthly_limit',
    });
  });

  it('charges monthly on or after its day, once per month', () => {
    const monthly = { ...settings, threshold: null, monthlyDay: 26 };
    expect(decideAutoTopUp({ ...base, settings: monthly, balance: 500_000 })).toEqual({
      charge: true,
      trigger: 'monthly',
      idempotencyKey: 'auto:monthly:2026-11',
      amount: 30_000,
    });
    expect(decideAutoTopUp({ ...base, settings: monthly, now: new Date('2026-11-24T10:00:00Z') })).toEqual({
      charge: false,
      reason: 'not_due',
    });
    expect(
      decideAutoTopUp({ ...base, settings: monthly, usedKeys: new Set(['auto:monthly:2026-11']) }),
    ).toEqual({ charge: false, reason: 'not_due' });
  });

  it('validates settings a subscriber saves', () => {
    expect(checkAutoTopUpSettings(settings, { min: 1_000, max: 1_500_000 })).toEqual([]);
    expect(
      checkAutoTopUpSettings(
        { ...settings, amount: 500, threshold: null, monthlyDay: 31, dailyLimit: 400, monthlyLimit: 300 },
        { min: 1_000, max: 1_500_000 },
      ).map((e) => e.field),
    ).toEqual(['amount', 'monthlyDay', 'dailyLimit', 'monthlyLimit']);
  });
});
