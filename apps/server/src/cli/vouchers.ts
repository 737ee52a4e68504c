// npm run vouchers -- --count 10 --amount 500 [--batch NAME] [--expires 2027-12-31]: issues a batch of
// vouchers worth `amount` (in major units of CURRENCY) and prints their codes once, one per line. Only
// keyed hashes are stored: the printed list is the only copy of the codes.
import { parseArgs } from 'node:util';
import { newVoucherCode, normaliseVoucherCode, parseMajor } from '@kabinet/core';
import { insertVouchers, openDatabase, pendingMigrations } from '@kabinet/db';
import { ConfigError, readConfig } from '../config';
import { voucherCodeHash } from '../credit/voucher-hash';

try {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10' },
      amount: { type: 'string' },
      batch: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  const config = readConfig();
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw new Error('--count must be 1 to 100000');
  if (!values.amount) throw new Error('--amount is required (in major units, e.g. 500)');
  const amount = parseMajor(values.amount, config.currency);
  if (amount <= 0) throw new Error('--amount must be positive');
  const expiresAt = values.expires ? new Date(values.expires) : null;
  if (expiresAt && Number.isNaN(expiresAt.getTime()))
    throw new Error('--expires must be a date, e.g. 2027-12-31');
  const now = new Date();
  const batch = values.batch ?? `batch-${now.toISOString().slice(0, 19).replace(/[-:T]/g, '')}`;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(batch)) throw new Error('--batch must be letters, digits, . _ -');

  const database = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const pending = await pendingMigrations(database.db);
    if (pending.length > 0) {
      throw new Error(
        `${database.location} lacks migrations ${pending.join(', ')}: run npm run migrate first`,
      );
    }
    const codes = Array.from({ length: count }, () => newVoucherCode());
    await insertVouchers(database.db, {
      codeHashes: codes.map((c) => voucherCodeHash(config.credit.voucherSecret, normaliseVoucherCode(c)!)),
      name: batch,
      amount,
      expiresAt: expiresAt?.toISOString() ?? null,
      at: now.toISOString(),
    });
    process.stderr.write(`Batch ${batch}: ${count} voucher(s) of ${values.amount} ${config.currency}\n`);
    process.stdout.write(`${codes.join('\n')}\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(
    `vouchers failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
