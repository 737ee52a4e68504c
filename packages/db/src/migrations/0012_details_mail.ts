import type { Kysely } from 'kysely';
import { instantType, withId } from './helpers';

/**
 * Itemized details ordered to e-mail: one row per order, written by the request and sent by a job, so
 * a slow mail relay never holds the subscriber's request. `client_key` is UNIQUE per line (a repeat is
 * the same order, one mail); the period is stored as resolved when ordered, so a mail sent later still
 * covers the days the subscriber chose. The recipient is kept to send to and to show masked.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const instant = instantType(db);
  await withId(db, db.schema.createTable('details_mail_orders'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull()) // local day YYYY-MM-DD, inclusive
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('detail_type', 'text') // null: every type
    .addColumn('formats', 'text', (c) => c.notNull()) // 'csv', 'pdf' or 'csv,pdf'
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | sending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', instant, (c) => c.notNull())
    .addColumn('failure', 'text') // why the last attempt failed, for operators (never the body)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('sent_at', instant)
    .addUniqueConstraint('details_mail_orders_line_client_key', ['line_id', 'client_key'])
    .execute();
  // The rate limit counts a line's recent orders; the job looks for due ones.
  await db.schema
    .createIndex('details_mail_orders_line_created')
    .on('details_mail_orders')
    .columns(['line_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('details_mail_orders_due')
    .on('details_mail_orders')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('details_mail_orders').execute();
}
