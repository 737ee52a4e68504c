import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  type Database,
  type DB,
  inTransaction,
  migrateToLatest,
  openDatabase,
  postMoney,
  seedDemoIfEmpty,
  seedSyntheticSubscribers,
} from '@kabinet/db';
import { createTestDatabase, type TestDatabase, testEngine } from '@kabinet/db/testing';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runChargeDue } from '../src/jobs/charge-due';
import { type ServerProcess, startServer } from './support/server-process';
import { DEMO_NOW } from './support/test-app';

/**
 * Recurring fees, with the demo subscribers (seeded at DEMO_NOW = 26 Nov 2026 12:00 Moscow time).
 * Moscow is UTC+3 all year, so local midnight is 21:00 UTC the day before. Amounts in kopecks.
 *
 * The demo schedule (worked out from the demo stories):
 * - Anna +79000000001, prepaid, smart-plus 650.00/month, activated 400 days before = 22 Oct 2025:
 *   anniversary the 22nd, next fee 22 Dec 00:00 MSK = 2026-12-21T21:00Z. Services connected 20 days
 *   before = 6 Nov: messengers 60.00 and spam-shield 50.00 monthly (next 6 Dec = 2026-12-05T21:00Z),
 *   content-music 9.00 daily (next 27 Nov 00:00 MSK = 2026-11-26T21:00Z). Balance 1245.50. 5 GB pack
 *   bought 20 Nov 09:00Z for 30 days (expires 2026-12-20T09:00Z), 1 GB of it used.
 * - Boris +79000000002, prepaid, smart-start 350.00, activated 210 days before = 30 Apr 2026:
 *   next fee 30 Nov 00:00 MSK = 2026-11-29T21:00Z. who-called 2.00 daily. Balance 12.40.
 * - Citra +79000000003, postpaid (limit 1000.00), max-unlimited 1200.00, activated 330 days before =
 *   31 Dec 2025: anniversary the 31st, so 30 Nov (2026-11-29T21:00Z), then 31 Dec. video 200.00 monthly.
 *   Balance -2676.00.
 * - Dmitry +79000000004, postpaid, business-pro 2500.00, next 17 Dec; world-calls 100.00, voicemail 40.00.
 * - Elena +79000000005 (smart-plus, anniversary the 5th) and +79000000006 (smart-start, activated 90 days
 *   before = 28 Aug: next 28 Nov 00:00 MSK = 2026-11-27T21:00Z) share one prepaid account: 977.00.
 */
const MSK = 'Europe/Moscow';
const run = (database: Database, now: string) => runChargeDue(database, MSK, new Date(now));
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

async function demoDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  open.push(t);
  await seedDemoIfEmpty(t.db, {
    operatorName: 'Kabinet Mobile',
    currency: 'RUB',
    timeZone: MSK,
    now: DEMO_NOW,
  });
  return t;
}

