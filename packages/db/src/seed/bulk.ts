import { localDateOf, monthlyPeriodContaining } from '@kabinet/core';
import { type Kysely, sql } from 'kysely';
import { engineOf } from '../migrations/helpers';
import type { DB } from '../schema';
import { DemoPrices } from './demo-catalog';
import { iccidFor, imsiFor } from './identifiers';

export interface BulkSeedOptions {
  count: number;
  currency: string;
  timeZone: string;
  now: Date;
  /** Subscribers per transaction. */
  chunk?: number;
  onProgress?: (done: number) => void;
}

const ROWS_PER_STATEMENT = 500;
const SYNTHETIC_TARIFFS = ['smart-start', 'smart-plus'];

/**
 * Adds a synthetic population for benchmarks: prepaid subscribers with one line each, a topped-up
 * balance and full tariff bundles, all with their ledger rows. Rows are written with explicit ids in
 * multi-row statements, many subscribers per transaction, so 100,000 take seconds, not an hour.
 * Numbers come from +7901 (on-net) after the highest line id, so running it again adds more.
 */
export async function seedSyntheticSubscribers(db: Kysely<DB>, options: BulkSeedOptions): Promise<number> {
  const prices = new DemoPrices(options.currency);
  const openingBalance = prices.exactMinor(500);
  const nowIso = options.now.toISOString();
  const chunk = options.chunk ?? 10_000;

  const tariffRows = await db
    .selectFrom('tariffs')
    .select(['id', 'code'])
    .where('code', 'in', SYNTHETIC_TARIFFS)
    .execute();
  if (tariffRows.length !== SYNTHETIC_TARIFFS.length) {
    throw new Error('the demo catalogue is missing: start the server once (or run migrate) before seeding');
  }
  const tariffIds = SYNTHETIC_TARIFFS.map((code) => tariffRows.find((t) => t.code === code)!.id);
  const allowances = await db
    .selectFrom('tariff_allowances')
    .selectAll()
    .where('tariff_id', 'in', tariffIds)
    .execute();

  let done = 0;
  while (done < options.count) {
    const n = Math.min(chunk, options.count - done);
    await db.transaction().execute(async (trx) => {
      const next = async (table: 'customers' | 'accounts' | 'lines' | 'bundles' | 'ledger_entries') => {
        const row = await trx
          .selectFrom(table)
          .select((eb) => eb.fn.max<number>('id').as('max'))
          .executeTakeFirst();
        return Number(row?.max ?? 0) + 1;
      };
      let customerId = await next('customers');
      let accountId = await next('accounts');
      let lineId = await next('lines');
      let bundleId = await next('bundles');
      let ledgerId = await next('ledger_entries');

      const customers: DB['customers'][] = [];
      const accounts: DB['accounts'][] = [];
      const lines: DB['lines'][] = [];
      const bundles: DB['bundles'][] = [];
      const ledger: DB['ledger_entries'][] = [];

      for (let i = 0; i < n; i++) {
        const serial = lineId;
        const tariffId = tariffIds[serial % tariffIds.length]!;
        const activatedAt = new Date(options.now.getTime() - ((serial % 365) + 1) * 86_400_000);
        // The current period runs from the activation anniversary (in the billing time zone); the
        // next fee falls due when it ends.
        const anchorDay = localDateOf(activatedAt, options.timeZone).day;
        const period = monthlyPeriodContaining(options.now, anchorDay, options.timeZone);
        customers.push({
          id: customerId,
          name: `Subscriber ${serial}`,
          email: null,
          language: 'en',
          created_at: nowIso,
        } as never);
        accounts.push({
          id: accountId,
          customer_id: customerId,
          number: `2${String(serial).padStart(9, '0')}`,
          payment_type: 'prepaid',
          balance: openingBalance,
          credit_limit: 0,
          status: 'active',
          bill_cycle_day: null,
          owner_line_id: lineId,
          created_at: nowIso,
        } as never);
        lines.push({
          id: lineId,
          account_id: accountId,
          msisdn: `+7901${String(serial).padStart(7, '0')}`,
          iccid: iccidFor(1_000_000_000 + serial),
          imsi: imsiFor(1_000_000_000 + serial),
          tariff_id: tariffId,
          status: 'active',
          status_changed_at: activatedAt.toISOString(),
          activated_at: activatedAt.toISOString(),
          created_at: activatedAt.toISOString(),
          fee_anchor_day: anchorDay,
          next_fee_at: period.end.toISOString(),
        } as never);
        ledger.push({
          id: ledgerId++,
          account_id: accountId,
          line_id: lineId,
          bundle_id: null,
          kind: 'top_up',
          unit: 'money',
          amount: openingBalance,
          balance_after: openingBalance,
          reference_type: 'synthetic_seed',
          reference_id: null,
          created_at: nowIso,
        } as never);
        for (const a of allowances) {
          if (a.tariff_id !== tariffId) continue;
          bundles.push({
            id: bundleId,
            line_id: lineId,
            source: 'tariff',
            tariff_id: tariffId,
            pack_id: null,
            unit: a.unit,
            scope: a.scope,
            total: a.amount,
            remaining: a.amount,
            valid_from: period.start.toISOString(),
            expires_at: period.end.toISOString(),
            created_at: nowIso,
          } as never);
          ledger.push({
            id: ledgerId++,
            account_id: accountId,
            line_id: lineId,
            bundle_id: bundleId,
            kind: 'bundle_grant',
            unit: a.unit,
            amount: a.amount,
            balance_after: a.amount,
            reference_type: 'synthetic_seed',
            reference_id: null,
            created_at: nowIso,
          } as never);
          bundleId++;
        }
        customerId++;
        accountId++;
        lineId++;
      }

      const insertAll = async <T extends keyof DB>(table: T, rows: DB[T][]) => {
        for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + ROWS_PER_STATEMENT) as never)
            .execute();
        }
      };
      await insertAll('customers', customers);
      await insertAll('accounts', accounts);
      await insertAll('lines', lines);
      await insertAll('bundles', bundles);
      await insertAll('ledger_entries', ledger);
    });
    done += n;
    options.onProgress?.(done);
  }

  await syncIdentitySequences(db);
  // Fresh statistics, so the planner sees a table of 100,000 lines and not the empty one it last saw.
  await sql`analyze`.execute(db);
  return done;
}

/** After explicit ids, PostgreSQL's identity sequences must continue above them (SQLite's do by themselves). */
export async function syncIdentitySequences(db: Kysely<DB>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  for (const table of ['customers', 'accounts', 'lines', 'bundles', 'ledger_entries']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(
      db,
    );
  }
}
