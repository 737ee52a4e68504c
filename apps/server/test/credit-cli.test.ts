import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { normaliseVoucherCode } from '@kabinet/core';
import { seedDemoIfEmpty } from '@kabinet/db';
import { createTestDatabase, type TestDatabase, testEngine } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voucherCodeHash } from '../src/credit/voucher-hash';

const root = new URL('../../../', import.meta.url).pathname;
const SECRET = 'voucher-secret-for-cli-tests-0123';
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

/** Runs a command's entry point against the test database, as a separate process. */
function run(
  script: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps/server/src/cli', script), ...args],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        VOUCHER_SECRET: SECRET,
        ...(t.config.url ? { DATABASE_URL: t.config.url } : { DATA_DIR: t.config.dataDir }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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

describe(`money-in commands on ${testEngine}`, () => {
  it('npm run vouchers prints a batch once and stores only the codes’ keyed hashes', async () => {
    const result = await run('vouchers.ts', ['--count', '3', '--amount', '250.50', '--batch', 'kiosk-1']);
    expect(result.code, result.stderr).toBe(0);
    const codes = result.stdout.trim().split('\n');
    expect(codes).toHaveLength(3);
    expect(result.stderr).toContain('Batch kiosk-1: 3 voucher(s) of 250.50 RUB');
    const stored = await t.db.selectFrom('vouchers').select(['code_hash', 'amount', 'batch']).execute();
    // 250.50 RUB = 25_050 kopecks.
    expect(stored.map((v) => [v.amount, v.batch])).toEqual([
      [25_050, 'kiosk-1'],
      [25_050, 'kiosk-1'],
      [25_050, 'kiosk-1'],
    ]);
    expect(stored.map((v) => v.code_hash).sort()).toEqual(
      codes.map((c) => voucherCodeHash(SECRET, normaliseVoucherCode(c)!)).sort(),
    );
  });

  it('npm run vouchers refuses a bad amount and writes nothing', async () => {
    const result = await run('vouchers.ts', ['--count', '2', '--amount', '1.234']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^vouchers failed: /);
    expect(await t.db.selectFrom('vouchers').select('id').execute()).toHaveLength(3);
  });

  it('npm run credit-due runs once and says what it did', async () => {
    const result = await run('credit-due.ts');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Issued \d+ bill\(s\)/);
    // A second run at once finds nothing new to issue.
    const again = await run('credit-due.ts');
    expect(again.stdout).toMatch(/^Issued 0 bill\(s\)/);
  });
});
