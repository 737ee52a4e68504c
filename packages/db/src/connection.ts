import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /** Where the data lives, for logs: a file path or the PostgreSQL host/database (never the password). */
  readonly location: string;
  /** PostgreSQL only: the driver's pool, for the one path that talks to it directly (charging). */
  readonly pool?: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded SQLite file in `dataDir` is used. */
  url?: string | undefined;
  dataDir?: string;
  /** SQLite file name inside dataDir. */
  fileName?: string;
  poolSize?: number;
}

const INT8_OID = 20;
const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;

/**
 * Both engines must hand the code the same JavaScript values: integers as numbers (money is in minor
 * units and always far below 2^53, but we refuse silently wrong values), instants as ISO-8601 UTC
 * strings like SQLite stores them, and calendar dates as 'YYYY-MM-DD'.
 */
function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === INT8_OID) {
    return (value) => {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is outside the safe integer range`);
      return n;
    };
  }
  if (oid === TIMESTAMPTZ_OID || oid === TIMESTAMP_OID) return (value) => new Date(value).toISOString();
  if (oid === DATE_OID) return (value) => value;
  return pg.types.getTypeParser(oid, format as 'text');
}

export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgresql://${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'postgresql (unparseable URL)';
  }
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Connections stay once opened: a new one costs a PostgreSQL backend's start and the first
      // compile of the charging functions, paid by whichever request lands on it.
      min: options.poolSize ?? 10,
      // …but not for ever: the charging functions plan their statements once per connection
      // (migration 0014), and a plan made while a table was nearly empty should not outlive its growth
      // on a database that autovacuum never analyzes.
      maxLifetimeSeconds: 3_600,
      connectionTimeoutMillis: 5_000,
      types: { getTypeParser: pgTypeParser as typeof pg.types.getTypeParser },
    });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool }),
    });
    return {
      db,
      engine: 'postgres',
      location: describePostgresUrl(options.url),
      pool,
      close: () => db.destroy(),
    };
  }

  const dataDir = options.dataDir ?? './data';
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, options.fileName ?? 'kabinet.sqlite');
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers run beside the single writer; FULL makes every commit durable across a power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
}
