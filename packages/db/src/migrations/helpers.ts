import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The few places where the two engines need different column DDL. Everything else in a migration is
 * written once. The schema-parity test compares the result on both engines.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
export function engineOf(db: Kysely<any>): 'postgres' | 'sqlite' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// biome-ignore lint/suspicious/noExplicitAny: table builders are generic over the table name
type Table = CreateTableBuilder<any, any>;

/** An identity primary key that never reuses a value (SQLite AUTOINCREMENT; PostgreSQL identity). */
export function withId(db: Kysely<unknown>, table: Table): Table {
  return engineOf(db) === 'postgres'
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement().notNull());
}

/** A UTC instant: timestamptz on PostgreSQL, an ISO-8601 string in a DATETIME column on SQLite. */
export function instantType(db: Kysely<unknown>) {
  return engineOf(db) === 'postgres' ? sql`timestamptz` : sql`datetime`;
}