async function line(db: Kysely<DB>, msisdn: string) {
  return db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select([
      'lines.id',
      'lines.account_id',
      'lines.next_fee_at',
      'lines.fee_anchor_day',
      'lines.tariff_status',
      'lines.tariff_id',
      'accounts.balance',
    ])
    .where('msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
}

async function feeCharges(db: Kysely<DB>, lineId: number, subject: 'tariff' | 'service') {
  return db
    .selectFrom('fee_charges')
    .select(['subject_id', 'period_start', 'period_end', 'amount'])
    .where('line_id', '=', lineId)
    .where('subject', '=', subject)
    .orderBy('period_start')
    .orderBy('subject_id')
    .execute();
}

async function liveBundles(db: Kysely<DB>, lineId: number) {
  return db
    .selectFrom('bundles')
    .select(['source', 'unit', 'total', 'remaining', 'valid_from', 'expires_at'])
    .where('line_id', '=', lineId)
    .where('remaining', '>', 0)
    .orderBy('id')
    .execute();
}

async function countRows(db: Kysely<DB>, table: 'ledger_entries' | 'fee_charges' | 'bundles') {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function ledgerRowsOf(db: Kysely<DB>, accountId: number) {
  const { n } = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function topUp(db: Kysely<DB>, accountId: number, amount: number, at: string) {
  await inTransaction(db, (trx) =>
    postMoney(trx, {
      accountId,
      lineId: null,
      kind: 'top_up',
      amount,
      referenceType: 'test',
      referenceId: null,
      at,
    }),
  );
}

/**
 * Every balance is the sum of its money rows, every bundle the sum of its unit rows, and every fee
 * charge has exactly one money row (none for a zero fee) and every fee row exactly one charge.
 */
async function expectLedgerExplainsEverything(db: Kysely<DB>) {
  const money = await sql<{ balance: number; total: number }>`
    select a.balance, coalesce(sum(l.amount), 0) as total
    from accounts a left join ledger_entries l on l.account_id = a.id and l.unit = 'money'
    group by a.id, a.balance`.execute(db);
  for (const row of money.rows) expect(Number(row.total)).toBe(Number(row.balance));
  const units = await sql<{ remaining: number; total: number }>`
    select b.remaining, coalesce(sum(l.amount), 0) as total
    from bundles b left join ledger_entries l on l.bundle_id = b.id
    group by b.id, b.remaining`.execute(db);
  for (const row of units.rows) expect(Number(row.total)).toBe(Number(row.remaining));
  const fees = await sql<{ amount: number; rows: number }>`
    select f.amount, count(l.id) as rows
    from fee_charges f left join ledger_entries l
      on l.reference_type = 'fee_charge' and l.reference_id = cast(f.id as text) and l.kind = 'fee'
    group by f.id, f.amount`.execute(db);
  for (const row of fees.rows) expect(Number(row.rows)).toBe(Number(row.amount) > 0 ? 1 : 0);
  const orphans = await sql<{ n: number }>`
    select count(*) as n from ledger_entries l
    where l.kind = 'fee' and l.reference_type = 'fee_charge'
      and not exists (select 1 from fee_charges f where cast(f.id as text) = l.reference_id)`.execute(db);
  expect(Number(orphans.rows[0]!.n)).toBe(0);
}

describe(`recurring fees on ${testEngine}`, () => {
  it('seeds the next fee on each anniversary in the billing time zone', async () => {
    const { db } = await demoDatabase();
    expect(await line(db, '+79000000001')).toMatchObject({
      fee_anchor_day: 22,
      next_fee_at: '2026-12-21T21:00:00.000Z', // 22 Dec 00:00 MSK
      tariff_status: 'active',
    });
    expect(await line(db, '+79000000002')).toMatchObject({
      fee_anchor_day: 30,
      next_fee_at: '2026-11-29T21:00:00.000Z', // 30 Nov 00:00 MSK
    });
    // Activated on the 31st: November has 30 days.
    expect(await line(db, '+79000000003')).toMatchObject({
      fee_anchor_day: 31,
      next_fee_at: '2026-11-29T21:00:00.000Z',
    });
    const services = await db
      .selectFrom('line_services')
      .innerJoin('services', 'services.id', 'line_services.service_id')
      .innerJoin('lines', 'lines.id', 'line_services.line_id')
      .select(['services.code', 'line_services.fee_anchor_day', 'line_services.next_fee_at'])
      .where('lines.msisdn', '=', '+79000000001')
      .orderBy('line_services.id')
      .execute();
    expect(services).toEqual([
      { code: 'messengers', fee_anchor_day: 6, next_fee_at: '2026-12-05T21:00:00.000Z' }, // 6 Dec 00:00 MSK
      { code: 'spam-shield', fee_anchor_day: 6, next_fee_at: '2026-12-05T21:00:00.000Z' },
      { code: 'content-music', fee_anchor_day: null, next_fee_at: '2026-11-26T21:00:00.000Z' }, // next midnight
    ]);
  });

  it('charges every due fee once, renews the bundles, and a second run changes nothing', async () => {
    const t = await demoDatabase();
    const { db } = t;
    const family = await line(db, '+79000000006');
    const report = await run(t, '2026-12-01T09:00:00Z'); // 1 Dec 12:00 MSK
    expect(report).toEqual({
      tariffFees: 2, // Elena's family line (28 Nov) and Citra (30 Nov); Boris cannot pay
      serviceFees: 10, // content-music and who-called, 27 Nov to 1 Dec: 5 days each
      // 350.00 + 1200.00 + 5 x 9.00 + 5 x 2.00 = 1605.00
      amount: 160_500,
      unpaid: 1,
      resumed: 0,
      expiredBundles: 3, // Boris's bundles of the period that ended 30 Nov
    });

    // Elena: 977.00 - 350.00 = 627.00; the family line's period runs 28 Nov to 28 Dec.
    expect(await line(db, '+79000000006')).toMatchObject({
      balance: 62_700,
      next_fee_at: '2026-12-27T21:00:00.000Z',
      fee_anchor_day: 28,
      tariff_status: 'active',
    });
    expect(await feeCharges(db, family.id, 'tariff')).toEqual([
      {
        subject_id: family.tariff_id,
        period_start: '2026-11-27T21:00:00.000Z',
        period_end: '2026-12-27T21:00:00.000Z',
        amount: 35_000,
      },
    ]);
    // New smart-start bundles: 300 min, 100 SMS, 10 GB; the old ones emptied with expiry rows.
    const period = { valid_from: '2026-11-27T21:00:00.000Z', expires_at: '2026-12-27T21:00:00.000Z' };
    expect(await liveBundles(db, family.id)).toEqual([
      { source: 'tariff', unit: 'voice_seconds', total: 18_000, remaining: 18_000, ...period },
      { source: 'tariff', unit: 'sms', total: 100, remaining: 100, ...period },
      { source: 'tariff', unit: 'data_bytes', total: 10_000_000_000, remaining: 10_000_000_000, ...period },
    ]);
    const expiry = await db
      .selectFrom('ledger_entries')
      .select(['unit', 'amount'])
      .where('line_id', '=', family.id)
      .where('kind', '=', 'expiry')
      .orderBy('id')
      .execute();
    // Used 15% / 40% / 70%: 18000 - 2700 = 15300 s, 100 - 40 = 60 SMS, 10 GB - 7 GB = 3 GB were left.
    expect(expiry).toEqual([
      { unit: 'voice_seconds', amount: -15_300 },
      { unit: 'sms', amount: -60 },
      { unit: 'data_bytes', amount: -3_000_000_000 },
    ]);

    // Citra is postpaid: the fee accumulates beyond the credit limit. -2676.00 - 1200.00 = -3876.00.
    expect(await line(db, '+79000000003')).toMatchObject({
      balance: -387_600,
      next_fee_at: '2026-12-30T21:00:00.000Z', // 31 Dec 00:00 MSK
      fee_anchor_day: 31,
    });
    // Anna: 1245.50 - 5 x 9.00 = 1200.50. Dmitry: nothing due yet.
    expect((await line(db, '+79000000001')).balance).toBe(120_050);
    expect((await line(db, '+79000000004')).balance).toBe(-291_280);

    // Boris cannot pay 350.00: suspended, no charge row, schedule kept; who-called 12.40 - 5 x 2.00 = 2.40.
    const boris = await line(db, '+79000000002');
    expect(boris).toMatchObject({
      balance: 240,
      tariff_status: 'suspended',
      next_fee_at: '2026-11-29T21:00:00.000Z',
    });
    expect(await feeCharges(db, boris.id, 'tariff')).toEqual([]);
    expect(await liveBundles(db, boris.id)).toEqual([]);

    const ledgerRows = await countRows(db, 'ledger_entries');
    const chargeRows = await countRows(db, 'fee_charges');
    expect(chargeRows).toBe(12);
    for (const now of ['2026-12-01T09:00:00Z', '2026-12-01T09:30:00Z']) {
      expect(await run(t, now)).toEqual({
        tariffFees: 0,
        serviceFees: 0,
        amount: 0,
        unpaid: 0,
        resumed: 0,
        expiredBundles: 0,
      });
    }
    expect(await countRows(db, 'ledger_entries')).toBe(ledgerRows);
    expect(await countRows(db, 'fee_charges')).toBe(chargeRows);
    await expectLedgerExplainsEverything(db);
  });

  it('keeps an anniversary on the 31st: 30 Nov, 31 Dec, 31 Jan, 28 Feb, 31 Mar', async () => {
    const t = await demoDatabase();
    const citra = await line(t.db, '+79000000003');
    await run(t, '2026-11-30T09:00:00Z');
    // A run three months later catches up period by period.
    await run(t, '2027-03-01T09:00:00Z');
    expect((await feeCharges(t.db, citra.id, 'tariff')).map((c) => [c.period_start, c.period_end])).toEqual([
      ['2026-11-29T21:00:00.000Z', '2026-12-30T21:00:00.000Z'], // 30 Nov - 31 Dec
      ['2026-12-30T21:00:00.000Z', '2027-01-30T21:00:00.000Z'], // 31 Dec - 31 Jan
      ['2027-01-30T21:00:00.000Z', '2027-02-27T21:00:00.000Z'], // 31 Jan - 28 Feb
      ['2027-02-27T21:00:00.000Z', '2027-03-30T21:00:00.000Z'], // 28 Feb - 31 Mar
    ]);
    expect(await line(t.db, '+79000000003')).toMatchObject({
      next_fee_at: '2027-03-30T21:00:00.000Z',
      fee_anchor_day: 31,
      // -2676.00 - 4 x 1200.00 (tariff) - 3 x 200.00 (video on 6 Dec, 6 Jan, 6 Feb) = -8076.00
      balance: -807_600,
    });
    // Only the current period's bundles hold units: 2000 min, 1000 SMS, 100 GB.
    expect((await liveBundles(t.db, citra.id)).map((b) => [b.unit, b.remaining, b.valid_from])).toEqual([
      ['voice_seconds', 120_000, '2027-02-27T21:00:00.000Z'],
      ['sms', 1_000, '2027-02-27T21:00:00.000Z'],
      ['data_bytes', 100_000_000_000, '2027-02-27T21:00:00.000Z'],
    ]);
    await expectLedgerExplainsEverything(t.db);
  });

  it('suspends a prepaid tariff it cannot charge and resumes it when paid the same day', async () => {
    const t = await demoDatabase();
    const boris = await line(t.db, '+79000000002');
    const before = await ledgerRowsOf(t.db, boris.account_id);
    await run(t, '2026-11-30T09:00:00Z');
    // No half-charge: 12.40 < 350.00. who-called 27-30 Nov: 12.40 - 4 x 2.00 = 4.40.
    expect(await line(t.db, '+79000000002')).toMatchObject({
      balance: 440,
      tariff_status: 'suspended',
      next_fee_at: '2026-11-29T21:00:00.000Z',
    });
    // 4 fee rows and 3 expiry rows for the bundles of the period that ended.
    expect(await ledgerRowsOf(t.db, boris.account_id)).toBe(before + 4 + 3);
    await run(t, '2026-11-30T09:30:00Z');
    expect((await line(t.db, '+79000000002')).balance).toBe(440);
    expect(await ledgerRowsOf(t.db, boris.account_id)).toBe(before + 4 + 3);

    await topUp(t.db, boris.account_id, 50_000, '2026-11-30T10:00:00Z'); // 4.40 + 500.00 = 504.40
    // Anna's daily content-music (9.00) falls due in these runs too; nothing else does.
    const report = await run(t, '2026-11-30T10:05:00Z');
    expect(report).toMatchObject({ tariffFees: 1, resumed: 1, amount: 35_000, unpaid: 0 });
    // 504.40 - 350.00 = 154.40, for the period 30 Nov - 30 Dec, anniversary unchanged.
    expect(await line(t.db, '+79000000002')).toMatchObject({
      balance: 15_440,
      tariff_status: 'active',
      next_fee_at: '2026-12-29T21:00:00.000Z',
      fee_anchor_day: 30,
    });
    expect(await feeCharges(t.db, boris.id, 'tariff')).toEqual([
      {
        subject_id: boris.tariff_id,
        period_start: '2026-11-29T21:00:00.000Z',
        period_end: '2026-12-29T21:00:00.000Z',
        amount: 35_000,
      },
    ]);
    expect((await liveBundles(t.db, boris.id)).map((b) => [b.unit, b.remaining])).toEqual([
      ['voice_seconds', 18_000],
      ['sms', 100],
      ['data_bytes', 10_000_000_000],
    ]);
    await expectLedgerExplainsEverything(t.db);
  });

  it('resumes days later with a whole period from that day, never charging the time it was suspended', async () => {
    const t = await demoDatabase();
    const boris = await line(t.db, '+79000000002');
    await run(t, '2026-11-30T09:00:00Z'); // suspended; 4.40 left (see above)
    // who-called 1 Dec (4.40 -> 2.40), 2 Dec (-> 0.40); 3 Dec cannot be paid: suspended too.
    await run(t, '2026-12-03T09:00:00Z');
    expect((await line(t.db, '+79000000002')).balance).toBe(40);
    const whoCalled = await t.db
      .selectFrom('line_services')
      .select(['id', 'status', 'next_fee_at'])
      .where('line_id', '=', boris.id)
      .executeTakeFirstOrThrow();
    expect(whoCalled).toMatchObject({ status: 'suspended', next_fee_at: '2026-12-02T21:00:00.000Z' });

    await topUp(t.db, boris.account_id, 50_000, '2026-12-03T10:00:00Z'); // 0.40 + 500.00 = 500.40
    // Nothing else is due at 10:05 (Anna's content-music for 3 Dec was charged at 09:00).
    expect(await run(t, '2026-12-03T10:05:00Z')).toEqual({
      tariffFees: 1,
      serviceFees: 1,
      amount: 35_200,
      unpaid: 0,
      resumed: 2,
      expiredBundles: 0,
    });
    // Tariff: 3 Dec 00:00 MSK to 3 Jan, anniversary now the 3rd; who-called pays 3 Dec, its due day.
    // 500.40 - 350.00 - 2.00 = 148.40
    expect(await line(t.db, '+79000000002')).toMatchObject({
      balance: 14_840,
      tariff_status: 'active',
      next_fee_at: '2027-01-02T21:00:00.000Z',
      fee_anchor_day: 3,
    });
    expect(await feeCharges(t.db, boris.id, 'tariff')).toEqual([
      {
        subject_id: boris.tariff_id,
        period_start: '2026-12-02T21:00:00.000Z',
        period_end: '2027-01-02T21:00:00.000Z',
        amount: 35_000,
      },
    ]);
    // who-called: 27 Nov to 3 Dec, seven days, each once.
    expect((await feeCharges(t.db, boris.id, 'service')).map((c) => c.period_start)).toEqual([
      '2026-11-26T21:00:00.000Z',
      '2026-11-27T21:00:00.000Z',
      '2026-11-28T21:00:00.000Z',
      '2026-11-29T21:00:00.000Z',
      '2026-11-30T21:00:00.000Z',
      '2026-12-01T21:00:00.000Z',
      '2026-12-02T21:00:00.000Z',
    ]);
    expect(
      await t.db
        .selectFrom('line_services')
        .select('status')
        .where('id', '=', whoCalled.id)
        .executeTakeFirst(),
    ).toEqual({ status: 'active' });
    await expectLedgerExplainsEverything(t.db);
  });

  it('catches up a line several periods behind, period by period, and expires its pack', async () => {
    const t = await demoDatabase();
    const anna = await line(t.db, '+79000000001');
    await topUp(t.db, anna.account_id, 200_000, '2026-11-27T09:00:00Z'); // 1245.50 + 2000.00 = 3245.50
    await run(t, '2027-02-22T09:00:00Z'); // 22 Feb 12:00 MSK, three anniversaries later
    // Tariff 22 Dec, 22 Jan, 22 Feb: 3 x 650.00 = 1950.00. messengers + spam-shield on 6 Dec, 6 Jan,
    // 6 Feb: 3 x 110.00 = 330.00. content-music 27 Nov - 22 Feb: 4 + 31 + 31 + 22 = 88 days x 9.00 = 792.00.
    // 3245.50 - 1950.00 - 330.00 - 792.00 = 173.50
    expect(await line(t.db, '+79000000001')).toMatchObject({
      balance: 17_350,
      next_fee_at: '2027-03-21T21:00:00.000Z', // 22 Mar 00:00 MSK
    });
    expect((await feeCharges(t.db, anna.id, 'tariff')).map((c) => c.period_start)).toEqual([
      '2026-12-21T21:00:00.000Z',
      '2027-01-21T21:00:00.000Z',
      '2027-02-21T21:00:00.000Z',
    ]);
    expect(await feeCharges(t.db, anna.id, 'service')).toHaveLength(3 + 3 + 88);
    // Only this period's 800 min / 300 SMS / 35 GB remain; the 5 GB pack (4 GB left) expired on 20 Dec.
    expect((await liveBundles(t.db, anna.id)).map((b) => [b.source, b.unit, b.remaining])).toEqual([
      ['tariff', 'voice_seconds', 48_000],
      ['tariff', 'sms', 300],
      ['tariff', 'data_bytes', 35_000_000_000],
    ]);
    const packExpiry = await t.db
      .selectFrom('ledger_entries')
      .innerJoin('bundles', 'bundles.id', 'ledger_entries.bundle_id')
      .select(['ledger_entries.amount'])
      .where('bundles.source', '=', 'pack')
      .where('bundles.line_id', '=', anna.id)
      .where('ledger_entries.kind', '=', 'expiry')
      .execute();
    expect(packExpiry).toEqual([{ amount: -4_000_000_000 }]);

    const rows = await countRows(t.db, 'ledger_entries');
    await run(t, '2027-02-22T09:00:00Z');
    await run(t, '2027-02-22T10:00:00Z');
    expect(await countRows(t.db, 'ledger_entries')).toBe(rows);
    expect((await line(t.db, '+79000000001')).balance).toBe(17_350);
    await expectLedgerExplainsEverything(t.db);
  });

  it('charges nothing twice when two runs start at the same moment', async () => {
    const t = await demoDatabase();
    // On PostgreSQL a second pool is a second node; SQLite has one writer, so both share it.
    const other = t.config.url ? openDatabase({ url: t.config.url, poolSize: 5 }) : t;
    if (other !== t) open.push(other);
    const reports = await Promise.all([run(t, '2026-12-01T09:00:00Z'), run(other, '2026-12-01T09:00:00Z')]);
    // Between them, exactly the fees of one run (see the first example): 1605.00 in 12 charges.
    expect(reports[0]!.amount + reports[1]!.amount).toBe(160_500);
    expect(reports[0]!.tariffFees + reports[1]!.tariffFees).toBe(2);
    expect(reports[0]!.serviceFees + reports[1]!.serviceFees).toBe(10);
    expect(await countRows(t.db, 'fee_charges')).toBe(12);
    expect((await line(t.db, '+79000000006')).balance).toBe(62_700);
    expect((await line(t.db, '+79000000003')).balance).toBe(-387_600);
    expect((await line(t.db, '+79000000001')).balance).toBe(120_050);
    expect((await line(t.db, '+79000000002')).balance).toBe(240);
    await expectLedgerExplainsEverything(t.db);
  });
});

// ---------------------------------------------------------------------------------------------
// Several nodes on one PostgreSQL. These always need PostgreSQL: TEST_DATABASE_URL, or the local
// server every development and CI machine runs.
// ---------------------------------------------------------------------------------------------

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const root = new URL('../../../', import.meta.url).pathname;

async function admin(query: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/**
 * A fresh PostgreSQL database with the demo and `synthetic` bulk subscribers seeded at `seededAt`.
 * The bulk subscribers start with 500.00; those on smart-plus get 2000.00 more (a top-up with its
 * ledger row), enough to pay every fee that falls due, so a fee charged twice would show. Returns
 * each bulk line's first due fee, as seeded.
 */
async function postgresWithSubscribers(seededAt: Date, synthetic: number) {
  const name = `kabinet_fees_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), poolSize: 5 });
  open.push({
    close: async () => {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  });
  await migrateToLatest(database.db);
  const options = { operatorName: 'Kabinet Mobile', currency: 'RUB', timeZone: MSK, now: seededAt };
  await seedDemoIfEmpty(database.db, options);
  await seedSyntheticSubscribers(database.db, { ...options, count: synthetic });
  await sql`
    with topped as (
      update accounts set balance = balance + 200000
      where number like '2%' and id in (
        select l.account_id from lines l join tariffs t on t.id = l.tariff_id where t.code = 'smart-plus')
      returning id, balance)
    insert into ledger_entries (account_id, kind, unit, amount, balance_after, reference_type, created_at)
    select id, 'top_up', 'money', 200000, balance, 'test', ${seededAt.toISOString()} from topped`.execute(
    database.db,
  );
  const firstDue = new Map(
    (
      await database.db
        .selectFrom('lines')
        .select(['id', 'next_fee_at'])
        .where('msisdn', 'like', '+7901%')
        .execute()
    ).map((l) => [l.id, l.next_fee_at!]),
  );
  return { database, url: url.toString(), firstDue };
}

/**
 * What 40 days of fees must leave on the bulk subscribers. Each meets its anniversary once or twice.
 * smart-start (350.00 from 500.00) pays the first fee and cannot pay a second: 150.00 left, one
 * charge. smart-plus (650.00 from 2500.00) pays each: its charges run from the seeded due date, each
 * period starting where the last ended, up to a next fee after the run; 2500.00 - n x 650.00 left.
 */
async function expectSyntheticOutcome(db: Kysely<DB>, firstDue: Map<number, string>, ranAt: Date) {
  const lines = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .innerJoin('tariffs', 'tariffs.id', 'lines.tariff_id')
    .select(['lines.id', 'tariffs.code', 'accounts.balance', 'lines.tariff_status', 'lines.next_fee_at'])
    .where('lines.msisdn', 'like', '+7901%')
    .execute();
  expect(lines).toHaveLength(firstDue.size);
  const charges = await db
    .selectFrom('fee_charges')
    .select(['line_id', 'period_start', 'period_end', 'amount'])
    .where('line_id', 'in', [...firstDue.keys()])
    .orderBy('line_id')
    .orderBy('period_start')
    .execute();
  let twice = 0;
  for (const l of lines) {
    const mine = charges.filter((c) => c.line_id === l.id);
    expect(mine[0]?.period_start).toBe(firstDue.get(l.id));
    if (l.code === 'smart-start') {
      expect([l.balance, mine.length]).toEqual([15_000, 1]);
      continue;
    }
    expect(l.code).toBe('smart-plus');
    expect(mine.length === 1 || mine.length === 2).toBe(true);
    if (mine.length === 2) twice++;
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.period_start).toBe(mine[i - 1]!.period_end);
    expect(mine.at(-1)!.period_end).toBe(l.next_fee_at);
    expect(new Date(l.next_fee_at!).getTime()).toBeGreaterThan(ranAt.getTime());
    expect([l.balance, l.tariff_status]).toEqual([250_000 - mine.length * 65_000, 'active']);
  }
  // Over 40 days some anniversaries come twice (anchors in the first days of the window).
  expect(twice).toBeGreaterThan(0);
}

describe('several nodes charging at once on PostgreSQL', () => {
  it('two nodes running charge-due together charge each period once', async () => {
    const { database, url, firstDue } = await postgresWithSubscribers(DEMO_NOW, 200);
    const nodeB = openDatabase({ url, poolSize: 5 });
    open.push(nodeB);
    const now = '2027-01-05T09:00:00Z'; // 40 days after DEMO_NOW
    for (let round = 0; round < 2; round++) {
      await Promise.all([run(database, now), run(nodeB, now), run(database, now), run(nodeB, now)]);
    }
    await expectSyntheticOutcome(database.db, firstDue, new Date(now));
    // Citra (postpaid) met 30 Nov and 31 Dec: -2676.00 - 2 x 1200.00 - 200.00 (video, 6 Dec) = -5276.00.
    expect((await line(database.db, '+79000000003')).balance).toBe(-527_600);
    await expectLedgerExplainsEverything(database.db);
  });

  it('two `npm run charge-due` processes at once charge each period once', async () => {
    const { database, url, firstDue } = await postgresWithSubscribers(
      new Date(Date.now() - 40 * 86_400_000),
      400,
    );
    const ranAt = new Date();
    const cli = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(root, 'apps/server/src/cli/charge-due.ts')],
          {
            cwd: root,
            env: {
              PATH: process.env.PATH,
              HOME: process.env.HOME,
              DATABASE_URL: url,
              BILLING_TIME_ZONE: MSK,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (c) => {
          out += c;
        });
        child.stderr.on('data', (c) => {
          err += c;
        });
        child.once('exit', (code) => resolve({ code, out, err }));
      });
    const results = await Promise.all([cli(), cli()]);
    for (const r of results) {
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Charged \d+ tariff fee\(s\)/);
    }
    // Both did part of the work: the runs overlapped.
    expect(results.every((r) => !r.out.startsWith('Charged 0 tariff'))).toBe(true);
    await expectSyntheticOutcome(database.db, firstDue, ranAt);
    await expectLedgerExplainsEverything(database.db);
  });

  it('two servers with the scheduler on charge each period once and stop cleanly', async () => {
    const { database, url, firstDue } = await postgresWithSubscribers(
      new Date(Date.now() - 40 * 86_400_000),
      400,
    );
    const ranAt = new Date();
    const env = { DATABASE_URL: url, CHARGE_DUE_INTERVAL_SECONDS: '1', BILLING_TIME_ZONE: MSK };
    const nodes: ServerProcess[] = await Promise.all([startServer(env), startServer(env)]);
    try {
      // Wait until every smart-start subscriber has paid its fee, then let both nodes run a few more times.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { n } = await database.db
          .selectFrom('lines')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('msisdn', 'like', '+7901%')
          .where('tariff_status', '=', 'active')
          .where('next_fee_at', '<=', new Date().toISOString())
          .executeTakeFirstOrThrow();
        if (Number(n) === 0 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 2_500));
    } finally {
      const codes = await Promise.all(nodes.map((n) => n.stop()));
      expect(codes).toEqual([0, 0]);
    }
    for (const node of nodes) expect(node.stdout() + node.stderr()).not.toMatch(/charge-due run failed/);
    await expectSyntheticOutcome(database.db, firstDue, ranAt);
    await expectLedgerExplainsEverything(database.db);
    // Two server starts plus up to 30 s of scheduler runs: more than the default test timeout allows.
  }, 90_000);
});
