import type {
  BundleScope,
  BundleUnit,
  ChargingStore,
  ChargingTransaction,
  DestinationClass,
  LineForCharging,
  RatedUsage,
  RatingBundle,
  RatingCatalog,
  RatingEffects,
  RatingTariff,
  UnitPrice,
  UsageResult,
} from '@kabinet/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { PREPARED_STATEMENT } from '../connection';
import { engineOf } from '../migrations/helpers';
import type { DB } from '../schema';
import { bulkInsert, inValues, type PgColumnType, unnestInsert } from './bulk-insert';
import { inTransaction } from './ledger-repository';

/** Joins the JSON rating effects of one line's options; a control character never found in JSON text. */
const EFFECT_SEPARATOR = '\u001e';

const USAGE_EVENT_COLUMNS: Record<string, PgColumnType> = {
  event_id: 'text',
  msisdn: 'text',
  line_id: 'bigint',
  account_id: 'bigint',
  type: 'text',
  started_at: 'timestamptz',
  quantity: 'bigint',
  rated_units: 'bigint',
  other_party: 'text',
  destination_class: 'text',
  roaming_country: 'text',
  rating_group: 'bigint',
  status: 'text',
  reason: 'text',
  amount: 'bigint',
  bundle_units: 'bigint',
  result: 'text',
  received_at: 'timestamptz',
};

const LEDGER_COLUMNS: Record<string, PgColumnType> = {
  account_id: 'bigint',
  line_id: 'bigint',
  bundle_id: 'bigint',
  kind: 'text',
  unit: 'text',
  amount: 'bigint',
  balance_after: 'bigint',
  reference_type: 'text',
  reference_id: 'text',
  created_at: 'timestamptz',
};

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Reads how connected options change rating from their `rating_effect` JSON. */
export function effectsOf(ratingEffects: (string | null)[]): RatingEffects {
  let unlimitedOnNetVoice = false;
  const zeroRated = new Set<number>();
  const discounts: RatingEffects['discounts'][number][] = [];
  for (const raw of ratingEffects) {
    if (!raw) continue;
    const effect = JSON.parse(raw) as {
      unlimitedVoice?: string;
      zeroRatedRatingGroups?: number[];
      discountPercent?: {
        usageType: UnitPrice['usageType'];
        destinationClass: DestinationClass;
        percent: number;
      };
    };
    if (effect.unlimitedVoice === 'on_net') unlimitedOnNetVoice = true;
    for (const group of effect.zeroRatedRatingGroups ?? []) zeroRated.add(group);
    if (effect.discountPercent) discounts.push(effect.discountPercent);
  }
  return { unlimitedOnNetVoice, zeroRatedRatingGroups: zeroRated, discounts };
}

/** Tariffs, prices and the number plan, as the rating engine wants them. Cached by the caller. */
export async function loadRatingCatalog(db: Kysely<DB>, homeCountry: string): Promise<RatingCatalog> {
  const [tariffs, prices, zones, prefixes, countries] = await Promise.all([
    db.selectFrom('tariffs').selectAll().execute(),
    db.selectFrom('tariff_prices').selectAll().execute(),
    db.selectFrom('roaming_zones').select(['id', 'code']).execute(),
    db.selectFrom('number_prefixes').selectAll().execute(),
    db.selectFrom('roaming_countries').selectAll().execute(),
  ]);
  const zoneCode = new Map(zones.map((z) => [z.id, z.code]));
  const byId = new Map<number, RatingTariff>();
  for (const t of tariffs) {
    byId.set(t.id, {
      voiceCharging: t.voice_charging as RatingTariff['voiceCharging'],
      voiceFreeSeconds: t.voice_free_seconds,
      dataRoundingBytes: t.data_rounding_bytes,
      moneyRounding: t.money_rounding as RatingTariff['moneyRounding'],
      prices: prices
        .filter((p) => p.tariff_id === t.id)
        .map((p) => ({
          usageType: p.usage_type as UnitPrice['usageType'],
          destinationClass: p.destination_class as DestinationClass,
          roamingZone: p.roaming_zone_id === null ? null : (zoneCode.get(p.roaming_zone_id) ?? null),
          internationalZone: p.international_zone,
          priceMicros: p.price_micros,
          per: p.per as UnitPrice['per'],
        })),
    });
  }
  return {
    tariff: (id) => byId.get(id),
    plan: {
      prefixes: new Map(
        prefixes.map((p) => [
          p.prefix,
          {
            destinationClass: p.destination_class as DestinationClass,
            internationalZone: p.international_zone,
          },
        ]),
      ),
      roamingZones: new Map(countries.map((c) => [c.country, zoneCode.get(c.zone_id)!])),
      homeCountry,
    },
  };
}

