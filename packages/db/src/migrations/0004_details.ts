import type { Kysely } from 'kysely';

/**
 * Itemized details read a line's money charges by time (ledger rows carry line_id); without this index
 * every details page would scan the account's whole ledger, or on PostgreSQL the whole table.
 * Usage events already have (line_id, started_at, id) from 0002.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('ledger_entries_line_time')
    .on('ledger_entries')
    .columns(['line_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ledger_entries_line_time').execute();
}
