import { type Kysely, sql } from 'kysely';
import { engineOf } from './helpers';

/**
 * PostgreSQL: the charging transaction's two halves as functions, so a batch takes two round trips
 * (BEGIN + lock + read, then write + COMMIT, each sent as one simple query) instead of five. Each
 * statement of a VOLATILE function takes a fresh snapshot under READ COMMITTED, so the bundles and
 * stored results are read *after* the account lock is granted and include what the previous holder
 * committed. PL/pgSQL keeps its statements' plans per connection, like prepared statements, but
 * without protocol-level names, so it also works behind a transaction-pooling PgBouncer.
 * SQLite runs the same steps as separate statements (usage-repository.ts): it has one writer and
 * no network round trips.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;

  // One jsonb document of three arrays of arrays — locked lines, usable bundles, stored results — so
  // the driver parses one value instead of a row description and a row object per line and bundle.
  // Instants are formatted as JavaScript's toISOString() gives them.
  await sql`
    create function kabinet_charge_lock_and_read(request jsonb) returns jsonb
    language plpgsql volatile as $$
    declare
      numbers text[] := array(select jsonb_array_elements_text(request -> 'msisdns'));
      ids text[] := array(select jsonb_array_elements_text(request -> 'eventIds'));
      earliest timestamptz := (request ->> 'earliest')::timestamptz;
      latest timestamptz := (request ->> 'latest')::timestamptz;
      locked jsonb;
      usable jsonb;
      stored jsonb;
    begin
      -- Fixed order: concurrent batches lock shared accounts in the same sequence and cannot deadlock.
      select coalesce(jsonb_agg(jsonb_build_array(x.line_id, x.msisdn, x.status, x.tariff_id,
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
      -- A statement of its own, so a fresh snapshot: it sees what the lock's previous holder committed.
      select coalesce(jsonb_agg(jsonb_build_array(b.line_id, b.id, b.unit, b.scope, b.remaining,
          to_char(b.valid_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          to_char(b.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), z.code)), '[]')
        into usable
        from bundles b left join roaming_zones z on z.id = b.roaming_zone_id
        where b.line_id in (select l.id from lines l where l.msisdn = any(numbers))
          and b.remaining > 0 and b.expires_at > earliest and b.valid_from <= latest;
      select coalesce(jsonb_agg(jsonb_build_array(u.event_id, u.result)), '[]')
        into stored
        from usage_events u
        where u.event_id = any(ids);
      return jsonb_build_array(locked, usable, stored);
    end $$`.execute(db);

  // Each event's result arrives as a JSON object, not a string inside the JSON (no second escaping), and is
  // stored as jsonb's text of it: the same object, keys in jsonb's order.
  // The balances and remainders the batch expects were computed under the locks; if any row does not
  // end at its expected value, something moved it and the whole transaction fails.
  await sql`
    create function kabinet_charge_save(batch jsonb) returns void
    language plpgsql volatile as $$
    declare
      expected integer := jsonb_array_length(batch -> 'accounts') + jsonb_array_length(batch -> 'bundles');
      matched integer;
    begin
      insert into usage_events (event_id, msisdn, line_id, account_id, type, started_at, quantity,
          rated_units, other_party, destination_class, roaming_country, rating_group, status, reason,
          amount, bundle_units, result, received_at)
        select e.event_id, e.msisdn, e.line_id, e.account_id, e.type, e.started_at, e.quantity,
          e.rated_units, e.other_party, e.destination_class, e.roaming_country, e.rating_group,
          e.status, e.reason, e.amount, e.bundle_units, e.result::text, e.received_at
        from jsonb_to_recordset(batch -> 'events') as e(event_id text, msisdn text, line_id bigint,
          account_id bigint, type text, started_at timestamptz, quantity bigint, rated_units bigint,
          other_party text, destination_class text, roaming_country text, rating_group bigint,
          status text, reason text, amount bigint, bundle_units bigint, result jsonb,
          received_at timestamptz);
      insert into ledger_entries (account_id, line_id, bundle_id, kind, unit, amount, balance_after,
          reference_type, reference_id, created_at)
        select x.account_id, x.line_id, x.bundle_id, x.kind, x.unit, x.amount, x.balance_after,
          x.reference_type, x.reference_id, x.created_at
        from jsonb_to_recordset(batch -> 'ledger') as x(account_id bigint, line_id bigint,
          bundle_id bigint, kind text, unit text, amount bigint, balance_after bigint,
          reference_type text, reference_id text, created_at timestamptz);
      with a as (
          update accounts as t set balance = t.balance - v.delta
          from jsonb_to_recordset(batch -> 'accounts') as v(id bigint, delta bigint, after bigint)
          where t.id = v.id
          returning t.balance = v.after as ok),
        b as (
          update bundles as t set remaining = t.remaining - v.delta
          from jsonb_to_recordset(batch -> 'bundles') as v(id bigint, delta bigint, after bigint)
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
  await sql`drop function kabinet_charge_save(jsonb)`.execute(db);
  await sql`drop function kabinet_charge_lock_and_read(jsonb)`.execute(db);
}
