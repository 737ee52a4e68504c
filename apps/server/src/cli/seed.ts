// npm run seed [-- --subscribers N]: prepares the database (migrations, the demo operator when empty)
// and adds N synthetic prepaid subscribers in bulk, for benchmarks.
import { parseArgs } from 'node:util';
import { seedSyntheticSubscribers } from '@kabinet/db';
import { openAndPrepareDatabase } from '../boot';
import { readConfig } from '../config';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '0' } } });
const count = Number(values.subscribers);
if (!Number.isSafeInteger(count) || count < 0 || count > 10_000_000) {
  process.stderr.write('seed: --subscribers must be a whole number from 0 to 10000000\n');
  process.exit(2);
}

try {
  const config = readConfig();
  const database = await openAndPrepareDatabase(config);
  try {
    const started = performance.now();
    await seedSyntheticSubscribers(database.db, {
      count,
      currency: config.currency,
      timeZone: config.billingTimeZone,
      now: new Date(),
      onProgress: (done) =>
        process.stdout.write(`\r${done.toLocaleString('en')} / ${count.toLocaleString('en')} subscribers`),
    });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `\nAdded ${count.toLocaleString('en')} subscribers to ${database.location} in ${seconds.toFixed(1)} s\n`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