class SqlChargingTransaction implements ChargingTransaction {
  constructor(
    private readonly trx: Transaction<DB>,
    private readonly postgres: boolean,
  ) {}

  async lockLines(msisdns: string[]): Promise<Map<string, LineForCharging>> {
    const lines = new Map<string, LineForCharging>();
    for (const numbers of chunks(msisdns, 1000)) {
      let query = this.trx
        .selectFrom('lines')
        .innerJoin('accounts', 'accounts.id', 'lines.account_id')
        .select([
          'lines.id as line_id',
          'lines.msisdn',
          'lines.status',
          'lines.tariff_id',
          'accounts.id as account_id',
          'accounts.balance',
          'accounts.credit_limit',
          // The options' rating effects ride along, to save a round trip per batch.
          sql<
            string | null
          >`(select ${this.postgres ? sql`string_agg` : sql`group_concat`}(s.rating_effect, ${EFFECT_SEPARATOR})
            from line_services ls join services s on s.id = ls.service_id
            where ls.line_id = lines.id and ls.status = 'active' and s.rating_effect is not null)`.as(
            'effects',
          ),
        ])
        .where(inValues(this.postgres, 'lines.msisdn', numbers, 'text'))
        // Fixed order: concurrent batches lock shared accounts in the same sequence and cannot deadlock.
        .orderBy('accounts.id');
      if (this.postgres) query = query.forUpdate('accounts').modifyEnd(sql.raw(PREPARED_STATEMENT));
      for (const row of await query.execute()) {
        lines.set(row.msisdn, {
          lineId: row.line_id,
          accountId: row.account_id,
          status: row.status,
          tariffId: row.tariff_id,
          balance: row.balance,
          creditLimit: row.credit_limit,
          effects: effectsOf(row.effects ? row.effects.split(EFFECT_SEPARATOR) : []),
        });
      }
    }
    return lines;
  }

