import { describe, expect, it } from 'vitest';
import type { OrderContext, OrderTariff } from '../src/orders/order-types';
import { quoteOrder } from '../src/orders/quote-order';

const MSK = 'Europe/Moscow';
const now = new Date('2026-11-26T09:00:00Z'); // 26 Nov 12:00 MSK

const smartPlus: OrderTariff = {
  id: 4,
  code: 'smart-plus',
  name: 'Smart Plus',
  status: 'active',
  paymentType: 'prepaid',
  feePeriod: 'month',
  feeAmount: 65_000,
  changeFee: 0,
  changeEffective: 'now',
  hasAllowances: true,
};

function context(overrides: Partial<OrderContext> = {}): OrderContext {
  return {
    currency: 'RUB',
    line: {
      id: 1,
      accountId: 1,
      status: 'active',
      tariffId: 3,
      tariffStatus: 'active',
      anchorDay: 30,
      nextFeeAt: new Date('2026-11-29T21:00:00Z'), // 30 Nov 00:00 MSK
      pendingTariffId: null,
    },
    account: { paymentType: 'prepaid', balance: 100_000, creditLimit: 0 },
    ...overrides,
  };
}

describe('quoting a tariff change', () => {
  it('effective now: the change fee plus the first period of the new tariff, starting now', () => {
    const result = quoteOrder(
      context({ tariff: { ...smartPlus, changeFee: 5_000 } }),
      { kind: 'change_tariff', code: 'smart-plus' },
      now,
      MSK,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const q = result.quote;
    expect(q.price).toBe(5_000);
    expect(q.chargedNow).toBe(70_000); // 50.00 change fee + 650.00 first month
    expect(q.effective).toBe('now');
    expect(q.effectiveAt).toEqual(now);
    expect(q.canAfford).toBe(true); // 1000.00 >= 700.00
    expect(q.recurringFee).toEqual({ amount: 65_000, period: 'month' });
    expect(q.plan).toEqual({
      action: 'switch_tariff_now',
      tariffId: 4,
      changeFee: 5_000,
      fee: { amount: 65_000, periodStart: now, periodEnd: new Date('2026-12-25T21:00:00Z') }, // 26 Dec 00:00 MSK
      anchorDay: 26,
    });
    expect(q.description).toContain('RUB');
  });

  it('from the next period: nothing now, effective when the current period ends', () => {
    const result = quoteOrder(
      context({ tariff: { ...smartPlus, changeEffective: 'next_period', changeFee: 5_000 } }),
      { kind: 'change_tariff', code: 'smart-plus' },
      now,
      MSK,
    );
    expect(result.ok && result.quote).toMatchObject({
      price: 5_000,
      chargedNow: 0,
      effective: 'next_period',
      effectiveAt: new Date('2026-11-29T21:00:00Z'),
      plan: { action: 'schedule_tariff', tariffId: 4 },
    });
  });

  it('from the next period of a suspended tariff: effective at the next run that can charge it', () => {
    const ctx = context({ tariff: { ...smartPlus, changeEffective: 'next_period' } });
    ctx.line.nextFeeAt = new Date('2026-11-20T21:00:00Z');
    const result = quoteOrder(ctx, { kind: 'change_tariff', code: 'smart-plus' }, now, MSK);
    expect(result.ok && result.quote.effectiveAt).toEqual(now);
  });

  it('quotes a price the balance does not cover, saying so', () => {
    const result = quoteOrder(
      context({ tariff: smartPlus, account: { paymentType: 'prepaid', balance: 1_240, creditLimit: 0 } }),
      { kind: 'change_tariff', code: 'smart-plus' },
      now,
      MSK,
    );
    expect(result.ok && result.quote.canAfford).toBe(false);
  });

  it('refuses the current tariff, a scheduled one, another payment type, an unknown code, a blocked line', () => {
    const code = (ctx: OrderContext, c = 'smart-plus') => {
      const r = quoteOrder(ctx, { kind: 'change_tariff', code: c }, now, MSK);
      return r.ok ? 'ok' : r.code;
    };
    expect(code(context({ tariff: { ...smartPlus, id: 3 } }))).toBe('same_tariff');
    const pending = context({ tariff: smartPlus });
    pending.line.pendingTariffId = 4;
    expect(code(pending)).toBe('already_scheduled');
    expect(code(context({ tariff: { ...smartPlus, paymentType: 'postpaid' } }))).toBe('not_available');
    expect(code(context({ tariff: { ...smartPlus, status: 'archived' } }))).toBe('not_available');
    expect(code(context(), 'nope')).toBe('not_found');
    const blocked = context({ tariff: smartPlus });
    blocked.line.status = 'blocked_debt';
    expect(code(blocked)).toBe('line_blocked');
  });
});

describe('quoting services and packs', () => {
  const service = {
    id: 7,
    code: 'voicemail',
    name: 'Voicemail',
    kind: 'option' as const,
    status: 'active',
    feeType: 'monthly' as const,
    feeAmount: 4_000,
  };

  it('connects a monthly service with its first period from now to the same day next month', () => {
    const r = quoteOrder(context({ service }), { kind: 'connect_service', code: 'voicemail' }, now, MSK);
    expect(r.ok && r.quote).toMatchObject({
      price: 4_000,
      chargedNow: 4_000,
      recurringFee: { amount: 4_000, period: 'month' },
      plan: {
        action: 'connect_service',
        oneTimeFee: 0,
        fee: { amount: 4_000, periodStart: now, periodEnd: new Date('2026-12-25T21:00:00Z') },
        anchorDay: 26,
      },
    });
  });

  it('charges a one-time service once, with nothing recurring', () => {
    const r = quoteOrder(
      context({ service: { ...service, feeType: 'one_time', feeAmount: 30_000 } }),
      { kind: 'connect_service', code: 'voicemail' },
      now,
      MSK,
    );
    expect(r.ok && r.quote).toMatchObject({
      price: 30_000,
      chargedNow: 30_000,
      recurringFee: null,
      plan: { action: 'connect_service', oneTimeFee: 30_000, fee: null },
    });
  });

  it('refuses to connect twice, to leave what is not connected, and to cancel an option as content', () => {
    const connected = context({ service, subscription: { id: 9, status: 'active' } });
    const outcome = (
      ctx: OrderContext,
      kind: 'connect_service' | 'disconnect_service' | 'cancel_subscription',
    ) => {
      const r = quoteOrder(ctx, { kind, code: 'voicemail' }, now, MSK);
      return r.ok ? r.quote.plan : r.code;
    };
    expect(outcome(connected, 'connect_service')).toBe('already_connected');
    expect(outcome(context({ service }), 'disconnect_service')).toBe('not_connected');
    expect(outcome(connected, 'cancel_subscription')).toBe('not_available');
    expect(outcome(connected, 'disconnect_service')).toEqual({
      action: 'disconnect_service',
      lineServiceId: 9,
    });
    const content = context({
      service: { ...service, kind: 'content' },
      subscription: { id: 9, status: 'suspended' },
    });
    expect(outcome(content, 'cancel_subscription')).toEqual({
      action: 'disconnect_service',
      lineServiceId: 9,
    });
  });

  it('sells a pack for its validity in days, in its roaming zone', () => {
    const pack = {
      id: 11,
      code: 'roaming-europe-7d',
      name: 'Europe',
      status: 'active',
      price: 150_000,
      validityDays: 7,
      roamingZoneId: 2,
    };
    const r = quoteOrder(context({ pack }), { kind: 'buy_pack', code: pack.code }, now, MSK);
    expect(r.ok && r.quote).toMatchObject({
      price: 150_000,
      chargedNow: 150_000,
      canAfford: false, // 1000.00 < 1500.00
      plan: {
        action: 'buy_pack',
        roamingZoneId: 2,
        validFrom: now,
        expiresAt: new Date('2026-12-03T09:00:00Z'), // 7 x 24 h later
      },
    });
    const reward = quoteOrder(
      context({ pack: { ...pack, status: 'reward_only' } }),
      { kind: 'buy_pack', code: 'x' },
      now,
      MSK,
    );
    expect(reward.ok ? 'ok' : reward.code).toBe('not_available');
  });

  it('lets a postpaid account order within its credit limit', () => {
    const pack = {
      id: 1,
      code: 'p',
      name: 'P',
      status: 'active',
      price: 25_000,
      validityDays: 30,
      roamingZoneId: null,
    };
    const account = { paymentType: 'postpaid', balance: -291_280, creditLimit: 500_000 };
    // -2912.80 - 250.00 = -3162.80, above -5000.00.
    const r = quoteOrder(context({ pack, account }), { kind: 'buy_pack', code: 'p' }, now, MSK);
    expect(r.ok && r.quote.canAfford).toBe(true);
  });
});
