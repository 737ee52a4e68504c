import { type Kysely, sql } from 'kysely';
import { engineOf, instantType, withId } from './helpers';

/**
 * Catalogue, subscribers, bundles, the ledger and bills: the model every later module builds on.
 * Amounts are BIGINT minor units; unit prices are BIGINT micros of a minor unit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const instant = instantType(db);

  // One row: the operator this installation serves.
  await withId(db, db.schema.createTable('operator_settings'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('roaming_zones'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_i18n', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('roaming_countries')
    .addColumn('country', 'text', (c) => c.primaryKey().notNull())
    .addColumn('zone_id', 'bigint', (c) => c.notNull().references('roaming_zones.id'))
    .execute();

  await db.schema
    .createTable('number_prefixes')
    .addColumn('prefix', 'text', (c) => c.primaryKey().notNull())
    .addColumn('destination_class', 'text', (c) => c.notNull())
    .addColumn('international_zone', 'text')
    .addColumn('country', 'text')
    .execute();

  await withId(db, db.schema.createTable('tariffs'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description_i18n', 'text', (c) => c.notNull())
    .addColumn('payment_type', 'text', (c) => c.notNull())
    .addColumn('fee_period', 'text', (c) => c.notNull())
    .addColumn('fee_amount', 'bigint', (c) => c.notNull())
    .addColumn('voice_charging', 'text', (c) => c.notNull())
    .addColumn('voice_free_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('data_rounding_bytes', 'integer', (c) => c.notNull())
    .addColumn('change_fee', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('change_effective', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('tariff_allowances'))
    .addColumn('tariff_id', 'bigint', (c) => c.notNull().references('tariffs.id'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('all'))
    .execute();
  await db.schema
    .createIndex('tariff_allowances_tariff')
    .on('tariff_allowances')
    .column('tariff_id')
    .execute();

  await withId(db, db.schema.createTable('tariff_prices'))
    .addColumn('tariff_id', 'bigint', (c) => c.notNull().references('tariffs.id'))
    .addColumn('usage_type', 'text', (c) => c.notNull())
    .addColumn('destination_class', 'text', (c) => c.notNull())
    .addColumn('roaming_zone_id', 'bigint', (c) => c.references('roaming_zones.id'))
    .addColumn('international_zone', 'text')
    .addColumn('price_micros', 'bigint', (c) => c.notNull())
    .addColumn('per', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tariff_prices_tariff').on('tariff_prices').column('tariff_id').execute();

  await withId(db, db.schema.createTable('services'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name_i18n', 'text', (c) => c.notNull())
    .addColumn('description_i18n', 'text', (c) => c.notNull())
    .addColumn('fee_type', 'text', (c) => c.notNull())
    .addColumn('fee_amount', 'bigint', (c) => c.notNull())
    .addColumn('provider', 'text')
    .addColumn('rating_effect', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('packs'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_i18n', 'text', (c) => c.notNull())
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('validity_days', 'integer', (c) => c.notNull())
    .addColumn('roaming_zone_id', 'bigint', (c) => c.references('roaming_zones.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('pack_allowances'))
    .addColumn('pack_id', 'bigint', (c) => c.notNull().references('packs.id'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('all'))
    .execute();
  await db.schema.createIndex('pack_allowances_pack').on('pack_allowances').column('pack_id').execute();

  await withId(db, db.schema.createTable('loyalty_rewards'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_i18n', 'text', (c) => c.notNull())
    .addColumn('description_i18n', 'text', (c) => c.notNull())
    .addColumn('points_cost', 'integer', (c) => c.notNull())
    .addColumn('reward_type', 'text', (c) => c.notNull())
    .addColumn('pack_id', 'bigint', (c) => c.references('packs.id'))
    .addColumn('partner', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('customers'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('accounts'))
    .addColumn('customer_id', 'bigint', (c) => c.notNull().references('customers.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('payment_type', 'text', (c) => c.notNull())
    .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('credit_limit', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('bill_cycle_day', 'integer')
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_customer').on('accounts').column('customer_id').execute();

  await withId(db, db.schema.createTable('lines'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('msisdn', 'text', (c) => c.notNull().unique())
    .addColumn('iccid', 'text', (c) => c.notNull().unique())
    .addColumn('imsi', 'text', (c) => c.notNull().unique())
    .addColumn('tariff_id', 'bigint', (c) => c.notNull().references('tariffs.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', instant, (c) => c.notNull())
    .addColumn('activated_at', instant, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lines_account').on('lines').column('account_id').execute();

  await withId(db, db.schema.createTable('line_services'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('service_id', 'bigint', (c) => c.notNull().references('services.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('connected_at', instant, (c) => c.notNull())
    .addColumn('disconnected_at', instant)
    .execute();
  await db.schema.createIndex('line_services_line').on('line_services').column('line_id').execute();

  await withId(db, db.schema.createTable('bundles'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('tariff_id', 'bigint', (c) => c.references('tariffs.id'))
    .addColumn('pack_id', 'bigint', (c) => c.references('packs.id'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('remaining', 'bigint', (c) => c.notNull())
    .addColumn('valid_from', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addCheckConstraint('bundles_remaining_within_total', sql`remaining >= 0 and remaining <= total`)
    .execute();
  await db.schema.createIndex('bundles_line').on('bundles').columns(['line_id', 'expires_at']).execute();

  await withId(db, db.schema.createTable('ledger_entries'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('line_id', 'bigint', (c) => c.references('lines.id'))
    .addColumn('bundle_id', 'bigint', (c) => c.references('bundles.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('reference_type', 'text')
    .addColumn('reference_id', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_account')
    .on('ledger_entries')
    .columns(['account_id', 'id'])
    .execute();
  await db.schema.createIndex('ledger_entries_bundle').on('ledger_entries').column('bundle_id').execute();
  await forbidLedgerEdits(db);

  await withId(db, db.schema.createTable('bills'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('issued_at', instant, (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bills_account').on('bills').column('account_id').execute();
}

/** The ledger is append-only by construction, not by convention: the database refuses edits. */
async function forbidLedgerEdits(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`create function ledger_entries_append_only() returns trigger language plpgsql as $$
      begin raise exception 'ledger_entries is append-only'; end $$`.execute(db);
    await sql`create trigger ledger_entries_no_update before update or delete on ledger_entries
      for each row execute function ledger_entries_append_only()`.execute(db);
  } else {
    await sql`create trigger ledger_entries_no_update before update on ledger_entries
      begin select raise(abort, 'ledger_entries is append-only'); end`.execute(db);
    await sql`create trigger ledger_entries_no_delete before delete on ledger_entries
      begin select raise(abort, 'ledger_entries is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`drop function ledger_entries_append_only() cascade`.execute(db);
  }
  for (const table of [
    'bills',
    'ledger_entries',
    'bundles',
    'line_services',
    'lines',
    'accounts',
    'customers',
    'loyalty_rewards',
    'pack_allowances',
    'packs',
    'services',
    'tariff_prices',
    'tariff_allowances',
    'tariffs',
    'number_prefixes',
    'roaming_countries',
    'roaming_zones',
    'operator_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
