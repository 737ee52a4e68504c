import { type Kysely, sql } from 'kysely';
import { engineOf } from './helpers';

/**
 * Cheaper writes on the charging path, where every usage event updates a bundle or a balance and
 * appends ledger rows:
 * - ledger_entries_bundle was never read by key (reconciliation groups the whole ledger), yet every
 *   unit ledger row paid for updating it;
 * - bundles_unexpired was a partial index on `remaining > 0`: an index predicate on `remaining` makes
 *   every change of `remaining` a non-HOT update on PostgreSQL, rewriting all of the bundle's index
 *   entries. A plain index on expires_at (which never changes) serves the expiry run as well;
 * - on PostgreSQL, accounts and bundles keep 15 % of each page free so balance and remaining updates
 *   stay on their page (HOT) instead of moving the row and touching every index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ledger_entries_bundle').execute();
  await db.schema.dropIndex('bundles_unexpired').execute();
  await db.schema.createIndex('bundles_expires_at').on('bundles').column('expires_at').execute();
  if (engineOf(db) === 'postgres') {
    await sql`alter table accounts set (fillfactor = 85)`.execute(db);
    await sql`alter table bundles set (fillfactor = 85)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`alter table accounts reset (fillfactor)`.execute(db);
    await sql`alter table bundles reset (fillfactor)`.execute(db);
  }
  await db.schema.dropIndex('bundles_expires_at').execute();
  await db.schema
    .createIndex('bundles_unexpired')
    .on('bundles')
    .column('expires_at')
    .where(sql<boolean>`remaining > 0`)
    .execute();
  await db.schema.createIndex('ledger_entries_bundle').on('ledger_entries').column('bundle_id').execute();
}
