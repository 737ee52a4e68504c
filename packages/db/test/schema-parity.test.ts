import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type DB, migrateToLatest, openDatabase } from '../src';

/**
 * One migration set must give both engines the same schema. This test always needs PostgreSQL: it uses
 * TEST_DATABASE_URL, or the local server every development and CI machine runs.
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `kabinet_parity_${process.pid}`;

const TYPE_FAMILY: Record<string, string> = {
  int8: 'integer',
  int4: 'integer',
  bigint: 'integer',
  integer: 'integer',
  text: 'text',
  timestamptz: 'instant',
  datetime: 'instant',
  date: 'date',
};

interface ColumnShape {
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

async function shapeOf(db: Kysely<DB>) {
  const tables = await db.introspection.getTables();
  const shape: Record<string, Record<string, ColumnShape>> = {};
  for (const t of tables) {
    shape[t.name] = {};
    for (const c of t.columns) {
      shape[t.name]![c.name] = {
        type: TYPE_FAMILY[c.dataType.toLowerCase()] ?? `unmapped:${c.dataType}`,
        nullable: c.isNullable,
        hasDefault: c.hasDefaultValue || c.isAutoIncrementing,
      };
    }
  }
  return shape;
}

let sqliteDb: Database;
let postgresDb: Database;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kabinet-parity-'));
  sqliteDb = openDatabase({ dataDir });
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  postgresDb = openDatabase({ url: url.toString(), poolSize: 2 });
  await migrateToLatest(sqliteDb.db);
  await migrateToLatest(postgresDb.db);
});

afterAll(async () => {
  await sqliteDb?.close();
  await postgresDb?.close();
  rmSync(dataDir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

describe('one migration set, two engines', () => {
  it('creates the same tables and columns with the same types, nullability and defaults', async () => {
    const sqliteShape = await shapeOf(sqliteDb.db);
    const postgresShape = await shapeOf(postgresDb.db);
    expect(Object.keys(sqliteShape).sort()).toEqual(Object.keys(postgresShape).sort());
    expect(sqliteShape).toEqual(postgresShape);
    // Guard against a vacuous pass: the core tables are there.
    expect(Object.keys(postgresShape)).toEqual(
      expect.arrayContaining(['accounts', 'lines', 'ledger_entries', 'tariffs']),
    );
    expect(JSON.stringify(postgresShape)).not.toContain('unmapped:');
  });

  it('creates the same secondary indexes', async () => {
    const sqliteIndexes = await sql<{ name: string }>`
      select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex_%'`.execute(
      sqliteDb.db,
    );
    const postgresIndexes = await sql<{ name: string }>`
      select indexname as name from pg_indexes where schemaname = 'public'
        and indexname not in (select conname from pg_constraint)`.execute(postgresDb.db);
    const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();
    expect(names(sqliteIndexes.rows)).toEqual(names(postgresIndexes.rows));
    expect(names(postgresIndexes.rows)).toContain('ledger_entries_account');
  });

  it('enforces the same unique keys (idempotency depends on them)', async () => {
    const postgresUnique = await sql<{ table: string; columns: string }>`
      select c.conrelid::regclass::text as table, string_agg(a.attname, ',' order by a.attname) as columns
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype in ('u', 'p') and c.connamespace = 'public'::regnamespace
      group by c.conname, c.conrelid
      union all
      -- Unique indexes that back no constraint (partial ones, e.g. one ledger credit per payment).
      select i.indrelid::regclass::text, string_agg(a.attname, ',' order by a.attname)
      from pg_index i join pg_class ic on ic.oid = i.indexrelid
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indisunique and ic.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
      group by ic.relname, i.indrelid`.execute(postgresDb.db);
    const sqliteUnique = await sql<{ table: string; columns: string }>`
      select m.name as "table", (select group_concat(name, ',') from (
          select ii.name from pragma_index_info(il.name) ii order by ii.name)) as columns
      from sqlite_master m join pragma_index_list(m.name) il
      where m.type = 'table' and il."unique" = 1 and m.name not like 'kysely_%'
      union all
      select m.name, ti.name from sqlite_master m join pragma_table_info(m.name) ti
      where m.type = 'table' and ti.pk = 1 and lower(ti.type) = 'integer' and m.name not like 'kysely_%'`.execute(
      sqliteDb.db,
    );
    const keys = (rows: { table: string; columns: string }[]) =>
      rows
        .filter((r) => !r.table.startsWith('kysely_'))
        .map((r) => `${r.table}(${r.columns})`)
        .sort();
    expect(keys(sqliteUnique.rows)).toEqual(keys(postgresUnique.rows));
    expect(keys(postgresUnique.rows)).toContain('usage_events(event_id)');
    expect(keys(postgresUnique.rows)).toContain('ledger_entries(reference_id)');
    expect(keys(postgresUnique.rows)).toContain('payments(account_id,idempotency_key)');
    expect(keys(postgresUnique.rows)).toContain('fee_charges(line_id,period_start,subject,subject_id)');
  });
});

describe('PostgreSQL charging functions', () => {
  // Re-planning their statements on every call was a tenth of PostgreSQL's CPU on the charging path
  // (migration 0014); a generic plan is made once per connection and kept.
  it('plan their statements once per connection', async () => {
    const functions = await sql<{ name: string; config: string[] | null }>`
      select proname as name, proconfig as config from pg_proc
      where proname in ('kabinet_charge_lock_and_read', 'kabinet_charge_save') order by proname`.execute(
      postgresDb.db,
    );
    expect(functions.rows).toEqual([
      { name: 'kabinet_charge_lock_and_read', config: ['plan_cache_mode=force_generic_plan'] },
      { name: 'kabinet_charge_save', config: ['plan_cache_mode=force_generic_plan'] },
    ]);
  });
});
