import type {
  BundleScope,
  BundleUnit,
  ChargingRead,
  ChargingStore,
  DestinationClass,
  LockedForCharging,
  RatedUsage,
  RatingBundle,
  RatingCatalog,
  RatingEffects,
  RatingTariff,
  UnitPrice,
  UsageResult,
} from '@kabinet/core';
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../connection';
import type { DB } from '../schema';
import { inTransaction, retryingTransaction } from './ledger-repository';

/** Joins the JSON rating effects of one line's options; a control character never found in JSON text. */
const EFFECT_SEPARATOR = '\u001e';

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
  // One connection, one query after another: this runs in the background every few seconds, and five
  // at once made the pool open connections for it beside the charging ones (measured: a tail of
  // 50 ms at every reload while PostgreSQL started backends for them).
  const { tariffs, prices, zones, prefixes, countries } = await db.connection().execute(async (c) => ({
    tariffs: await c.selectFrom('tariffs').selectAll().execute(),
    prices: await c.selectFrom('tariff_prices').selectAll().execute(),
    zones: await c.selectFrom('roaming_zones').select(['id', 'code']).execute(),
    prefixes: await c.selectFrom('number_prefixes').selectAll().execute(),
    countries: await c.selectFrom('roaming_countries').selectAll().execute(),
  }));
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

/** A locked line with its account, as both engines read it. */
interface LockedLineRow {
  line_id: number;
  msisdn: string;
  status: string;
  tariff_id: number;
  account_id: number;
  balance: number;
  credit_limit: number;
  /** The active options' rating effects, joined by EFFECT_SEPARATOR. */
  effects: string | null;
}

interface BundleRow {
  line_id: number;
  bundle_id: number;
  unit: string;
  scope: string;
  remaining: number;
  valid_from: string;
  expires_at: string;
  zone: string | null;
}

interface StoredResultRow {
  event_id: string;
  result: string;
}

function lockedState(
  lineRows: LockedLineRow[],
  bundleRows: BundleRow[],
  resultRows: StoredResultRow[],
): LockedForCharging {
  const lines: LockedForCharging['lines'] = new Map();
  for (const row of lineRows) {
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
  const bundles = new Map<number, RatingBundle[]>();
  for (const row of bundleRows) {
    const list = bundles.get(row.line_id) ?? [];
    list.push({
      id: row.bundle_id,
      unit: row.unit as BundleUnit,
      scope: row.scope as BundleScope,
      remaining: row.remaining,
      validFrom: row.valid_from,
      expiresAt: row.expires_at,
      roamingZone: row.zone,
    });
    bundles.set(row.line_id, list);
  }
  const results = new Map<string, UsageResult>();
  for (const row of resultRows) results.set(row.event_id, JSON.parse(row.result) as UsageResult);
  return { lines, bundles, results };
}

/** What `kabinet_charge_lock_and_read` returns: rows as arrays, in the order of the SELECT lists. */
type LockedJson = [
  [number, string, string, number, number, number, number, string | null][],
  [number, number, string, string, number, string, string, string | null][],
  [string, string][],
];

function lockedFromJson([lines, bundles, results]: LockedJson): LockedForCharging {
  return lockedState(
    lines.map(([line_id, msisdn, status, tariff_id, account_id, balance, credit_limit, effects]) => ({
      line_id,
      msisdn,
      status,
      tariff_id,
      account_id,
      balance,
      credit_limit,
      effects,
    })),
    bundles.map(([line_id, bundle_id, unit, scope, remaining, valid_from, expires_at, zone]) => ({
      line_id,
      bundle_id,
      unit,
      scope,
      remaining,
      valid_from,
      expires_at,
      zone,
    })),
    results.map(([event_id, result]) => ({ event_id, result })),
  );
}

/** A balance or a bundle's remainder: how much the batch takes and where it must end. */
interface Movement {
  id: number;
  delta: number;
  after: number;
}

/** A usage event row with its result still an object: each engine stores it as JSON text its own way. */
type UsageEventRow = Omit<Insertable<DB['usage_events']>, 'result'> & { result: UsageResult };

/** Everything one batch writes, the same on both engines. */
interface ChargingWrites {
  events: UsageEventRow[];
  ledger: Insertable<DB['ledger_entries']>[];
  accounts: Movement[];
  bundles: Movement[];
}

function writesOf(rated: RatedUsage[], receivedAt: string): ChargingWrites {
  const events = rated.map(
    (r): UsageEventRow => ({
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
      result: r.result,
      received_at: receivedAt,
    }),
  );

  const accounts = new Map<number, Movement>();
  const bundles = new Map<number, Movement>();
  const move = (movements: Map<number, Movement>, id: number, delta: number, after: number) => {
    const m = movements.get(id) ?? { id, delta: 0, after: 0 };
    m.delta += delta;
    m.after = after;
    movements.set(id, m);
  };
  const ledger: Insertable<DB['ledger_entries']>[] = [];
  for (const r of rated) {
    if (!r.line) continue;
    for (const m of r.bundleMoves) {
      move(bundles, m.bundleId, m.units, m.remainingAfter);
      ledger.push(ledgerRow(r, m.bundleId, 'usage_unit', -m.units, m.remainingAfter, receivedAt));
    }
    if (r.amount > 0 && r.balanceAfter !== null) {
      move(accounts, r.line.accountId, r.amount, r.balanceAfter);
      ledger.push(ledgerRow(r, null, 'money', -r.amount, r.balanceAfter, receivedAt));
    }
  }
  return { events, ledger, accounts: [...accounts.values()], bundles: [...bundles.values()] };
}

function ledgerRow(
  r: RatedUsage,
  bundleId: number | null,
  unit: 'money' | 'usage_unit',
  amount: number,
  after: number,
  at: string,
): Insertable<DB['ledger_entries']> {
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
  };
}

