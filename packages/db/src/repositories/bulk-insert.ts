import { sql, type Transaction } from 'kysely';
import { engineOf } from '../migrations/helpers';
import type { DB } from '../schema';

export type PgColumnType = 'text' | 'bigint' | 'integer' | 'timestamptz';

const SQLITE_ROWS_PER_STATEMENT = 400;

/**
 * Inserts many rows in as few statements as each engine does best. PostgreSQL gets one statement with
 * one array parameter per column (`insert … select * from unnest(…)`): a fixed, small parameter count
 * whatever the batch size, which PostgreSQL plans and binds far faster than thousands of VALUES
 * parameters. SQLite runs in-process, so plain multi-row VALUES in chunks are already cheap there.
 */
export async function bulkInsert<T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  columns: Record<string, PgColumnType>,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  if (engineOf(trx) === 'postgres') {
    await unnestInsert(table, columns, rows).execute(trx);
    return;
  }
  for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT) as never)
      .execute();
  }
}

/** PostgreSQL: `insert into table (…) select * from unnest($1::type[], …)`, one array per column. */
export function unnestInsert(
  table: string,
  columns: Record<string, PgColumnType>,
  rows: Record<string, unknown>[],
) {
  const names = Object.keys(columns);
  const arrays = names.map((name) => {
    const values = rows.map((row) => row[name] ?? null);
    return sql`${values}::${sql.raw(columns[name]!)}[]`;
  });
  return sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
    select * from unnest(${sql.join(arrays)})`;
}

/**
 * `column IN (values)` as each engine prefers it: on PostgreSQL `= any($1::type[])`, one array
 * parameter however long the list; on SQLite a plain IN list.
 */
export function inValues(
  postgres: boolean,
  column: string,
  values: readonly (string | number)[],
  pgType: PgColumnType,
) {
  return postgres
    ? sql<boolean>`${sql.ref(column)} = any(${values}::${sql.raw(pgType)}[])`
    : sql<boolean>`${sql.ref(column)} in (${sql.join(values)})`;
}