  /**
   * One statement after lockLines: stored results of these event ids and the lines' usable bundles,
   * as one UNION ALL. It must be a statement of its own, after the lock: under READ COMMITTED it takes
   * a fresh snapshot, so it sees what a batch that held the same account lock just committed. Joined
   * into the locking statement, the bundles would come from that statement's older snapshot
   * (PostgreSQL re-reads only the locked rows) and a busy line's units would be counted twice —
   * measured: the RETURNING check caught it and rolled such batches back.
   */
  async readAfterLock(
    eventIds: string[],
    lineIds: number[],
    earliest: string,
    latest: string,
  ): Promise<{ results: Map<string, UsageResult>; bundles: Map<number, RatingBundle[]> }> {
    const results = new Map<string, UsageResult>();
    const bundles = new Map<number, RatingBundle[]>();
    const lineChunks = chunks(lineIds, 1000);
    const eventChunks = chunks(eventIds, 1000);
    for (let i = 0; i < Math.max(lineChunks.length, eventChunks.length); i++) {
      const ids = lineChunks[i] ?? [];
      const events = eventChunks[i] ?? [];
      const none = sql<boolean>`1 = 0`;
      const rows = await sql<{
        src: 'b' | 'r';
        id: number | null;
        line_id: number | null;
        unit: string | null;
        scope: string | null;
        remaining: number | null;
        valid_from: string | null;
        expires_at: string | null;
        zone: string | null;
        event_id: string | null;
        result: string | null;
      }>`${sql.raw(PREPARED_STATEMENT)}
        select 'b' as src, b.id, b.line_id, b.unit, b.scope, b.remaining, b.valid_from, b.expires_at,
               z.code as zone, null as event_id, null as result
        from bundles b left join roaming_zones z on z.id = b.roaming_zone_id
        where ${ids.length > 0 ? inValues(this.postgres, 'b.line_id', ids, 'bigint') : none}
          and b.remaining > 0 and b.expires_at > ${earliest} and b.valid_from <= ${latest}
        union all
        select 'r', null, null, null, null, null, null, null, null, u.event_id, u.result
        from usage_events u
        where ${events.length > 0 ? inValues(this.postgres, 'u.event_id', events, 'text') : none}`.execute(
        this.trx,
      );
      for (const row of rows.rows) {
        if (row.src === 'r') {
          results.set(row.event_id!, JSON.parse(row.result!) as UsageResult);
          continue;
        }
        const list = bundles.get(Number(row.line_id)) ?? [];
        list.push({
          id: Number(row.id),
          unit: row.unit as BundleUnit,
          scope: row.scope as BundleScope,
          remaining: Number(row.remaining),
          validFrom: row.valid_from!,
          expiresAt: row.expires_at!,
          roamingZone: row.zone,
        });
        bundles.set(Number(row.line_id), list);
      }
    }
    return { results, bundles };
  }

  async save(rated: RatedUsage[], receivedAt: string): Promise<void> {
    const events = rated.map((r) => ({
      event_id: r.event.id,
      msisdn: r.event.msisdn,
      line_id: r.line?.lineId ?? null,
      account_id: r.line?.accountId ?? null,
      type: r.event.type,
      started_at: r.event.startedAt,
      quantity: r.event.quantity,
      rated_units: r.ratedUnits,
      other_party: r.event.otherParty,
      destination_class: r.destinationClass,
      roaming_country: r.event.roamingCountry,
      rating_group: r.event.ratingGroup,
      status: r.result.status,
      reason: r.result.reason ?? null,
      amount: r.amount,
      bundle_units: r.bundleUnits,
      result: JSON.stringify(r.result),
      received_at: receivedAt,
    }));

    const balances = new Map<number, { delta: number; after: number }>();
    const remaining = new Map<number, { delta: number; after: number }>();
    const ledger: DB['ledger_entries'][] = [];
    for (const r of rated) {
      if (!r.line) continue;
      for (const move of r.bundleMoves) {
        const entry = remaining.get(move.bundleId) ?? { delta: 0, after: 0 };
        entry.delta += move.units;
        entry.after = move.remainingAfter;
        remaining.set(move.bundleId, entry);
        ledger.push(
          this.ledgerRow(r, move.bundleId, 'usage_unit', -move.units, move.remainingAfter, receivedAt),
        );
      }
      if (r.amount > 0 && r.balanceAfter !== null) {
        const entry = balances.get(r.line.accountId) ?? { delta: 0, after: 0 };
        entry.delta += r.amount;
        entry.after = r.balanceAfter;
        balances.set(r.line.accountId, entry);
        ledger.push(this.ledgerRow(r, null, 'money', -r.amount, r.balanceAfter, receivedAt));
      }
    }
    const ledgerRows = ledger as unknown as Record<string, unknown>[];

    // The expected balances and remainders were computed under the account locks; a row that does
    // not come back with them means something else moved it, and the whole batch rolls back.
    let moved: { tbl: string; id: number; value: number }[];
    if (this.postgres) {
      // One round trip for all four writes: data-modifying CTEs run as one statement.
      const deltas = (m: Map<number, { delta: number }>) => ({
        ids: [...m.keys()],
        amounts: [...m.values()].map((v) => v.delta),
      });
      const a = deltas(balances);
      const b = deltas(remaining);
      const result = await sql<{ tbl: string; id: number; value: number }>`${sql.raw(PREPARED_STATEMENT)}
        with ue as (${unnestInsert('usage_events', USAGE_EVENT_COLUMNS, events)}),
          le as (${ledgerRows.length > 0 ? unnestInsert('ledger_entries', LEDGER_COLUMNS, ledgerRows) : sql`select 1`}),
          a as (update accounts as t set balance = t.balance - v.delta
                from unnest(${a.ids}::bigint[], ${a.amounts}::bigint[]) as v(id, delta)
                where t.id = v.id returning t.id, t.balance as value),
          b as (update bundles as t set remaining = t.remaining - v.delta
                from unnest(${b.ids}::bigint[], ${b.amounts}::bigint[]) as v(id, delta)
                where t.id = v.id returning t.id, t.remaining as value)
        select 'accounts' as tbl, id, value from a union all select 'bundles', id, value from b`.execute(
        this.trx,
      );
      moved = result.rows;
    } else {
      await bulkInsert(this.trx, 'usage_events', USAGE_EVENT_COLUMNS, events);
      moved = [
        ...(await this.applyDeltas('accounts', 'balance', balances)),
        ...(await this.applyDeltas('bundles', 'remaining', remaining)),
      ];
      await bulkInsert(this.trx, 'ledger_entries', LEDGER_COLUMNS, ledgerRows);
    }
    const expected = { accounts: balances, bundles: remaining } as const;
    if (moved.length !== balances.size + remaining.size)
      throw new Error('charging: rows vanished under the lock');
    for (const row of moved) {
      const want = expected[row.tbl as keyof typeof expected].get(Number(row.id));
      if (!want || Number(row.value) !== want.after)
        throw new Error(`charging: ${row.tbl} ${row.id} moved under the lock`);
    }
  }

