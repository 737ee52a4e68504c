import { testEngine } from '@kabinet/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

const KEY = 'network-key-for-tests-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ NETWORK_API_KEY: KEY });
});
afterAll(async () => {
  await t?.close();
});

const at = '2026-11-26T10:00:00Z';
async function send(events: unknown[]) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/network/usage',
    headers: { authorization: `Bearer ${KEY}` },
    payload: { events },
  });
  expect(response.statusCode).toBe(200);
  return response.json().results as Record<string, unknown>[];
}
async function balance(msisdn: string) {
  const row = await t.database.db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select('accounts.balance')
    .where('msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
  return row.balance;
}
async function bundle(msisdn: string, unit: string, source = 'tariff') {
  return t.database.db
    .selectFrom('bundles')
    .innerJoin('lines', 'lines.id', 'bundles.line_id')
    .select(['bundles.id', 'bundles.remaining'])
    .where('lines.msisdn', '=', msisdn)
    .where('bundles.unit', '=', unit)
    .where('bundles.source', '=', source)
    .executeTakeFirstOrThrow();
}
async function ledgerCount() {
  const row = await t.database.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`POST /api/network/usage on ${testEngine}`, () => {
  it('refuses callers without the network key', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/network/usage',
      payload: { events: [{}] },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('unauthorized');
  });

  it('answers the mobile core without the browser security headers the app gets', async () => {
    const network = await t.app.inject({
      method: 'POST',
      url: '/api/network/usage',
      headers: { authorization: `Bearer ${KEY}` },
      // A number no line has: answered, and nothing is charged.
      payload: {
        events: [
          { id: 'headers-1', msisdn: '+79990000000', type: 'sms', startedAt: at, otherParty: '+79161234567' },
        ],
      },
    });
    expect(network.statusCode).toBe(200);
    expect(network.json().results[0].reason).toBe('unknown_subscriber');
    expect(network.headers['content-security-policy']).toBeUndefined();
    expect(network.headers['x-frame-options']).toBeUndefined();
    // The request id still follows every answer, and a subscriber API keeps its headers.
    expect(network.headers['x-request-id']).toBeTruthy();
    const app = await t.app.inject({ method: 'GET', url: '/api/catalog' });
    expect(app.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(app.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('takes a call from the bundle: Anna, 61 s per second after the first minute', async () => {
    const before = await bundle('+79000000001', 'voice_seconds');
    // Smart Plus: 800 min = 48,000 s, 35 % used = 16,800 s, so 31,200 s remain
    expect(before.remaining).toBe(31_200);
    const [result] = await send([
      {
        id: 'anna-call-1',
        msisdn: '+79000000001',
        type: 'voice',
        startedAt: at,
        seconds: 61,
        otherParty: '+79161234567',
      },
    ]);
    expect(result).toEqual({
      id: 'anna-call-1',
      status: 'charged',
      charges: [{ source: 'bundle', bundleId: before.id, units: 61, amount: 0 }],
      balanceAfter: 124_550,
    });
    expect((await bundle('+79000000001', 'voice_seconds')).remaining).toBe(31_139); // 31,200 - 61
  });

  it('charges exactly the remainder beyond the bundle: Boris, data past his last 300 MB', async () => {
    // 10 GB bundle, 97 % used: 300,000,000 B remain. 300,050,000 B rounds up to 3,001 × 100,000 = 300,100,000 B;
    // 100,000 B beyond the bundle × 3.00 ₽/MB = 0.1 MB × 300 kopecks = 30 kopecks.
    const data = await bundle('+79000000002', 'data_bytes');
    const [result] = await send([
      { id: 'boris-data-1', msisdn: '+79000000002', type: 'data', startedAt: at, bytes: 300_050_000 },
    ]);
    expect(result).toEqual({
      id: 'boris-data-1',
      status: 'charged',
      charges: [
        { source: 'bundle', bundleId: data.id, units: 300_000_000, amount: 0 },
        { source: 'balance', units: 100_000, amount: 30 },
      ],
      balanceAfter: 1_210, // 1,240 - 30
    });
    expect((await bundle('+79000000002', 'data_bytes')).remaining).toBe(0);
    expect(await balance('+79000000002')).toBe(1_210);
  });

  it('applies events of one account in order within a batch and never overdraws it', async () => {
    // International SMS at 6.00 ₽: 1,210 → 610 → 10 → rejected (10 < 600)
    const sms = (id: string) => ({
      id,
      msisdn: '+79000000002',
      type: 'sms',
      startedAt: at,
      otherParty: '+4930123456',
    });
    const results = await send([sms('boris-sms-1'), sms('boris-sms-2'), sms('boris-sms-3')]);
    expect(results.map((r) => [r.status, r.reason, r.balanceAfter])).toEqual([
      ['charged', undefined, 610],
      ['charged', undefined, 10],
      ['rejected', 'insufficient_funds', undefined],
    ]);
    expect(await balance('+79000000002')).toBe(10);
  });

  it("applies connected options: Anna's messengers are zero-rated, Elena's on-net calls are unlimited", async () => {
    const dataBefore = await bundle('+79000000001', 'data_bytes');
    const voiceBefore = await bundle('+79000000005', 'voice_seconds');
    const results = await send([
      {
        id: 'anna-chat',
        msisdn: '+79000000001',
        type: 'data',
        startedAt: at,
        bytes: 50_000_000,
        ratingGroup: 10,
      },
      {
        id: 'elena-on-net',
        msisdn: '+79000000005',
        type: 'voice',
        startedAt: at,
        seconds: 900,
        otherParty: '+79001234567',
      },
    ]);
    expect(results.map((r) => [r.status, r.charges])).toEqual([
      ['charged', []],
      ['charged', []],
    ]);
    expect((await bundle('+79000000001', 'data_bytes')).remaining).toBe(dataBefore.remaining);
    expect((await bundle('+79000000005', 'voice_seconds')).remaining).toBe(voiceBefore.remaining);
  });

  it('accepts the largest Unsigned32 rating group', async () => {
    const [result] = await send([
      {
        id: 'rg-max',
        msisdn: '+79000000001',
        type: 'data',
        startedAt: at,
        bytes: 1_000,
        ratingGroup: 4_294_967_295,
      },
    ]);
    expect(result).toMatchObject({ id: 'rg-max', status: 'charged' });
  });

  it('lets a postpaid account run up its bill: Dmitry, an SMS abroad', async () => {
    const [result] = await send([
      { id: 'dmitry-sms-1', msisdn: '+79000000004', type: 'sms', startedAt: at, otherParty: '+4930123456' },
    ]);
    // -2,912.80 ₽ - 6.00 ₽ = -2,918.80 ₽
    expect(result).toMatchObject({ status: 'charged', balanceAfter: -291_880 });
  });

  it('rejects unknown numbers, blocked lines and malformed events on their own', async () => {
    const results = await send([
      { id: 'x-1', msisdn: '+79009999999', type: 'sms', startedAt: at, otherParty: '+79161234567' },
      {
        id: 'x-2',
        msisdn: '+79000000003',
        type: 'voice',
        startedAt: at,
        seconds: 10,
        otherParty: '+79161234567',
      },
      {
        id: 'x-3',
        msisdn: '+79000000001',
        type: 'voice',
        startedAt: 'yesterday',
        seconds: 10,
        otherParty: '+79161234567',
      },
      'not an event',
      { id: 'x-4', msisdn: '+79000000001', type: 'sms', startedAt: at, otherParty: '+79161234567' },
    ]);
    expect(results.map((r) => [r.id, r.status, r.reason])).toEqual([
      ['x-1', 'rejected', 'unknown_subscriber'],
      ['x-2', 'rejected', 'line_blocked'],
      ['x-3', 'rejected', 'invalid'],
      [null, 'rejected', 'invalid'],
      ['x-4', 'charged', undefined],
    ]);
  });

  it('answers a repeated batch with identical results and charges nothing the second time', async () => {
    const batch = [
      {
        id: 'repeat-1',
        msisdn: '+79000000005',
        type: 'voice',
        startedAt: at,
        seconds: 30,
        otherParty: '+4930123456',
      },
      { id: 'repeat-2', msisdn: '+79000000006', type: 'data', startedAt: at, bytes: 1_000_000 },
      { id: 'repeat-3', msisdn: '+79000000002', type: 'sms', startedAt: at, otherParty: '+4930123456' },
    ];
    const first = await send(batch);
    const balances = [await balance('+79000000005'), await balance('+79000000002')];
    const rows = await ledgerCount();
    const second = await send(batch);
    expect(second).toEqual(first);
    expect([await balance('+79000000005'), await balance('+79000000002')]).toEqual(balances);
    expect(await ledgerCount()).toBe(rows);
    // Elena, Smart Plus: 30 s to Germany is international, outside her national minutes: 1 min × 55.00 ₽
    expect(first[0]).toMatchObject({ status: 'charged', balanceAfter: 97_700 - 5_500 });
  });

  it('keeps any printable event id exactly, and refuses control characters and broken text alone', async () => {
    const sms = (id: string) => ({
      id,
      msisdn: '+79000000004',
      type: 'sms',
      startedAt: at,
      otherParty: '+79161234567',
    });
    const odd = [`o'brien "quoted" \\path \\'; drop table usage_events; --`, 'Звонок-📞-1'];
    const before = {
      balance: await balance('+79000000004'),
      sms: (await bundle('+79000000004', 'sms')).remaining,
    };
    const results = await send([sms(odd[0]!), sms('nul\u0000byte'), sms('lone\ud800half'), sms(odd[1]!)]);
    expect(results.map((r) => [r.id, r.status, r.reason])).toEqual([
      [odd[0], 'charged', undefined],
      [null, 'rejected', 'invalid'],
      [null, 'rejected', 'invalid'],
      [odd[1], 'charged', undefined],
    ]);
    // Business Pro's national SMS bundle takes both messages; the refused ones take nothing.
    const after = { balance: before.balance, sms: before.sms - 2 };
    expect({
      balance: await balance('+79000000004'),
      sms: (await bundle('+79000000004', 'sms')).remaining,
    }).toEqual(after);
    const again = await send([sms(odd[0]!), sms(odd[1]!)]);
    expect(again).toEqual([results[0], results[3]]);
    expect({
      balance: await balance('+79000000004'),
      sms: (await bundle('+79000000004', 'sms')).remaining,
    }).toEqual(after);
  });

  it('answers a repeat inside one batch with the first result', async () => {
    const event = {
      id: 'twice-in-batch',
      msisdn: '+79000000005',
      type: 'sms',
      startedAt: at,
      otherParty: '+4930123456',
    };
    const before = await balance('+79000000005');
    const [a, b] = await send([event, event]);
    expect(b).toEqual(a);
    expect(await balance('+79000000005')).toBe(before - 600);
  });

  it('keeps every balance and bundle equal to the sum of its ledger rows', async () => {
    const money = await sql<{ id: number; balance: number; total: number }>`
      select a.id, a.balance, coalesce(sum(l.amount), 0) as total
      from accounts a left join ledger_entries l on l.account_id = a.id and l.unit = 'money'
      group by a.id, a.balance`.execute(t.database.db);
    for (const row of money.rows) expect(Number(row.total)).toBe(row.balance);
    const units = await sql<{ id: number; remaining: number; total: number }>`
      select b.id, b.remaining, coalesce(sum(l.amount), 0) as total
      from bundles b left join ledger_entries l on l.bundle_id = b.id
      group by b.id, b.remaining`.execute(t.database.db);
    for (const row of units.rows) expect(Number(row.total)).toBe(row.remaining);
  });

  it('answers a body that is not a batch with a validation problem', async () => {
    for (const payload of [{ events: 'all of them' }, { events: [] }, { batch: [] }]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/network/usage',
        headers: { authorization: `Bearer ${KEY}` },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe('validation_failed');
    }
  });

  it('refuses a batch over 1,000 events as a whole', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/network/usage',
      headers: { authorization: `Bearer ${KEY}` },
      payload: { events: Array.from({ length: 1001 }, () => ({})) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});
