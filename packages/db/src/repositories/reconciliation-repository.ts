import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

/**
 * Proves the ledger explains every balance: a balance column is only a materialised sum of its rows.
 * Each check is one set-based statement (aggregate the ledger once, GROUP BY, join), so it stays a
 * matter of seconds on 100,000 accounts and millions of rows; only mismatches come back as rows.
 */

export interface AccountMismatch {
  accountId: number;
  accountNumber: string;
  /** accounts.balance */
  balance: number;
  /** Sum of the account's money ledger rows. */
  ledgerSum: number;
  /** balance_after of the account's latest money row; null when it has none. */
  lastBalanceAfter: number | null;
}

export interface BundleMismatch {
  bundleId: number;
  lineId: number;
  unit: string;
  /** bundles.remaining */
  remaining: number;
  /** Sum of the bundle's unit ledger rows. */
  ledgerSum: number;
}

export interface StrayLedgerRow {
  ledgerId: number;
  accountId: number;
  unit: string;
  problem: 'unit_row_without_bundle' | 'money_row_with_bundle' | 'unit_differs_from_bundle';
}

/** A usage or ledger row that names a line, account or bundle no longer (or never) there. */
export interface DanglingReference {
  table: 'usage_events' | 'ledger_entries';
  rowId: number;
  column: 'line_id' | 'account_id' | 'bundle_id';
  value: number;
}

export interface ReconciliationReport {
  accountsChecked: number;
  bundlesChecked: number;
  ledgerRows: number;
  accountMismatches: AccountMismatch[];
  bundleMismatches: BundleMismatch[];
  strayRows: StrayLedgerRow[];
  /**
   * On PostgreSQL the charging path's rows carry no foreign-key checks for these columns (migration
   * 0015); this proves what the checks would have enforced.
   */
  danglingReferences: DanglingReference[];
  ok: boolean;
}

/**
 * The references the charging path writes without a foreign-key check on PostgreSQL (migration 0015),
 * proven here instead; the ledger's account keeps its foreign key on both engines.
 */
const REFERENCES_WITHOUT_FOREIGN_KEY = [
  { table: 'usage_events', column: 'line_id', target: 'lines' },
  { table: 'usage_events', column: 'account_id', target: 'accounts' },
  { table: 'ledger_entries', column: 'line_id', target: 'lines' },
  { table: 'ledger_entries', column: 'bundle_id', target: 'bundles' },
] as const;

const n = (value: unknown) => Number(value);
const nullable = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * Checks, for every account, that balance = Σ money rows and = balance_after of its latest money row
 * (the highest id: rows of one account are written under its row lock, so ids follow their order);
 * for every bundle, that remaining = Σ its unit rows; that no ledger row belongs to neither; and that
 * every line, account and bundle a usage or ledger row names exists.
 */
export async function reconcileLedger(db: Kysely<DB>): Promise<ReconciliationReport> {
  const accountRows = await sql<{
    account_id: number;
    number: string;
    balance: number;
    ledger_sum: number;
    last_balance_after: number | null;
  }>`
    select a.id as account_id, a.number, a.balance,
           cast(coalesce(m.total, 0) as bigint) as ledger_sum,
           last_row.balance_after as last_balance_after
    from accounts a
    left join (
      select account_id, sum(amount) as total, max(id) as last_id
      from ledger_entries
      where unit = 'money'
      group by account_id
    ) m on m.account_id = a.id
    left join ledger_entries last_row on last_row.id = m.last_id
    where a.balance <> coalesce(m.total, 0)
       or (m.last_id is not null and last_row.balance_after <> a.balance)
    order by a.id`.execute(db);

  const bundleRows = await sql<{
    bundle_id: number;
    line_id: number;
    unit: string;
    remaining: number;
    ledger_sum: number;
  }>`
    select b.id as bundle_id, b.line_id, b.unit, b.remaining,
           cast(coalesce(u.total, 0) as bigint) as ledger_sum
    from bundles b
    left join (
      select bundle_id, sum(amount) as total
      from ledger_entries
      where bundle_id is not null
      group by bundle_id
    ) u on u.bundle_id = b.id
    where b.remaining <> coalesce(u.total, 0)
    order by b.id`.execute(db);

  const strayRows = await sql<{ ledger_id: number; account_id: number; unit: string; problem: string }>`
    select l.id as ledger_id, l.account_id, l.unit,
           case when l.unit <> 'money' and l.bundle_id is null then 'unit_row_without_bundle'
                when l.unit = 'money' and l.bundle_id is not null then 'money_row_with_bundle'
                else 'unit_differs_from_bundle' end as problem
    from ledger_entries l
    left join bundles b on b.id = l.bundle_id
    where (l.unit <> 'money' and l.bundle_id is null)
       or (l.unit = 'money' and l.bundle_id is not null)
       or (b.id is not null and b.unit <> l.unit)
    order by l.id`.execute(db);

  const dangling = await sql<{ table: string; row_id: number; column: string; value: number }>`
    ${sql.join(
      REFERENCES_WITHOUT_FOREIGN_KEY.map(
        ({ table, column, target }) => sql`
          select ${sql.lit(table)} as "table", r.id as row_id, ${sql.lit(column)} as "column",
                 r.${sql.ref(column)} as value
          from ${sql.table(table)} r left join ${sql.table(target)} t on t.id = r.${sql.ref(column)}
          where r.${sql.ref(column)} is not null and t.id is null`,
      ),
      sql` union all `,
    )}
    order by 1, 2, 3`.execute(db);

  const counts = await sql<{ accounts: number; bundles: number; ledger: number }>`
    select (select count(*) from accounts) as accounts,
           (select count(*) from bundles) as bundles,
           (select count(*) from ledger_entries) as ledger`.execute(db);
  const c = counts.rows[0]!;

  const report: ReconciliationReport = {
    accountsChecked: n(c.accounts),
    bundlesChecked: n(c.bundles),
    ledgerRows: n(c.ledger),
    accountMismatches: accountRows.rows.map((r) => ({
      accountId: n(r.account_id),
      accountNumber: r.number,
      balance: n(r.balance),
      ledgerSum: n(r.ledger_sum),
      lastBalanceAfter: nullable(r.last_balance_after),
    })),
    bundleMismatches: bundleRows.rows.map((r) => ({
      bundleId: n(r.bundle_id),
      lineId: n(r.line_id),
      unit: r.unit,
      remaining: n(r.remaining),
      ledgerSum: n(r.ledger_sum),
    })),
    strayRows: strayRows.rows.map((r) => ({
      ledgerId: n(r.ledger_id),
      accountId: n(r.account_id),
      unit: r.unit,
      problem: r.problem as StrayLedgerRow['problem'],
    })),
    danglingReferences: dangling.rows.map((r) => ({
      table: r.table as DanglingReference['table'],
      rowId: n(r.row_id),
      column: r.column as DanglingReference['column'],
      value: n(r.value),
    })),
    ok: false,
  };
  report.ok =
    report.accountMismatches.length === 0 &&
    report.bundleMismatches.length === 0 &&
    report.strayRows.length === 0 &&
    report.danglingReferences.length === 0;
  return report;
}
