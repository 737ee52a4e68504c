// npm run charge-due: charges every recurring fee that is due now, retries suspended subscriptions,
// empties expired bundles, prints what it did and exits. Safe to run at any time, repeatedly, and
// beside servers running the same job (see docs/OPERATIONS.md).
import { formatMoney } from '@kabinet/core';
import { openDatabase, pendingMigrations } from '@kabinet/db';
import { ConfigError, readConfig } from '../config';
import { runChargeDue } from '../jobs/charge-due';

try {
  const config = readConfig();
  const database = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const pending = await pendingMigrations(database.db);
    if (pending.length > 0) {
      throw new Error(
        `${database.location} lacks migrations ${pending.join(', ')}: run npm run migrate first`,
      );
    }
    const started = performance.now();
    const r = await runChargeDue(database, config.billingTimeZone);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `Charged ${r.tariffFees} tariff fee(s) and ${r.serviceFees} service fee(s), ` +
        `${formatMoney(r.amount, config.currency, 'en')} in all; ${r.resumed} resumed, ${r.unpaid} unpaid ` +
        `(suspended); ${r.expiredBundles} expired bundle(s) emptied; ${database.location}, ${seconds.toFixed(2)} s\n`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(
    `charge-due failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
