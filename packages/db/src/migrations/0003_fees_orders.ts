import { type Kysely, sql } from 'kysely';

/**
 * Recurring fees and orders: the anniversary of a monthly service fee (a service that resumes after
 * an unpaid fee starts a fresh period, so its anniversary can move away from the connection day), a
 * partial index that finds bundles to expire without reading the ever-growing set of spent ones, and
 * the index the order history of a line is read through.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('line_services').addColumn('fee_anchor_day', 'integer').execute();
  await db.schema
    .createIndex('bundles_unexpired')
    .on('bundles')
    .column('expires_at')
    .where(sql<boolean>`remaining > 0`)
    .execute();
  await db.schema.createIndex('orders_line').on('orders').columns(['line_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('orders_line').execute();
  await db.schema.dropIndex('bundles_unexpired').execute();
  await db.schema.alterTable('line_services').dropColumn('fee_anchor_day').execute();
}
