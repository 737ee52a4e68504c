import type { Kysely } from 'kysely';
import { instantType, withId } from './helpers';

/**
 * Charging: rated usage with its idempotency key, recurring fee schedule and fee charges (one per
 * subscription and period, enforced by a UNIQUE key), orders with a client key, roaming bundles.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const instant = instantType(db);

  await db.schema
    .alterTable('tariffs')
    .addColumn('money_rounding', 'text', (c) => c.notNull().defaultTo('up'))
    .execute();

  // When the tariff fee is due next (its anniversary in the billing time zone) and the change waiting for it.
  await db.schema.alterTable('lines').addColumn('fee_anchor_day', 'integer').execute();
  await db.schema.alterTable('lines').addColumn('next_fee_at', instant).execute();
  await db.schema
    .alterTable('lines')
    .addColumn('tariff_status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema
    .alterTable('lines')
    .addColumn('pending_tariff_id', 'bigint', (c) => c.references('tariffs.id'))
    .execute();
  await db.schema.createIndex('lines_next_fee_at').on('lines').column('next_fee_at').execute();

  await db.schema.alterTable('line_services').addColumn('next_fee_at', instant).execute();
  await db.schema
    .createIndex('line_services_next_fee_at')
    .on('line_services')
    .column('next_fee_at')
    .execute();

  await db.schema
    .alterTable('bundles')
    .addColumn('roaming_zone_id', 'bigint', (c) => c.references('roaming_zones.id'))
    .execute();

  await withId(db, db.schema.createTable('usage_events'))
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('msisdn', 'text', (c) => c.notNull())
    .addColumn('line_id', 'bigint', (c) => c.references('lines.id'))
    .addColumn('account_id', 'bigint', (c) => c.references('accounts.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('rated_units', 'bigint', (c) => c.notNull())
    .addColumn('other_party', 'text')
    .addColumn('destination_class', 'text')
    .addColumn('roaming_country', 'text')
    .addColumn('rating_group', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('bundle_units', 'bigint', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('received_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('usage_events_line_time')
    .on('usage_events')
    .columns(['line_id', 'started_at', 'id'])
    .execute();

  await withId(db, db.schema.createTable('fee_charges'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'bigint', (c) => c.notNull())
    .addColumn('period_start', instant, (c) => c.notNull())
    .addColumn('period_end', instant, (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('fee_charges_once_per_period', ['line_id', 'subject', 'subject_id', 'period_start'])
    .execute();

  await withId(db, db.schema.createTable('orders'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('effective_at', instant, (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('orders_client_key', ['line_id', 'client_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('orders').execute();
  await db.schema.dropTable('fee_charges').execute();
  await db.schema.dropTable('usage_events').execute();
  await db.schema.alterTable('bundles').dropColumn('roaming_zone_id').execute();
  await db.schema.dropIndex('line_services_next_fee_at').execute();
  await db.schema.alterTable('line_services').dropColumn('next_fee_at').execute();
  await db.schema.dropIndex('lines_next_fee_at').execute();
  for (const column of ['pending_tariff_id', 'tariff_status', 'next_fee_at', 'fee_anchor_day']) {
    await db.schema.alterTable('lines').dropColumn(column).execute();
  }
  await db.schema.alterTable('tariffs').dropColumn('money_rounding').execute();
}
