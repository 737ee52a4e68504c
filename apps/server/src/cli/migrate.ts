// npm run migrate: applies every pending migration to the configured database and exits.
import { migrateToLatest, openDatabase } from '@kabinet/db';
import { ConfigError, readConfig } from '../config';

try {
  const config = readConfig();
  const database = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(database.db);
    process.stdout.write(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to ${database.location}: ${applied.join(', ')}\n`
        : `${database.location} is up to date\n`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(
    `migrate failed: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
