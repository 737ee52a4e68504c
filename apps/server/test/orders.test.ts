import { inTransaction, postMoney } from '@kabinet/db';
import { testEngine } from '@kabinet/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runChargeDue } from '../src/jobs/charge-due';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

/**
 * Orders on the demo subscribers, placed at DEMO_NOW = 26 Nov 2026 12:00 Moscow time (UTC+3, so local
 * midnight is 21:00 UTC the day before). Amounts in kopecks. The tests run in order on one database;
 * each works on its own subscribers, and the last ones run the fee job.
 */
const KEY = 'operator-key-for-tests-0123456789';
const auth = { authorization: `Bearer ${KEY}` };
let t: TestApp;

beforeAll(async () => {
  // Only Date is faked: the orders see DEMO_NOW as "now"; timers and I/O run normally.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
  t = await createTestApp({ OPERATOR_API_KEY: KEY });
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

const quote = (msisdn: string, kind: string, code: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/lines/${msisdn}/orders/quote`,
    headers: auth,
    payload: { kind, code },
  });
const order = (msisdn: string, clientKey: string, kind: string, code: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/lines/${msisdn}/orders`,
    headers: auth,
    payload: { clientKey, kind, code },
  });

async function lineOf(msisdn: string) {
  return t.database.db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select([
      'lines.id',
      'lines.account_id',
      'lines.tariff_id',
      'lines.pending_tariff_id',
      'lines.next_fee_at',
      'lines.fee_anchor_day',
      'lines.tariff_status',
      'accounts.balance',
    ])
    .where('lines.msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
}

const balanceOf = async (msisdn: string) => (await lineOf(msisdn)).balance;

async function tariffId(code: string) {
  return (
    await t.database.db.selectFrom('tariffs').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  ).id;
}

async function moneyRowsOfOrder(orderId: number) {
  return t.database.db
    .selectFrom('ledger_entries')
    .select(['kind', 'amount'])
    .where('reference_type', '=', 'order')
    .where('reference_id', '=', String(orderId))
    .where('unit', '=', 'money')
    .orderBy('id')
    .execute();
}

async function topUp(msisdn: string, amount: number) {
  const { account_id } = await lineOf(msisdn);
  await inTransaction(t.database.db, (trx) =>
    postMoney(trx, {
      accountId: account_id,
      lineId: null,
      kind: 'top_up',
      amount,
      referenceType: 'test',
      referenceId: null,
      at: DEMO_NOW.toISOString(),
    }),
  );
}

describe(`orders on ${testEngine}`, () => {
  it('prices a pack without changing anything: "this will cost X, effective Y"', async () => {
    const response = await quote('+79000000001', 'buy_pack', 'internet-1gb-7d');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      kind: 'buy_pack',
      code: 'internet-1gb-7d',
      price: 10_000, // 100.00 RUB
      chargedNow: 10_000,
      recurringFee: null,
      currency: 'RUB',
      effective: 'now',
      effectiveAt: '2026-11-26T09:00:00.000Z',
      canAfford: true,
      // Intl puts a no-break space between the currency and the amount.
      description: 'Buy 1 GB for 7 days for RUB\u00a0100.00: valid for 7 days, until 2026-12-03.',
    });
    expect(await balanceOf('+79000000001')).toBe(124_550);
    const { n } = await t.database.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });

  it('sells Anna a pack once per client key', async () => {
    const anna = await lineOf('+79000000001');
    const first = await order('+79000000001', 'anna-pack-0001', 'buy_pack', 'internet-1gb-7d');
    expect(first.statusCode).toBe(201);
    const placed = first.json();
    // 1245.50 - 100.00 = 1145.50
    expect(placed).toEqual({
      id: expect.any(Number),
      status: 'completed',
      kind: 'buy_pack',
      code: 'internet-1gb-7d',
      price: 10_000,
      chargedNow: 10_000,
      effective: 'now',
      effectiveAt: '2026-11-26T09:00:00.000Z',
      balanceAfter: 114_550,
      createdAt: '2026-11-26T09:00:00.000Z',
    });
    expect(await balanceOf('+79000000001')).toBe(114_550);
    expect(await moneyRowsOfOrder(placed.id)).toEqual([{ kind: 'pack_purchase', amount: -10_000 }]);
    // One new bundle of 1 GB (10^9 bytes) for 7 days, granted in the unit ledger.
    const bundles = await t.database.db
      .selectFrom('bundles')
      .innerJoin('ledger_entries', 'ledger_entries.bundle_id', 'bundles.id')
      .select([
        'bundles.unit',
        'bundles.total',
        'bundles.remaining',
        'bundles.valid_from',
        'bundles.expires_at',
        'bundles.roaming_zone_id',
        'ledger_entries.kind',
        'ledger_entries.amount',
      ])
      .where('bundles.line_id', '=', anna.id)
      .where('ledger_entries.reference_type', '=', 'order')
      .where('ledger_entries.reference_id', '=', String(placed.id))
      .execute();
    expect(bundles).toEqual([
      {
        unit: 'data_bytes',
        total: 1_000_000_000,
        remaining: 1_000_000_000,
        valid_from: '2026-11-26T09:00:00.000Z',
        expires_at: '2026-12-03T09:00:00.000Z',
        roaming_zone_id: null,
        kind: 'bundle_grant',
        amount: 1_000_000_000,
      },
    ]);

    // The same key again: the same answer and status, nothing charged.
    const again = await order('+79000000001', 'anna-pack-0001', 'buy_pack', 'internet-1gb-7d');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(placed);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await balanceOf('+79000000001')).toBe(114_550);
    expect(await moneyRowsOfOrder(placed.id)).toHaveLength(1);

    // The same key for a different order is a client error, not a silent replay.
    const reused = await order('+79000000001', 'anna-pack-0001', 'buy_pack', 'internet-3gb-1d');
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'client_key_reused' });
  });

  it('charges once when the same order arrives ten times at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        order('+79000000001', 'anna-pack-0002', 'buy_pack', 'internet-1gb-7d'),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await balanceOf('+79000000001')).toBe(104_550); // 1145.50 - 100.00
  });

  it('refuses Boris a pack he cannot pay, records the refusal and repeats it', async () => {
    const boris = await lineOf('+79000000002');
    const priced = await quote('+79000000002', 'buy_pack', 'internet-5gb-30d');
    expect(priced.json()).toMatchObject({ price: 25_000, chargedNow: 25_000, canAfford: false });

    const bundlesBefore = await t.database.db
      .selectFrom('bundles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('line_id', '=', boris.id)
      .executeTakeFirstOrThrow();
    const refused = await order('+79000000002', 'boris-pack-0001', 'buy_pack', 'internet-5gb-30d');
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = refused.json();
    expect(problem).toMatchObject({
      status: 409,
      code: 'insufficient_funds',
      type: 'urn:kabinet:problem:insufficient_funds',
      detail: 'This costs RUB\u00a0250.00 now, and the balance is RUB\u00a012.40. Top up and try again.',
    });
    expect(await balanceOf('+79000000002')).toBe(1_240);
    const bundlesAfter = await t.database.db
      .selectFrom('bundles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('line_id', '=', boris.id)
      .executeTakeFirstOrThrow();
    expect(Number(bundlesAfter.n)).toBe(Number(bundlesBefore.n));

    const repeat = await order('+79000000002', 'boris-pack-0001', 'buy_pack', 'internet-5gb-30d');
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json()).toMatchObject({ code: 'insufficient_funds', detail: problem.detail });

    const list = await t.app.inject({ url: '/api/lines/+79000000002/orders', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      orders: [
        {
          id: expect.any(Number),
          clientKey: 'boris-pack-0001',
          kind: 'buy_pack',
          code: 'internet-5gb-30d',
          status: 'rejected',
          reason: 'insufficient_funds',
          price: 25_000,
          chargedNow: 0,
          effective: 'now',
          effectiveAt: '2026-11-26T09:00:00.000Z',
          balanceAfter: null,
          createdAt: '2026-11-26T09:00:00.000Z',
        },
      ],
      nextBefore: null,
    });
    const ledger = await t.database.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reference_type', '=', 'order')
      .where('reference_id', '=', String(list.json().orders[0].id))
      .executeTakeFirstOrThrow();
    expect(Number(ledger.n)).toBe(0);
  });

  it('answers each refusal with its own code', async () => {
    const code = async (msisdn: string, kind: string, c: string, key: string) => {
      const r = await order(msisdn, key, kind, c);
      return [r.statusCode, r.json().code];
    };
    // smart-plus now: 0.00 change fee + 650.00 first month > 12.40.
    expect(await code('+79000000002', 'change_tariff', 'smart-plus', 'boris-0002')).toEqual([
      409,
      'insufficient_funds',
    ]);
    expect(await code('+79000000002', 'change_tariff', 'smart-start', 'boris-0003')).toEqual([
      409,
      'same_tariff',
    ]);
    // A postpaid tariff is not for a prepaid account.
    expect(await code('+79000000002', 'change_tariff', 'max-unlimited', 'boris-0004')).toEqual([
      409,
      'not_available',
    ]);
    expect(await code('+79000000002', 'buy_pack', 'reward-internet-1gb', 'boris-0005')).toEqual([
      409,
      'not_available',
    ]);
    expect(await code('+79000000002', 'buy_pack', 'no-such-pack', 'boris-0006')).toEqual([404, 'not_found']);
    expect(await code('+79000000002', 'connect_service', 'who-called', 'boris-0007')).toEqual([
      409,
      'already_connected',
    ]);
    expect(await code('+79000000002', 'disconnect_service', 'voicemail', 'boris-0008')).toEqual([
      409,
      'not_connected',
    ]);
    // Citra is blocked for debt: nothing new, but she may still leave a service.
    expect(await code('+79000000003', 'buy_pack', 'internet-1gb-7d', 'citra-0001')).toEqual([
      409,
      'line_blocked',
    ]);
    expect(await balanceOf('+79000000002')).toBe(1_240);
  });

  it('connects and disconnects services, and cancels a content subscription', async () => {
    const anna = await lineOf('+79000000001');
    const priced = await quote('+79000000001', 'connect_service', 'voicemail');
    expect(priced.json()).toMatchObject({
      price: 4_000,
      chargedNow: 4_000,
      recurringFee: { amount: 4_000, period: 'month' },
      effective: 'now',
    });
    const connected = await order('+79000000001', 'anna-svc-0001', 'connect_service', 'voicemail');
    expect(connected.statusCode).toBe(201);
    expect(connected.json()).toMatchObject({ price: 4_000, balanceAfter: 100_550 }); // 1045.50 - 40.00
    // Its first period runs from now to 26 Dec 00:00 MSK; the 26th is its anniversary.
    const voicemail = await t.database.db
      .selectFrom('line_services')
      .innerJoin('services', 'services.id', 'line_services.service_id')
      .select([
        'line_services.id',
        'line_services.status',
        'line_services.next_fee_at',
        'line_services.fee_anchor_day',
      ])
      .where('line_services.line_id', '=', anna.id)
      .where('services.code', '=', 'voicemail')
      .executeTakeFirstOrThrow();
    expect(voicemail).toMatchObject({
      status: 'active',
      next_fee_at: '2026-12-25T21:00:00.000Z',
      fee_anchor_day: 26,
    });
    expect(
      await t.database.db
        .selectFrom('fee_charges')
        .select(['period_start', 'period_end', 'amount'])
        .where('subject', '=', 'service')
        .where('subject_id', '=', voicemail.id)
        .execute(),
    ).toEqual([
      { period_start: '2026-11-26T09:00:00.000Z', period_end: '2026-12-25T21:00:00.000Z', amount: 4_000 },
    ]);
    expect(await moneyRowsOfOrder(connected.json().id)).toEqual([{ kind: 'fee', amount: -4_000 }]);

    expect((await order('+79000000001', 'anna-svc-0002', 'connect_service', 'voicemail')).json().code).toBe(
      'already_connected',
    );

    const disconnected = await order('+79000000001', 'anna-svc-0003', 'disconnect_service', 'voicemail');
    expect(disconnected.statusCode).toBe(201);
    expect(disconnected.json()).toMatchObject({ price: 0, chargedNow: 0, balanceAfter: 100_550 });
    expect(
      await t.database.db
        .selectFrom('line_services')
        .select(['status', 'next_fee_at', 'disconnected_at'])
        .where('id', '=', voicemail.id)
        .executeTakeFirst(),
    ).toEqual({ status: 'disconnected', next_fee_at: null, disconnected_at: '2026-11-26T09:00:00.000Z' });
    expect(
      (await order('+79000000001', 'anna-svc-0004', 'disconnect_service', 'voicemail')).json().code,
    ).toBe('not_connected');

    // content-music is a content subscription; spam-shield is an option.
    const cancelled = await order('+79000000001', 'anna-svc-0005', 'cancel_subscription', 'content-music');
    expect(cancelled.statusCode).toBe(201);
    expect(
      (await order('+79000000001', 'anna-svc-0006', 'cancel_subscription', 'spam-shield')).json().code,
    ).toBe('not_available');

    // A one-time service: 300.00 once, nothing scheduled. 1005.50 - 300.00 = 705.50.
    const oneTime = await order('+79000000001', 'anna-svc-0007', 'connect_service', 'number-change');
    expect(oneTime.json()).toMatchObject({ price: 30_000, chargedNow: 30_000, balanceAfter: 70_550 });
    expect(await moneyRowsOfOrder(oneTime.json().id)).toEqual([{ kind: 'one_time_fee', amount: -30_000 }]);
  });

  it('never overdraws a prepaid balance under twenty purchases at once', async () => {
    // 705.50 buys seven 100.00 packs (700.00); the other thirteen are refused. 705.50 - 700.00 = 5.50.
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        order('+79000000001', `anna-burst-${String(i).padStart(4, '0')}`, 'buy_pack', 'internet-1gb-7d'),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 409)).toHaveLength(13);
    expect(
      responses.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'insufficient_funds'),
    ).toBe(true);
    expect(await balanceOf('+79000000001')).toBe(550);
  });

  it('sells a roaming pack for its zone and changes a tariff now on a shared account', async () => {
    const owner = await lineOf('+79000000005');
    const roaming = await order('+79000000005', 'elena-0001', 'buy_pack', 'roaming-neighbours-7d');
    expect(roaming.json()).toMatchObject({ price: 50_000, balanceAfter: 47_700 }); // 977.00 - 500.00
    const zone = await t.database.db
      .selectFrom('roaming_zones')
      .select('id')
      .where('code', '=', 'neighbours')
      .executeTakeFirstOrThrow();
    expect(
      await t.database.db
        .selectFrom('bundles')
        .select(['unit', 'total', 'scope', 'roaming_zone_id', 'expires_at'])
        .where('line_id', '=', owner.id)
        .where('source', '=', 'pack')
        .orderBy('id')
        .execute(),
    ).toEqual([
      // 100 minutes and 2 GB, used only in the zone, for 7 days.
      {
        unit: 'voice_seconds',
        total: 6_000,
        scope: 'all',
        roaming_zone_id: zone.id,
        expires_at: '2026-12-03T09:00:00.000Z',
      },
      {
        unit: 'data_bytes',
        total: 2_000_000_000,
        scope: 'all',
        roaming_zone_id: zone.id,
        expires_at: '2026-12-03T09:00:00.000Z',
      },
    ]);

    // The family line shares the account: smart-plus now costs 650.00 and 477.00 is left.
    const family = await lineOf('+79000000006');
    const priced = await quote('+79000000006', 'change_tariff', 'smart-plus');
    expect(priced.json()).toMatchObject({
      price: 0,
      chargedNow: 65_000,
      recurringFee: { amount: 65_000, period: 'month' },
      effective: 'now',
      canAfford: false,
    });
    expect((await order('+79000000006', 'family-0001', 'change_tariff', 'smart-plus')).json().code).toBe(
      'insufficient_funds',
    );

    await topUp('+79000000006', 50_000); // 477.00 + 500.00 = 977.00
    // The refused key keeps its answer; a new key places the order.
    expect((await order('+79000000006', 'family-0001', 'change_tariff', 'smart-plus')).statusCode).toBe(409);
    const changed = await order('+79000000006', 'family-0002', 'change_tariff', 'smart-plus');
    expect(changed.statusCode).toBe(201);
    expect(changed.json()).toMatchObject({
      price: 0,
      chargedNow: 65_000,
      balanceAfter: 32_700,
      effective: 'now',
    });
    expect(await moneyRowsOfOrder(changed.json().id)).toEqual([{ kind: 'fee', amount: -65_000 }]);

    // A fresh period from now to 26 Dec 00:00 MSK with smart-plus bundles; the anniversary is the 26th.
    expect(await lineOf('+79000000006')).toMatchObject({
      tariff_id: await tariffId('smart-plus'),
      pending_tariff_id: null,
      next_fee_at: '2026-12-25T21:00:00.000Z',
      fee_anchor_day: 26,
      tariff_status: 'active',
    });
    const bundles = await t.database.db
      .selectFrom('bundles')
      .select(['tariff_id', 'unit', 'total', 'remaining', 'valid_from', 'expires_at'])
      .where('line_id', '=', family.id)
      .orderBy('id')
      .execute();
    const smartStart = await tariffId('smart-start');
    const smartPlus = await tariffId('smart-plus');
    // The old bundles end now, emptied: 18000 - 2700 s, 100 - 40 SMS, 10 GB - 7 GB were left.
    const ended = { valid_from: '2026-10-27T21:00:00.000Z', expires_at: '2026-11-26T09:00:00.000Z' };
    const period = { valid_from: '2026-11-26T09:00:00.000Z', expires_at: '2026-12-25T21:00:00.000Z' };
    expect(bundles).toEqual([
      { tariff_id: smartStart, unit: 'voice_seconds', total: 18_000, remaining: 0, ...ended },
      { tariff_id: smartStart, unit: 'sms', total: 100, remaining: 0, ...ended },
      { tariff_id: smartStart, unit: 'data_bytes', total: 10_000_000_000, remaining: 0, ...ended },
      { tariff_id: smartPlus, unit: 'voice_seconds', total: 48_000, remaining: 48_000, ...period },
      { tariff_id: smartPlus, unit: 'sms', total: 300, remaining: 300, ...period },
      {
        tariff_id: smartPlus,
        unit: 'data_bytes',
        total: 35_000_000_000,
        remaining: 35_000_000_000,
        ...period,
      },
    ]);
    const expiry = await t.database.db
      .selectFrom('ledger_entries')
      .select(['amount'])
      .where('line_id', '=', family.id)
      .where('kind', '=', 'expiry')
      .orderBy('id')
      .execute();
    expect(expiry.map((e) => e.amount)).toEqual([-15_300, -60, -3_000_000_000]);
  });

  it('schedules a tariff change for the next period, applied and charged by the fee run', async () => {
    // Dmitry: business-pro -> max-unlimited takes effect on his anniversary, 17 Dec 00:00 MSK.
    const priced = await quote('+79000000004', 'change_tariff', 'max-unlimited');
    expect(priced.json()).toMatchObject({
      price: 0,
      chargedNow: 0,
      effective: 'next_period',
      effectiveAt: '2026-12-16T21:00:00.000Z',
      recurringFee: { amount: 120_000, period: 'month' },
    });
    const scheduled = await order('+79000000004', 'dmitry-0001', 'change_tariff', 'max-unlimited');
    expect(scheduled.statusCode).toBe(201);
    expect(scheduled.json()).toMatchObject({ effective: 'next_period', balanceAfter: -291_280 });
    expect(await lineOf('+79000000004')).toMatchObject({
      tariff_id: await tariffId('business-pro'),
      pending_tariff_id: await tariffId('max-unlimited'),
      balance: -291_280,
    });
    expect((await order('+79000000004', 'dmitry-0002', 'change_tariff', 'max-unlimited')).json().code).toBe(
      'already_scheduled',
    );

    // Citra pays her debt (the operator unblocks her) and moves to business-pro, whose change fee of
    // 500.00 is charged at the switch on 30 Nov, with the new tariff's fee. She also leaves video.
    await t.database.db
      .updateTable('lines')
      .set({ status: 'active' })
      .where('msisdn', '=', '+79000000003')
      .execute();
    expect((await order('+79000000003', 'citra-0002', 'disconnect_service', 'video')).statusCode).toBe(201);
    const citraOrder = await order('+79000000003', 'citra-0003', 'change_tariff', 'business-pro');
    expect(citraOrder.json()).toMatchObject({
      price: 50_000,
      chargedNow: 0,
      effective: 'next_period',
      effectiveAt: '2026-11-29T21:00:00.000Z',
      balanceAfter: -267_600,
    });

    const config = t.app.deps.config;
    await runChargeDue(t.database, config.billingTimeZone, new Date('2026-11-30T09:00:00Z'));
    // -2676.00 - 2500.00 (business-pro) - 500.00 (change fee) = -5676.00; no video fee on 6 Dec.
    expect(await lineOf('+79000000003')).toMatchObject({
      tariff_id: await tariffId('business-pro'),
      pending_tariff_id: null,
      balance: -567_600,
      next_fee_at: '2026-12-30T21:00:00.000Z',
    });
    expect(await moneyRowsOfOrder(citraOrder.json().id)).toEqual([
      { kind: 'tariff_change', amount: -50_000 },
    ]);

    await runChargeDue(t.database, config.billingTimeZone, new Date('2026-12-17T09:00:00Z'));
    // Dmitry: max-unlimited 1200.00 instead of 2500.00, and world-calls 100.00 + voicemail 40.00 on
    // 6 Dec: -2912.80 - 1200.00 - 140.00 = -4252.80.
    const dmitry = await lineOf('+79000000004');
    expect(dmitry).toMatchObject({
      tariff_id: await tariffId('max-unlimited'),
      pending_tariff_id: null,
      balance: -425_280,
      next_fee_at: '2027-01-16T21:00:00.000Z',
    });
    expect(
      await t.database.db
        .selectFrom('bundles')
        .select(['unit', 'total'])
        .where('line_id', '=', dmitry.id)
        .where('remaining', '>', 0)
        .orderBy('id')
        .execute(),
    ).toEqual([
      { unit: 'voice_seconds', total: 120_000 }, // 2000 min
      { unit: 'sms', total: 1_000 },
      { unit: 'data_bytes', total: 100_000_000_000 },
    ]);
    expect((await lineOf('+79000000003')).balance).toBe(-567_600);
    expect((await lineOf('+79000000001')).balance).toBe(550); // content-music was cancelled: no daily fees

    // The family line's change replaced its 28 Nov anniversary: no fee beyond the order's period.
    const family = await lineOf('+79000000006');
    const familyCharges = await t.database.db
      .selectFrom('fee_charges')
      .select(['period_start'])
      .where('line_id', '=', family.id)
      .where('subject', '=', 'tariff')
      .execute();
    expect(familyCharges).toEqual([{ period_start: '2026-11-26T09:00:00.000Z' }]);
  });

  it('lists a line’s orders newest first, a page at a time', async () => {
    const page1 = await t.app.inject({ url: '/api/lines/+79000000004/orders?limit=1', headers: auth });
    expect(page1.statusCode).toBe(200);
    const body1 = page1.json();
    expect(body1.orders.map((o: { clientKey: string; status: string }) => [o.clientKey, o.status])).toEqual([
      ['dmitry-0002', 'rejected'],
    ]);
    const page2 = await t.app.inject({
      url: `/api/lines/+79000000004/orders?limit=1&before=${body1.nextBefore}`,
      headers: auth,
    });
    expect(page2.json().orders[0]).toMatchObject({
      clientKey: 'dmitry-0001',
      status: 'completed',
      reason: null,
      effective: 'next_period',
      effectiveAt: '2026-12-16T21:00:00.000Z',
      balanceAfter: -291_280,
    });
  });

  it('explains every order by its ledger rows', async () => {
    const orders = await t.database.db.selectFrom('orders').select(['id', 'status', 'result']).execute();
    for (const o of orders) {
      const rows = await moneyRowsOfOrder(o.id);
      const charged = rows.reduce((sum, r) => sum - r.amount, 0);
      if (o.status === 'rejected') expect(rows).toEqual([]);
      // A scheduled change pays at the switch, by the fee run; everything else when placed.
      else if (JSON.parse(o.result).effective === 'now')
        expect(charged).toBe(JSON.parse(o.result).chargedNow);
    }
    const money = await sql<{ balance: number; total: number }>`
      select a.balance, coalesce(sum(l.amount), 0) as total
      from accounts a left join ledger_entries l on l.account_id = a.id and l.unit = 'money'
      group by a.id, a.balance`.execute(t.database.db);
    for (const row of money.rows) expect(Number(row.total)).toBe(Number(row.balance));
    const units = await sql<{ remaining: number; total: number }>`
      select b.remaining, coalesce(sum(l.amount), 0) as total
      from bundles b left join ledger_entries l on l.bundle_id = b.id
      group by b.id, b.remaining`.execute(t.database.db);
    for (const row of units.rows) expect(Number(row.total)).toBe(Number(row.remaining));
  });

  it('admits only the operator key, to lines that exist, with a valid body', async () => {
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/lines/+79000000001/orders',
      payload: { clientKey: 'anna-x-0001', kind: 'buy_pack', code: 'internet-1gb-7d' },
    });
    expect(noKey.statusCode).toBe(401);
    expect((await order('+79009999999', 'nobody-0001', 'buy_pack', 'internet-1gb-7d')).statusCode).toBe(404);
    const short = await order('+79000000001', 'short', 'buy_pack', 'internet-1gb-7d');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors).toEqual([expect.objectContaining({ field: 'body.clientKey' })]);
    const badKind = await order('+79000000001', 'anna-x-0002', 'steal_money', 'internet-1gb-7d');
    expect(badKind.statusCode).toBe(400);
  });
});