/**
 * A string as an SQL literal whatever `standard_conforming_strings` says: E'…' with backslashes and
 * quotes escaped. The driver's `escapeLiteral` builds its result a character at a time; on the charging
 * path that was 40 % of all the server's allocation (sampled), and young-generation pauses with it.
 */
export function textLiteral(text: string): string {
  // Charging JSON rarely holds either character; skipping the copies saves a tenth of the allocation.
  const escaped = /['\\]/.test(text) ? text.replaceAll('\\', '\\\\').replaceAll("'", "''") : text;
  return `E'${escaped}'`;
}

const jsonLiteral = (value: unknown) => `${textLiteral(JSON.stringify(value))}::json`;

/**
 * PostgreSQL: two round trips per batch, each one simple query — `BEGIN` with the function that locks
 * and reads (migrations 0013 and 0016), then the function that writes and checks with `COMMIT`. Round trips, not
 * statements, were the single-event path's cost: five per batch, each a wake-up of the server and
 * of a PostgreSQL backend on a busy machine. The simple query protocol takes no parameters, so each
 * call carries its JSON documents as quoted literals.
 */
function postgresChargingStore(pool: pg.Pool): ChargingStore {
  return {
    chargeLocked: (read, rate, receivedAt) =>
      retryingTransaction(
        async () => {
          const client = await pool.connect();
          let broken: Error | undefined;
          try {
            const replies = (await client.query(
              `begin; select kabinet_charge_lock_and_read(${jsonLiteral(read)}) as read`,
            )) as unknown as pg.QueryResult<{ read: LockedJson }>[];
            const rated = rate(lockedFromJson(replies[1]!.rows[0]!.read));
            let save = '';
            if (rated.length > 0) {
              const { events, ledger, accounts, bundles } = writesOf(rated, receivedAt);
              save = `select kabinet_charge_save(${jsonLiteral(events)}, ${jsonLiteral(ledger)}, ${jsonLiteral(accounts)}, ${jsonLiteral(bundles)}); `;
            }
            await client.query(`${save}commit`);
          } catch (error) {
            // After a failed statement the transaction is aborted (or was never begun): roll it back so
            // the connection goes back to the pool clean; a connection that cannot is dropped.
            await client.query('rollback').catch((e: Error) => {
              broken = e;
            });
            throw error;
          } finally {
            client.release(broken);
          }
        },
        { alsoRetryUniqueViolation: true },
      ),
  };
}

const SQLITE_IDS_PER_STATEMENT = 500;
/** Multi-row VALUES: 400 rows of 18 columns stay far below SQLite's limit on bound parameters. */
const SQLITE_ROWS_PER_INSERT = 400;

/**
 * SQLite: the same steps as separate statements in one transaction. It has a single writer, so the
 * transaction itself is the lock, and it runs in-process, so statements cost no round trips.
 */
function sqliteChargingStore(db: Kysely<DB>): ChargingStore {
  return {
    chargeLocked: (read, rate, receivedAt) =>
      inTransaction(
        db,
        async (trx) => {
          const { lines, bundles, results } = await readForCharging(trx, read);
          const rated = rate(lockedState(lines, bundles, results));
          if (rated.length > 0) await writeCharging(trx, writesOf(rated, receivedAt));
        },
        { alsoRetryUniqueViolation: true },
      ),
  };
}

async function readForCharging(
  trx: Transaction<DB>,
  read: ChargingRead,
): Promise<{ lines: LockedLineRow[]; bundles: BundleRow[]; results: StoredResultRow[] }> {
  const lines: LockedLineRow[] = [];
  for (const numbers of chunks(read.msisdns, SQLITE_IDS_PER_STATEMENT)) {
    const rows = await trx
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
        sql<string | null>`(select group_concat(s.rating_effect, ${EFFECT_SEPARATOR})
          from line_services ls join services s on s.id = ls.service_id
          where ls.line_id = lines.id and ls.status = 'active' and s.rating_effect is not null)`.as(
          'effects',
        ),
      ])
      .where('lines.msisdn', 'in', numbers)
      .execute();
    lines.push(...rows);
  }
  const bundles: BundleRow[] = [];
  for (const ids of chunks(
    lines.map((l) => l.line_id),
    SQLITE_IDS_PER_STATEMENT,
  )) {
    const rows = await trx
      .selectFrom('bundles as b')
      .leftJoin('roaming_zones as z', 'z.id', 'b.roaming_zone_id')
      .select([
        'b.line_id',
        'b.id as bundle_id',
        'b.unit',
        'b.scope',
        'b.remaining',
        'b.valid_from',
        'b.expires_at',
        'z.code as zone',
      ])
      .where('b.line_id', 'in', ids)
      .where('b.remaining', '>', 0)
      .where('b.expires_at', '>', read.earliest)
      .where('b.valid_from', '<=', read.latest)
      .execute();
    bundles.push(...rows);
  }
  const results: StoredResultRow[] = [];
  for (const ids of chunks(read.eventIds, SQLITE_IDS_PER_STATEMENT)) {
    results.push(
      ...(await trx
        .selectFrom('usage_events')
        .select(['event_id', 'result'])
        .where('event_id', 'in', ids)
        .execute()),
    );
  }
  return { lines, bundles, results };
}