  private ledgerRow(
    r: RatedUsage,
    bundleId: number | null,
    unit: 'money' | 'usage_unit',
    amount: number,
    after: number,
    at: string,
  ): DB['ledger_entries'] {
    const unitName =
      unit === 'money'
        ? 'money'
        : r.event.type === 'voice'
          ? 'voice_seconds'
          : r.event.type === 'data'
            ? 'data_bytes'
            : 'sms';
    return {
      account_id: r.line!.accountId,
      line_id: r.line!.lineId,
      bundle_id: bundleId,
      kind: 'usage',
      unit: unitName,
      amount,
      balance_after: after,
      reference_type: 'usage_event',
      reference_id: r.event.id,
      created_at: at,
    } as DB['ledger_entries'];
  }

  /** SQLite: one UPDATE … CASE per table; returns the new values to check. */
  private async applyDeltas(
    table: 'accounts' | 'bundles',
    column: 'balance' | 'remaining',
    deltas: Map<number, { delta: number; after: number }>,
  ): Promise<{ tbl: string; id: number; value: number }[]> {
    const moved: { tbl: string; id: number; value: number }[] = [];
    for (const ids of chunks([...deltas.keys()], 500)) {
      const cases = sql.join(
        ids.map((id) => sql`when ${id} then ${deltas.get(id)!.delta}`),
        sql` `,
      );
      const result = await sql<{ id: number; value: number }>`
        update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)} - (case id ${cases} end)
        where id in (${sql.join(ids)})
        returning id, ${sql.ref(column)} as value`.execute(this.trx);
      for (const row of result.rows) moved.push({ tbl: table, id: row.id, value: row.value });
    }
    return moved;
  }
}

/** The charging store on either engine; each batch is one transaction, retried on deadlock/busy. */
export function sqlChargingStore(db: Kysely<DB>): ChargingStore {
  const postgres = engineOf(db) === 'postgres';
  return {
    transaction: (work) =>
      inTransaction(db, (trx) => work(new SqlChargingTransaction(trx, postgres)), {
        alsoRetryUniqueViolation: true,
      }),
  };
}
