import type { Kysely } from 'kysely';
import { instantType, withId } from './helpers';

/**
 * Money in on credit and by code: vouchers (stored as an HMAC of the code, never the code), the
 * redemption that credits one once (UNIQUE voucher_id), wrong guesses counted per line and per client
 * address, promised payments (a short credit repaid from the next credits, UNIQUE client key per line),
 * postpaid bills with their lines, payments (UNIQUE reference) and the dunning steps applied to them
 * (UNIQUE per bill and step, so a rerun of the job does nothing twice).
 *
 * lines.blocked_for says which debt limited or blocked a line ('promised_payment' or 'bill'), so that
 * paying that debt lifts exactly that block and never an operator's own.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type exists
export async function up(db: Kysely<any>): Promise<void> {
  const instant = instantType(db);

  await withId(db, db.schema.createTable('vouchers'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('redeemed_at', instant)
    .execute();
  await db.schema.createIndex('vouchers_batch').on('vouchers').column('batch').execute();

  await withId(db, db.schema.createTable('voucher_redemptions'))
    .addColumn('voucher_id', 'bigint', (c) => c.notNull().unique().references('vouchers.id'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('repaid_amount', 'bigint', (c) => c.notNull())
    .addColumn('redeemed_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('voucher_redemptions_line')
    .on('voucher_redemptions')
    .columns(['line_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('voucher_failures'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('client_ip', 'text', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('voucher_failures_line')
    .on('voucher_failures')
    .columns(['line_id', 'at'])
    .execute();
  await db.schema
    .createIndex('voucher_failures_client')
    .on('voucher_failures')
    .columns(['client_ip', 'at'])
    .execute();

  await withId(db, db.schema.createTable('promised_payments'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('fee_amount', 'bigint', (c) => c.notNull())
    .addColumn('outstanding', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('taken_at', instant, (c) => c.notNull())
    .addColumn('due_at', instant, (c) => c.notNull())
    .addColumn('repaid_at', instant)
    .addColumn('overdue_at', instant)
    .addUniqueConstraint('promised_payments_client_key', ['line_id', 'client_key'])
    .execute();
  await db.schema
    .createIndex('promised_payments_account')
    .on('promised_payments')
    .columns(['account_id', 'status'])
    .execute();
  await db.schema
    .createIndex('promised_payments_due')
    .on('promised_payments')
    .columns(['status', 'due_at'])
    .execute();

  await db.schema
    .alterTable('bills')
    .addColumn('fees_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('bills')
    .addColumn('usage_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('bills')
    .addColumn('discount_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('bills')
    .addColumn('tax_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('bills').addColumn('tax_mode', 'text').execute();
  await db.schema.alterTable('bills').addColumn('tax_rate_basis_points', 'integer').execute();
  await db.schema.alterTable('bills').addColumn('settled_at', instant).execute();
  await db.schema.createIndex('bills_status_due').on('bills').columns(['status', 'due_date']).execute();

  await withId(db, db.schema.createTable('bill_lines'))
    .addColumn('bill_id', 'bigint', (c) => c.notNull().references('bills.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bill_lines_bill').on('bill_lines').column('bill_id').execute();

  await withId(db, db.schema.createTable('bill_payments'))
    .addColumn('bill_id', 'bigint', (c) => c.notNull().references('bills.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('paid_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bill_payments_bill').on('bill_payments').column('bill_id').execute();

  await withId(db, db.schema.createTable('dunning_actions'))
    .addColumn('bill_id', 'bigint', (c) => c.notNull().references('bills.id'))
    .addColumn('days_overdue', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('applied_at', instant, (c) => c.notNull())
    .addUniqueConstraint('dunning_actions_once', ['bill_id', 'days_overdue'])
    .execute();

  await db.schema.alterTable('lines').addColumn('blocked_for', 'text').execute();
  // Lines already blocked for debt on an account with an overdue bill were blocked for that bill.
  await db
    .updateTable('lines')
    .set({ blocked_for: 'bill' })
    .where('status', '=', 'blocked_debt')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('bills')
          .select('bills.id')
          .whereRef('bills.account_id', '=', 'lines.account_id')
          .where('bills.status', '=', 'overdue'),
      ),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type exists
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('lines').dropColumn('blocked_for').execute();
  for (const table of [
    'dunning_actions',
    'bill_payments',
    'bill_lines',
    'promised_payments',
    'voucher_failures',
    'voucher_redemptions',
    'vouchers',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('bills_status_due').execute();
  for (const column of [
    'settled_at',
    'tax_rate_basis_points',
    'tax_mode',
    'tax_amount',
    'discount_amount',
    'usage_amount',
    'fees_amount',
  ]) {
    await db.schema.alterTable('bills').dropColumn(column).execute();
  }
}
