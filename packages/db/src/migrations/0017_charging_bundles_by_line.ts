import { type Kysely, sql } from 'kysely';
import { createLockAndRead } from './0016_charging_plain_json';
import { engineOf } from './helpers';

/**
 * PostgreSQL: lock-and-read finds the bundles by the ids of the lines its first statement locked,
 * instead of looking every number up again in `lines_msisdn_key`. That second look-up was one text
 * index descent per event, a tenth of the function's time for 100 events (`pgbench -c 1` replaying
 * the real call, PERFORMANCE.md). It also ties the bundles to exactly the lines returned as locked: a
 * number moved to another line between the two statements can no longer leave the locked line rated
 * without its bundles (they came back under the other line's id). The bundles are still read by a statement of their own, after the lock, so
 * they come from a snapshot taken after any wait for it (migration 0013).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`
    create or replace function kabinet_charge_lock_and_read(request json) returns json
    language plpgsql volatile set plan_cache_mode = force_generic_plan as $$
    declare
      numbers text[] := array(select json_array_elements_text(request -> 'msisdns'));
      ids text[] := array(select json_array_elements_text(request -> 'eventIds'));
      earliest timestamptz := (request ->> 'earliest')::timestamptz;
      latest timestamptz := (request ->> 'latest')::timestamptz;
      line_ids bigint[];
      locked json;
      usable json;
      stored json;
    begin
      select coalesce(json_agg(json_build_array(x.line_id, x.msisdn, x.status, x.tariff_id,
          x.account_id, x.balance, x.credit_limit, x.effects) order by x.account_id), '[]'),
          array_agg(x.line_id)
        into locked, line_ids
        from (select l.id as line_id, l.msisdn, l.status, l.tariff_id, a.id as account_id, a.balance,
                a.credit_limit,
                (select string_agg(s.rating_effect, chr(30))
                   from line_services ls join services s on s.id = ls.service_id
                  where ls.line_id = l.id and ls.status = 'active' and s.rating_effect is not null)
                  as effects
              from lines l join accounts a on a.id = l.account_id
              where l.msisdn = any(numbers)
              order by a.id
              for update of a) as x;
      select coalesce(json_agg(json_build_array(b.line_id, b.id, b.unit, b.scope, b.remaining,
          to_char(b.valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          to_char(b.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), z.code)), '[]')
        into usable
        from bundles b left join roaming_zones z on z.id = b.roaming_zone_id
        where b.line_id = any(line_ids)
          and b.remaining > 0 and b.expires_at > earliest and b.valid_from <= latest;
      select coalesce(json_agg(json_build_array(u.event_id, u.result)), '[]')
        into stored
        from usage_events u
        where u.event_id = any(ids);
      return json_build_array(locked, usable, stored);
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`drop function kabinet_charge_lock_and_read(json)`.execute(db);
  await createLockAndRead.execute(db);
}
