import { type Kysely, sql } from 'kysely';
import { engineOf } from './helpers';

/**
 * A Rating-Group is an Unsigned32 in Diameter credit control (RFC 4006, 3GPP TS 32.299), up to
 * 4,294,967,295; PostgreSQL's integer stops at 2,147,483,647. Found by the bad-input property test:
 * such an event made the whole batch fail. SQLite integers are 64-bit already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`alter table usage_events alter column rating_group type bigint`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`alter table usage_events alter column rating_group type integer`.execute(db);
  }
}
