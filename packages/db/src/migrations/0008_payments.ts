import { type Kysely, sql } from 'kysely';
import { instantType, withId } from './helpers';

/**
 * Card payments: top-ups and auto top-ups, the cards a subscriber saved (provider tokens only, never
 * a card number), auto top-up settings per account, and the built-in sandbox provider's own record of
 * the charges it was asked for (the "provider side", which the return path asks like a real one).
 *
 * - payments(account_id, idempotency_key) is UNIQUE: the same key is the same payment, and an auto
 *   top-up's key is derived from its trigger, so a trigger charges once whichever node runs the job.
 * - ledger_entries(reference_id) is UNIQUE where reference_type = 'payment': a payment can credit
 *   the balance only once, even if two paths ever got past the conditional status update.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type exists
export async function up(db: Kysely<any>): Promise<void> {
  const instant = instantType(db);

  await withId(db, db.schema.createTable('payment_cards'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull())
    .addColumn('last4', 'text', (c) => c.notNull())
    .addColumn('exp_month', 'integer')
    .addColumn('exp_year', 'integer')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('removed_at', instant)
    .addUniqueConstraint('payment_cards_provider_token', ['provider', 'token'])
    .execute();
  await db.schema.createIndex('payment_cards_account').on('payment_cards').column('account_id').execute();

  await withId(db, db.schema.createTable('payments'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('line_id', 'bigint', (c) => c.references('lines.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_payment_id', 'text')
    .addColumn('redirect_url', 'text')
    .addColumn('card_id', 'bigint', (c) => c.references('payment_cards.id'))
    .addColumn('save_card', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('card_brand', 'text')
    .addColumn('card_last4', 'text')
    .addColumn('receipt_number', 'text', (c) => c.unique())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('succeeded_at', instant)
    .addUniqueConstraint('payments_account_key', ['account_id', 'idempotency_key'])
    .addUniqueConstraint('payments_provider_id', ['provider', 'provider_payment_id'])
    .execute();
  await db.schema.createIndex('payments_line').on('payments').columns(['line_id', 'id']).execute();
  await db.schema
    .createIndex('payments_account_kind')
    .on('payments')
    .columns(['account_id', 'kind', 'created_at'])
    .execute();

  await db.schema
    .createIndex('ledger_entries_payment_once')
    .on('ledger_entries')
    .column('reference_id')
    .unique()
    .where(sql.ref('reference_type'), '=', 'payment')
    .execute();

  await db.schema
    .createTable('auto_top_ups')
    .addColumn('account_id', 'bigint', (c) => c.primaryKey().notNull().references('accounts.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('card_id', 'bigint', (c) => c.references('payment_cards.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('threshold', 'bigint')
    .addColumn('monthly_day', 'integer')
    .addColumn('daily_limit', 'bigint', (c) => c.notNull())
    .addColumn('monthly_limit', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sandbox_charges')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('payment_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('save_card', 'integer', (c) => c.notNull())
    .addColumn('card_brand', 'text')
    .addColumn('card_last4', 'text')
    .addColumn('card_exp_month', 'integer')
    .addColumn('card_exp_year', 'integer')
    .addColumn('card_token', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ledger_entries_payment_once').execute();
  for (const table of ['sandbox_charges', 'auto_top_ups', 'payments', 'payment_cards']) {
    await db.schema.dropTable(table).execute();
  }
}
