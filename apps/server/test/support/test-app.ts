import { seedDemoIfEmpty } from '@kabinet/db';
import { createTestDatabase, type TestDatabase } from '@kabinet/db/testing';
import { type AppInstance, buildApp } from '../../src/app';
import { readConfig } from '../../src/config';

export interface TestApp {
  app: AppInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export const DEMO_NOW = new Date('2026-11-26T09:00:00Z');

/** The app on a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL) with demo data. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { logStream?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = readConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', ...env });
  await seedDemoIfEmpty(database.db, {
    operatorName: config.operatorName,
    currency: config.currency,
    timeZone: config.billingTimeZone,
    now: DEMO_NOW,
  });
  const app = await buildApp({ config, database, logStream: options.logStream });
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The balance of the account a line belongs to, straight from the accounts table. */
export async function balanceOfLine(t: TestApp, msisdn: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('accounts')
    .innerJoin('lines', 'lines.account_id', 'accounts.id')
    .select('accounts.balance')
    .where('lines.msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
  return row.balance;
}
