import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { seedDemoIfEmpty } from '@kabinet/db';
import { createTestDatabase, type TestDatabase, testEngine } from '@kabinet/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const cli = join(root, 'apps/server/src/cli/reconcile.ts');
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoIfEmpty(t.db, {
    operatorName: 'Kabinet Mobile',
    currency: 'RUB',
    timeZone: 'Europe/Moscow',
    now: new Date('2026-11-26T09:00:00Z'),
  });
});
afterAll(async () => {
  await t?.close();
});

/** Runs `npm run reconcile`'s entry point against the test database, as a separate process. */
function reconcile(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    ...(t.config.url ? { DATABASE_URL: t.config.url } : { DATA_DIR: t.config.dataDir }),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', cli], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe(`npm run reconcile on ${testEngine}`, () => {
  it('exits 0 on the demo data and says what it checked', async () => {
    const run = await reconcile();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('accounts checked: 5');
    expect(run.stdout).toContain('bundles checked:  19');
    expect(run.stdout).toContain('OK: every balance and bundle matches its ledger rows');
  });

  it('exits 1 and names the account whose balance was changed behind the ledger', async () => {
    const anna = await t.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select(['accounts.id', 'accounts.number'])
      .where('lines.msisdn', '=', '+79000000001')
      .executeTakeFirstOrThrow();
    await sql`update accounts set balance = balance + 1 where id = ${anna.id}`.execute(t.db);
    try {
      const run = await reconcile();
      expect(run.code).toBe(1);
      // 1245.50 by the ledger, 1245.51 in the column.
      expect(run.stdout).toContain(
        `account ${anna.id} (${anna.number}): balance 124551, ledger sum 124550, latest balance_after 124550`,
      );
      expect(run.stdout).toContain('FAILED');
    } finally {
      await sql`update accounts set balance = balance - 1 where id = ${anna.id}`.execute(t.db);
    }
  });
});