async function writeCharging(trx: Transaction<DB>, writes: ChargingWrites): Promise<void> {
  const events = writes.events.map((e) => ({ ...e, result: JSON.stringify(e.result) }));
  for (const part of chunks(events, SQLITE_ROWS_PER_INSERT)) {
    await trx.insertInto('usage_events').values(part).execute();
  }
  await applyMovements(trx, 'accounts', 'balance', writes.accounts);
  await applyMovements(trx, 'bundles', 'remaining', writes.bundles);
  for (const part of chunks(writes.ledger, SQLITE_ROWS_PER_INSERT)) {
    await trx.insertInto('ledger_entries').values(part).execute();
  }
}

/**
 * One UPDATE … CASE per chunk. The expected values were computed inside this transaction; a row that
 * does not end at its value means something else moved it, and the whole batch rolls back.
 */
async function applyMovements(
  trx: Transaction<DB>,
  table: 'accounts' | 'bundles',
  column: 'balance' | 'remaining',
  movements: Movement[],
): Promise<void> {
  for (const part of chunks(movements, SQLITE_IDS_PER_STATEMENT)) {
    const cases = sql.join(
      part.map((m) => sql`when ${m.id} then ${m.delta}`),
      sql` `,
    );
    const result = await sql<{ id: number; value: number }>`
      update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)} - (case id ${cases} end)
      where id in (${sql.join(part.map((m) => m.id))})
      returning id, ${sql.ref(column)} as value`.execute(trx);
    const after = new Map(result.rows.map((row) => [row.id, row.value]));
    for (const m of part) {
      if (after.get(m.id) !== m.after) throw new Error(`charging: ${table} ${m.id} moved under the lock`);
    }
  }
}

/** The charging store for this database: PostgreSQL through its functions, SQLite through statements. */
export function chargingStore(database: Database): ChargingStore {
  return database.engine === 'postgres' && database.pool
    ? postgresChargingStore(database.pool)
    : sqliteChargingStore(database.db);
}
