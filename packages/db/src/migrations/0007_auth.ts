import type { Kysely } from 'kysely';
import { instantType, withId } from './helpers';

/**
 * Sign-in: a login per subscriber number (the number is the login), the other numbers a login may
 * manage after proving control, server-side revocable sessions (stored as a hash of the cookie so a
 * database dump signs nobody in), one-time-code challenges, the SMS sends that rate limits count, the
 * security log shown to the subscriber, and linked OpenID Connect identities.
 *
 * accounts.owner_line_id names the line whose subscriber owns the account and so sees all its lines.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema type exists
export async function up(db: Kysely<any>): Promise<void> {
  const instant = instantType(db);
  await db.schema.alterTable('accounts').addColumn('owner_line_id', 'bigint').execute();
  await db
    .updateTable('accounts')
    .set((eb) => ({
      owner_line_id: eb
        .selectFrom('lines')
        .select((s) => s.fn.min('lines.id').as('first'))
        .whereRef('lines.account_id', '=', 'accounts.id'),
    }))
    .execute();

  await withId(db, db.schema.createTable('logins'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().unique().references('lines.id'))
    .addColumn('password_hash', 'text')
    .addColumn('password_set_at', instant)
    .addColumn('password_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_locked_until', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('login_lines'))
    .addColumn('login_id', 'bigint', (c) => c.notNull().references('logins.id'))
    .addColumn('line_id', 'bigint', (c) => c.notNull().references('lines.id'))
    .addColumn('added_at', instant, (c) => c.notNull())
    .addUniqueConstraint('login_lines_login_line', ['login_id', 'line_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('login_id', 'bigint', (c) => c.notNull().references('logins.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_used_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('revoked_at', instant)
    .addColumn('revoked_reason', 'text')
    .addColumn('pin_hash', 'text')
    .addColumn('pin_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('sessions_login').on('sessions').column('login_id').execute();

  await db.schema
    .createTable('otp_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('msisdn', 'text', (c) => c.notNull())
    .addColumn('line_id', 'bigint', (c) => c.references('lines.id'))
    .addColumn('login_id', 'bigint', (c) => c.references('logins.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sends', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_sent_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('consumed_at', instant)
    .execute();

  await withId(db, db.schema.createTable('sms_code_sends'))
    .addColumn('msisdn', 'text', (c) => c.notNull())
    .addColumn('client_ip', 'text', (c) => c.notNull())
    .addColumn('sent_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sms_code_sends_msisdn')
    .on('sms_code_sends')
    .columns(['msisdn', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('sms_code_sends_client')
    .on('sms_code_sends')
    .columns(['client_ip', 'sent_at'])
    .execute();

  await withId(db, db.schema.createTable('security_events'))
    .addColumn('login_id', 'bigint', (c) => c.notNull().references('logins.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('device', 'text')
    .addColumn('ip', 'text')
    .addColumn('at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('security_events_login')
    .on('security_events')
    .columns(['login_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('oidc_identities'))
    .addColumn('login_id', 'bigint', (c) => c.notNull().references('logins.id'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('linked_at', instant, (c) => c.notNull())
    .addUniqueConstraint('oidc_identities_issuer_subject', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('oidc_identities_login').on('oidc_identities').column('login_id').execute();

  await db.schema
    .createTable('oidc_flows')
    .addColumn('state', 'text', (c) => c.primaryKey().notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'oidc_flows',
    'oidc_identities',
    'security_events',
    'sms_code_sends',
    'otp_challenges',
    'sessions',
    'login_lines',
    'logins',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('accounts').dropColumn('owner_line_id').execute();
}
