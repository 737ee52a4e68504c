import { type Database, migrateToLatest, openDatabase, seedDemoIfEmpty } from '@kabinet/db';
import { sql } from 'kysely';
import { type Config, ConfigError } from './config';

/**
 * Opens the database named by the configuration, proves it answers, applies migrations and makes sure
 * an operator exists (the demo one on an empty development database). Failures name the variable.
 */
export async function openAndPrepareDatabase(config: Config, now = new Date()): Promise<Database> {
  const database = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const variable = config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR';
  try {
    await sql`select 1`.execute(database.db);
  } catch (error) {
    await database.close().catch(() => {});
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(variable, `cannot reach the database at ${database.location} (${reason})`);
  }
  await migrateToLatest(database.db);

  if (config.demoData) {
    await seedDemoIfEmpty(database.db, {
      operatorName: config.operatorName,
      currency: config.currency,
      timeZone: config.billingTimeZone,
      now,
    });
  } else {
    await database.db
      .insertInto('operator_settings')
      .values({ id: 1, name: config.operatorName, currency: config.currency, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  const operator = await database.db
    .selectFrom('operator_settings')
    .select('currency')
    .executeTakeFirstOrThrow();
  if (operator.currency !== config.currency) {
    await database.close();
    throw new ConfigError(
      'CURRENCY',
      `is ${config.currency} but the database at ${database.location} keeps its money in ${operator.currency}`,
    );
  }
  return database;
}
