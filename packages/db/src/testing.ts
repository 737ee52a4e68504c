import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from './connection';
import { migrateToLatest } from './migrate';
import type { DB } from './schema';

export interface TestDatabase extends Database {
  /** The connection string or data directory, so a test can start a server process on the same data. */
  readonly config: { url?: string; dataDir?: string };
}

/** The engine the database tests run on: PostgreSQL when TEST_DATABASE_URL is set, SQLite otherwise. */
export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database for one test file. On PostgreSQL a new database is created next to the
 * one in TEST_DATABASE_URL and dropped again on close; on SQLite a file in a new temporary directory.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  let database: Database;
  let config: TestDatabase['config'];
  let cleanup: () => Promise<void>;

  if (adminUrl) {
    const name = `kabinet_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    config = { url: url.toString() };
    database = openDatabase({ url: config.url, poolSize: 5 });
    cleanup = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'kabinet-test-'));
    config = { dataDir };
    database = openDatabase({ dataDir });
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }

  if (options.migrate !== false) await migrateToLatest(database.db);
  return {
    ...database,
    config,
    close: async () => {
      await database.close();
      await cleanup();
    },
  };
}

type UsageEventRow = Insertable<DB['usage_events']>;

/**
 * A stored usage event for a test that builds rows by hand: one charged SMS to another mobile network,
 * received when it started. The test gives the keys and overrides what it is about.
 */
export function usageEventRow(
  row: Pick<UsageEventRow, 'event_id' | 'msisdn' | 'line_id' | 'account_id' | 'started_at'> &
    Partial<UsageEventRow>,
): UsageEventRow {
  return {
    type: 'sms',
    quantity: 1,
    rated_units: 1,
    other_party: '+79161234567',
    destination_class: 'other_mobile',
    roaming_country: null,
    rating_group: null,
    status: 'charged',
    reason: null,
    amount: 0,
    bundle_units: 0,
    result: '{}',
    received_at: row.started_at,
    ...row,
  };
}
