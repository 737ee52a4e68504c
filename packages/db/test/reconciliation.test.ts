import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileLedger, seedDemoIfEmpty } from '../src';
import { createTestDatabase, type TestDatabase, testEngine, usageEventRow } from '../src/testing';

const now = new Date('2026-11-26T09:00:00Z');
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoIfEmpty(t.db, {
    operatorName: 'Kabinet Mobile',
    currency: 'RUB',
    timeZone: 'Europe/Moscow',
    now,
  });
});
afterAll(async () => {
  await t?.close();
});

async function accountOf(msisdn: string) {
  return t.db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select(['accounts.id', 'accounts.number', 'accounts.balance', 'lines.id as line_id'])
    .where('lines.msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
}

describe(`ledger reconciliation on ${testEngine}`, () => {
  it('passes on the demo data and counts what it checked', async () => {
    const report = await reconcileLedger(t.db);
    expect(report.ok).toBe(true);
    expect(report.accountMismatches).toEqual([]);
    expect(report.bundleMismatches).toEqual([]);
    expect(report.strayRows).toEqual([]);
    expect(report.danglingReferences).toEqual([]);
    // Five demo accounts (Elena's two lines share one); 19 bundles: 3 tariff bundles on each of the six
    // lines + Anna's 5 GB pack.
    expect(report.accountsChecked).toBe(5);
    expect(report.bundlesChecked).toBe(19);
    expect(report.ledgerRows).toBeGreaterThan(19);
  });

  it('reports a balance that drifted from its ledger rows, with both numbers', async () => {
    const anna = await accountOf('+79000000001');
    await sql`update accounts set balance = balance + 1 where id = ${anna.id}`.execute(t.db);
    const report = await reconcileLedger(t.db);
    expect(report.ok).toBe(false);
    // 1245.50 in the ledger, 1245.51 in the column; the latest row still says 1245.50.
    expect(report.accountMismatches).toEqual([
      {
        accountId: anna.id,
        accountNumber: anna.number,
        balance: 124_551,
        ledgerSum: 124_550,
        lastBalanceAfter: 124_550,
      },
    ]);
    await sql`update accounts set balance = balance - 1 where id = ${anna.id}`.execute(t.db);
    expect((await reconcileLedger(t.db)).ok).toBe(true);
  });

  it('reports a ledger row whose balance_after disagrees although the sum agrees', async () => {
    // A +0 row that claims a wrong balance after: the sum still matches, the latest row does not.
    const boris = await accountOf('+79000000002');
    await t.db
      .insertInto('ledger_entries')
      .values({
        account_id: boris.id,
        line_id: boris.line_id,
        bundle_id: null,
        kind: 'adjustment',
        unit: 'money',
        amount: 0,
        balance_after: 999,
        reference_type: 'test',
        reference_id: null,
        created_at: now.toISOString(),
      })
      .execute();
    const report = await reconcileLedger(t.db);
    expect(report.accountMismatches).toEqual([
      {
        accountId: boris.id,
        accountNumber: boris.number,
        balance: 1_240,
        ledgerSum: 1_240,
        lastBalanceAfter: 999,
      },
    ]);
    // Put it right the only way an append-only ledger allows: a later row with the true balance.
    await t.db
      .insertInto('ledger_entries')
      .values({
        account_id: boris.id,
        line_id: boris.line_id,
        bundle_id: null,
        kind: 'adjustment',
        unit: 'money',
        amount: 0,
        balance_after: 1_240,
        reference_type: 'test',
        reference_id: null,
        created_at: now.toISOString(),
      })
      .execute();
    expect((await reconcileLedger(t.db)).ok).toBe(true);
  });

  it('reports a bundle whose remaining drifted from its unit rows', async () => {
    const anna = await accountOf('+79000000001');
    const bundle = await t.db
      .selectFrom('bundles')
      .select(['id', 'remaining', 'unit'])
      .where('line_id', '=', anna.line_id)
      .where('unit', '=', 'sms')
      .executeTakeFirstOrThrow();
    expect(bundle.remaining).toBe(270); // 300 − 10 % used
    await sql`update bundles set remaining = remaining - 1 where id = ${bundle.id}`.execute(t.db);
    const report = await reconcileLedger(t.db);
    expect(report.bundleMismatches).toEqual([
      { bundleId: bundle.id, lineId: anna.line_id, unit: 'sms', remaining: 269, ledgerSum: 270 },
    ]);
    expect(report.accountMismatches).toEqual([]);
    await sql`update bundles set remaining = remaining + 1 where id = ${bundle.id}`.execute(t.db);
  });

  it('reports unit rows that belong to no bundle', async () => {
    const anna = await accountOf('+79000000001');
    const { id } = await t.db
      .insertInto('ledger_entries')
      .values({
        account_id: anna.id,
        line_id: anna.line_id,
        bundle_id: null,
        kind: 'usage',
        unit: 'sms',
        amount: -1,
        balance_after: 0,
        reference_type: 'test',
        reference_id: null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const report = await reconcileLedger(t.db);
    expect(report.strayRows).toEqual([
      { ledgerId: id, accountId: anna.id, unit: 'sms', problem: 'unit_row_without_bundle' },
    ]);
    expect(report.ok).toBe(false);
  });
});

describe(`rows naming a missing line, account or bundle, on ${testEngine}`, () => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await createTestDatabase();
  });
  afterAll(async () => {
    await d?.close();
  });

  const ledgerRow = (accountId: number, lineId: number, bundleId: number) => ({
    account_id: accountId,
    line_id: lineId,
    bundle_id: bundleId,
    kind: 'usage',
    unit: 'sms',
    amount: 0,
    balance_after: 0,
    reference_type: 'test',
    reference_id: null,
    created_at: now.toISOString(),
  });

  it('are reported; the ledger still refuses an account that does not exist', async () => {
    await seedDemoIfEmpty(d.db, {
      operatorName: 'Kabinet Mobile',
      currency: 'RUB',
      timeZone: 'Europe/Moscow',
      now,
    });
    const anna = await d.db
      .selectFrom('lines')
      .select(['id', 'account_id'])
      .where('msisdn', '=', '+79000000001')
      .executeTakeFirstOrThrow();
    // PostgreSQL takes such rows since migration 0015; SQLite still checks, so the test switches it off
    // to build the broken database the check exists for.
    if (testEngine === 'sqlite') await sql`pragma foreign_keys = off`.execute(d.db);
    const usage = await d.db
      .insertInto('usage_events')
      .values(
        usageEventRow({
          event_id: 'dangling-1',
          msisdn: '+79000000001',
          line_id: 990_001,
          account_id: 990_002,
          started_at: now.toISOString(),
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const ledger = await d.db
      .insertInto('ledger_entries')
      .values(ledgerRow(anna.account_id, 990_001, 990_003))
      .returning('id')
      .executeTakeFirstOrThrow();
    if (testEngine === 'sqlite') await sql`pragma foreign_keys = on`.execute(d.db);

    const report = await reconcileLedger(d.db);
    expect(report.danglingReferences).toEqual([
      { table: 'ledger_entries', rowId: ledger.id, column: 'bundle_id', value: 990_003 },
      { table: 'ledger_entries', rowId: ledger.id, column: 'line_id', value: 990_001 },
      { table: 'usage_events', rowId: usage.id, column: 'account_id', value: 990_002 },
      { table: 'usage_events', rowId: usage.id, column: 'line_id', value: 990_001 },
    ]);
    // Nothing else is wrong: the row moved no money and no units.
    expect(report.accountMismatches).toEqual([]);
    expect(report.bundleMismatches).toEqual([]);
    expect(report.ok).toBe(false);

    await expect(
      d.db
        .insertInto('ledger_entries')
        .values(ledgerRow(990_002, anna.id, 990_003))
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });
});
