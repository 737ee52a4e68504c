import { type Kysely, sql } from 'kysely';
import { engineOf } from './helpers';

/**
 * PostgreSQL: the charging functions plan each statement once per connection. PL/pgSQL passes its
 * variables as parameters, and by default the plan cache re-plans such a statement for every call
 * while it judges a custom plan cheaper; here it did so for every batch. Planning the lock-and-read
 * statements took 0.4–0.5 ms a call against 0.1–0.2 ms to run them (perf: `standard_planner` 8 % of
 * PostgreSQL's CPU at 2,000 single events/s). Every parameter is a set of keys looked up through a
 * unique or leading index column, so one generic plan fits all batch sizes (PERFORMANCE.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`alter function kabinet_charge_lock_and_read(jsonb) set plan_cache_mode = force_generic_plan`.execute(
    db,
  );
  await sql`alter function kabinet_charge_save(jsonb) set plan_cache_mode = force_generic_plan`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`alter function kabinet_charge_lock_and_read(jsonb) reset plan_cache_mode`.execute(db);
  await sql`alter function kabinet_charge_save(jsonb) reset plan_cache_mode`.execute(db);
}
