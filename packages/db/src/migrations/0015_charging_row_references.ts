import { type Kysely, sql } from 'kysely';
import { engineOf } from './helpers';

/**
 * PostgreSQL: the charging path's rows stop paying a foreign-key check each for their line and bundle.
 * A check is a trigger that runs a query and share-locks the referenced row, per inserted row: four of
 * them per charged event (usage_events → lines, accounts; ledger_entries → lines, bundles) were 17 % of
 * PostgreSQL's CPU at 2,000 single events/s (perf), and dropping them takes a 12-event batch's
 * transaction from 4.0 to 3.1 ms (pgbench, one client; PERFORMANCE.md).
 *
 * The references stay right by construction and are still proven: the charging transaction writes only
 * ids it has just read under the account's lock, no code deletes a line, an account or a bundle, and
 * `npm run reconcile` fails on any usage or ledger row whose line, account or bundle is missing.
 * The ledger keeps its check on the account, whose money it records. Usage events are the table that
 * grows fastest and will be partitioned by time; foreign keys would stand in the way of that too.
 * SQLite keeps all of them: dropping a constraint there rebuilds the table, and its cost is its single
 * writer, not these lookups.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`alter table usage_events
    drop constraint usage_events_line_id_fkey,
    drop constraint usage_events_account_id_fkey`.execute(db);
  await sql`alter table ledger_entries
    drop constraint ledger_entries_line_id_fkey,
    drop constraint ledger_entries_bundle_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`alter table usage_events
    add constraint usage_events_line_id_fkey foreign key (line_id) references lines (id),
    add constraint usage_events_account_id_fkey foreign key (account_id) references accounts (id)`.execute(
    db,
  );
  await sql`alter table ledger_entries
    add constraint ledger_entries_line_id_fkey foreign key (line_id) references lines (id),
    add constraint ledger_entries_bundle_id_fkey foreign key (bundle_id) references bundles (id)`.execute(db);
}
