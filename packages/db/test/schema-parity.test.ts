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
    expect(Object.keys(postgresShape)).toEqual(expect.arrayContaining(['accounts', 'lines', 'ledger_entries', 'tariffs']));
    expect(JSON.stringify(postgresShape)).not.toContain('unmapped:');
  });

  it('creates the same secondary indexes', async () => {
    const sqliteIndexes = await sql<{ name: string }>`
      select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex_%'`.execute(sqliteDb.db);
    const postgresIndexes = await sql<{ name: string }>`
      select indexname as name from pg_indexes where schemaname = 'public'
        and indexname not like '%_pkey' and indexname not like '%_key'`.execute(postgresDb.db);
    const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();
    expect(names(sqliteIndexes.rows)).toEqual(names(postgresIndexes.rows));
    expect(names(postgresIndexes.rows)).toContain('ledger_entries_account');
  });
});
