import { type Kysely, sql } from 'kysely';
import * as functions from './0013_charging_functions';
import * as generic from './0014_charging_generic_plans';
import { engineOf } from './helpers';

/**
 * PostgreSQL: the charging functions take and give `json`, not `jsonb`. Each document is read once and
 * thrown away, so jsonb's binary form (keys sorted, numbers as numeric, then cast back) was pure cost:
 * `jsonb_in` was 11 % of PostgreSQL's CPU and building the jsonb answer 7 % in batches of 100. `json`
 * keeps the text and only checks it. The writes arrive as four documents, one per table, because
 * `json -> 'key'` re-reads the whole text each time. With `pgbench -c 1` replaying the functions' real
 * calls, three interleaved rounds: a 12-event transaction 2.8–3.0 → 2.4–2.6 ms, a 100-event one
 * 19.3–20.8 → 14.8–15.4 ms (PERFORMANCE.md). A stored result is now the text the server sent, keys in
 * its order; both read back as the same object.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`drop function kabinet_charge_lock_and_read(jsonb)`.execute(db);
  await sql`drop function kabinet_charge_save(jsonb)`.execute(db);

  // Same statements as migration 0013; see there for the lock order and the fresh snapshot per statement.
  await createLockAndRead.execute(db);

  await sql`
    create function kabinet_charge_save(events json, ledger json, accounts json, bundles json) returns void
    language plpgsql volatile set plan_cache_mode = force_generic_plan as $$
    declare
      expected integer := json_array_length(accounts) + json_array_length(bundles);
      matched integer;
    begin
      insert into usage_events (event_id, msisdn, line_id, account_id, type, started_at, quantity,
          rated_units, other_party, destination_class, roaming_country, rating_group, status, reason,
          amount, bundle_units, result, received_at)
        select e.event_id, e.msisdn, e.line_id, e.account_id, e.type, e.started_at, e.quantity,
          e.rated_units, e.other_party, e.destination_class, e.roaming_country, e.rating_group,
          e.status, e.reason, e.amount, e.bundle_units, e.result::text, e.received_at
        from json_to_recordset(events) as e(event_id text, msisdn text, line_id bigint,
          account_id bigint, type text, started_at timestamptz, quantity bigint, rated_units bigint,
          other_party text, destination_class text, roaming_country text, rating_group bigint,
          status text, reason text, amount bigint, bundle_units bigint, result json,
          received_at timestamptz);
      insert into ledger_entries (account_id, line_id, bundle_id, kind, unit, amount, balance_after,
          reference_type, reference_id, created_at)
        select x.account_id, x.line_id, x.bundle_id, x.kind, x.unit, x.amount, x.balance_after,
          x.reference_type, x.reference_id, x.created_at
        from json_to_recordset(ledger) as x(account_id bigint, line_id bigint,
          bundle_id bigint, kind text, unit text, amount bigint, balance_after bigint,
          reference_type text, reference_id text, created_at timestamptz);
      with a as (
          update accounts as t set balance = t.balance - v.delta
          from json_to_recordset(accounts) as v(id bigint, delta bigint, after bigint)
          where t.id = v.id
          returning t.balance = v.after as ok),
        b as (
          update bundles as t set remaining = t.remaining - v.delta
          from json_to_recordset(bundles) as v(id bigint, delta bigint, after bigint)
          where t.id = v.id
          returning t.remaining = v.after as ok)
      select count(*) into matched from (select ok from a union all select ok from b) as m where ok;
      if matched <> expected then
        raise exception 'charging: a balance or bundle moved under the lock (% of % as expected)',
          matched, expected;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`drop function kabinet_charge_lock_and_read(json)`.execute(db);
  await sql`drop function kabinet_charge_save(json, json, json, json)`.execute(db);
  await functions.up(db);
  await generic.up(db);
}

/** Kept as a value so that migration 0017's `down` puts this version back without a copy. */
export const createLockAndRead = sql`
    create function kabinet_charge_lock_and_read(request json) returns json
    language plpgsql volatile set plan_cache_mode = force_generic_plan as $$
    declare
      numbers text[] := array(select json_array_elements_text(request -> 'msisdns'));
      ids text[] := array(select json_array_elements_text(request -> 'eventIds'));
      earliest timestamptz := (request ->> 'earliest')::timestamptz;
      latest timestamptz := (request ->> 'latest')::timestamptz;
      locked json;
      usable json;
      stored json;
    begin
      select coalesce(json_agg(json_build_array(x.line_id, x.msisdn, x.status, x.tariff_id,
          x.account_id, x.balance, x.credit_limit, x.effects) order by x.account_id), '[]')
        into locked
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
        where b.line_id in (select l.id from lines l where l.msisdn = any(numbers))
          and b.remaining > 0 and b.expires_at > earliest and b.valid_from <= latest;
      select coalesce(json_agg(json_build_array(u.event_id, u.result)), '[]')
        into stored
        from usage_events u
        where u.event_id = any(ids);
      return json_build_array(locked, usable, stored);
    end $$`;
