import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_charging';
import * as m0003 from './migrations/0003_fees_orders';
import * as m0004 from './migrations/0004_details';
import * as m0005 from './migrations/0005_charging_write_path';
import * as m0006 from './migrations/0006_rating_group_unsigned32';
import * as m0007 from './migrations/0007_auth';
import * as m0008 from './migrations/0008_payments';
import * as m0009 from './migrations/0009_credit';
import * as m0010 from './migrations/0010_self_care';
import * as m0011 from './migrations/0011_bill_card_payments';
import * as m0012 from './migrations/0012_details_mail';
import * as m0013 from './migrations/0013_charging_functions';
import * as m0014 from './migrations/0014_charging_generic_plans';
import * as m0015 from './migrations/0015_charging_row_references';
import * as m0016 from './migrations/0016_charging_plain_json';
import * as m0017 from './migrations/0017_charging_bundles_by_line';

/** Every migration, in order. Listed explicitly so bundling and tsx need no directory scans. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_charging': m0002,
  '0003_fees_orders': m0003,
  '0004_details': m0004,
  '0005_charging_write_path': m0005,
  '0006_rating_group_unsigned32': m0006,
  '0007_auth': m0007,
  '0010_self_care': m0010,
  '0008_payments': m0008,
  '0009_credit': m0009,
  '0011_bill_card_payments': m0011,
  '0012_details_mail': m0012,
  '0013_charging_functions': m0013,
  '0014_charging_generic_plans': m0014,
  '0015_charging_row_references': m0015,
  '0016_charging_plain_json': m0016,
  '0017_charging_bundles_by_line': m0017,
};

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
type AnyDb = Kysely<any>;

function migrator(db: AnyDb): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    override readonly cause: unknown,
  ) {
    super(
      `migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** Brings the schema to the latest version; safe to run from several nodes at once (Kysely takes a lock). */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  const { error, results }: MigrationResultSet = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations that this code knows and the database has not applied yet. */
export async function pendingMigrations(db: AnyDb): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
