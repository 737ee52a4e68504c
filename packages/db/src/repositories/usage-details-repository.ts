import type { LocalizedText } from '@kabinet/contracts';
import {
  compareDetailsKeys,
  type DetailItem,
  type DetailsKey,
  type DetailTotals,
  type DetailType,
  emptyTotals,
} from '@kabinet/core';
import { type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../schema';

/**
 * Itemized details of one line: its charged usage events, and the money its account was charged for
 * the line other than usage (fees, orders, pack purchases: ledger money rows with a negative amount
 * and a kind other than `usage`; a usage ledger row is the sum of events already listed one by one).
 * Both are read with keyset pagination on (time, source, id), newest first.
 */
export interface DetailsFilter {
  lineId: number;
  /** UTC instants: [start, end). */
  start: string;
  end: string;
  type?: DetailType | undefined;
}

const USAGE_UNIT: Record<string, DetailItem['unit']> = {
  voice: 'seconds',
  sms: 'messages',
  mms: 'messages',
  data: 'bytes',
};

type UsageQuery = SelectQueryBuilder<DB, 'usage_events', object>;
type LedgerQuery = SelectQueryBuilder<DB, 'ledger_entries', object>;

function usageBase(db: Kysely<DB>, f: DetailsFilter): UsageQuery | undefined {
  if (f.type === 'fee') return undefined;
  let q = db
    .selectFrom('usage_events')
    .where('line_id', '=', f.lineId)
    .where('status', '=', 'charged')
    .where('started_at', '>=', f.start)
    .where('started_at', '<', f.end);
  if (f.type) q = q.where('type', '=', f.type);
  return q;
}

function chargesBase(db: Kysely<DB>, f: DetailsFilter): LedgerQuery | undefined {
  if (f.type !== undefined && f.type !== 'fee') return undefined;
  return db
    .selectFrom('ledger_entries')
    .where('line_id', '=', f.lineId)
    .where('unit', '=', 'money')
    .where('amount', '<', 0)
    .where('kind', '<>', 'usage')
    .where('created_at', '>=', f.start)
    .where('created_at', '<', f.end);
}

/**
 * The condition for rows of one source that sort after `after`: with a constant source s, (at, s, id)
 * comes after the cursor (newest first) when at < cursor.at, or at = cursor.at and s ranks below the
 * cursor's source, or the same source with a smaller id.
 */
function afterCursor(
  timeColumn: 'started_at' | 'created_at',
  source: DetailsKey['source'],
  after: DetailsKey | undefined,
): RawBuilder<SqlBool> {
  if (!after) return sql<SqlBool>`1 = 1`;
  const column = sql.ref(timeColumn);
  const sourceFirst = compareDetailsKeys({ at: after.at, source, id: 0 }, { ...after, id: 0 }) < 0;
  if (sourceFirst) return sql<SqlBool>`${column} < ${after.at}`; // s ranks before: only older rows
  if (source !== after.source) return sql<SqlBool>`${column} <= ${after.at}`; // s ranks after: same instant too
  return sql<SqlBool>`(${column} < ${after.at} or (${column} = ${after.at} and id < ${after.id}))`;
}

interface UsageRow {
  id: number;
  type: string;
  started_at: string;
  quantity: number;
  rated_units: number;
  other_party: string | null;
  destination_class: string | null;
  roaming_country: string | null;
  amount: number;
  bundle_units: number;
}

interface ChargeRow {
  id: number;
  kind: string;
  amount: number;
  reference_type: string | null;
  reference_id: string | null;
  created_at: string;
}

const usageColumns = [
  'id',
  'type',
  'started_at',
  'quantity',
  'rated_units',
  'other_party',
  'destination_class',
  'roaming_country',
  'amount',
  'bundle_units',
] as const;
const chargeColumns = ['id', 'kind', 'amount', 'reference_type', 'reference_id', 'created_at'] as const;

function usageItem(r: UsageRow): DetailItem {
  return {
    id: `usage:${r.id}`,
    source: 'usage',
    type: r.type as DetailType,
    at: r.started_at,
    amount: r.amount,
    otherParty: r.other_party,
    destinationClass: r.destination_class,
    roamingCountry: r.roaming_country,
    quantity: r.quantity,
    unit: USAGE_UNIT[r.type] ?? null,
    ratedUnits: r.rated_units,
    bundleUnits: r.bundle_units,
    kind: null,
    reference: null,
    description: null,
  };
}

function chargeItem(r: ChargeRow, description: LocalizedText | null): DetailItem {
  return {
    id: `charge:${r.id}`,
    source: 'charge',
    type: 'fee',
    at: r.created_at,
    amount: -r.amount,
    otherParty: null,
    destinationClass: null,
    roamingCountry: null,
    quantity: null,
    unit: null,
    ratedUnits: null,
    bundleUnits: null,
    kind: r.kind,
    reference: r.reference_type ? { type: r.reference_type, id: r.reference_id } : null,
    description,
  };
}

export const keyOfItem = (item: DetailItem): DetailsKey => ({
  at: item.at,
  source: item.source,
  id: Number(item.id.slice(item.id.indexOf(':') + 1)),
});

/**
 * One page of details after `after` (exclusive), newest first, and whether more follow. Each source is
 * read with its own keyset query (limit + 1 rows), then the two are merged.
 */
export async function listDetailsPage(
  db: Kysely<DB>,
  filter: DetailsFilter,
  page: { after?: DetailsKey | undefined; limit: number },
): Promise<{ items: DetailItem[]; hasMore: boolean }> {
  const take = page.limit + 1;
  const usage = usageBase(db, filter);
  const charges = chargesBase(db, filter);
  const [usageRows, chargeRows] = await Promise.all([
    usage
      ? usage
          .where(afterCursor('started_at', 'usage', page.after))
          .select(usageColumns)
          .orderBy('started_at', 'desc')
          .orderBy('id', 'desc')
          .limit(take)
          .execute()
      : [],
    charges
      ? charges
          .where(afterCursor('created_at', 'charge', page.after))
          .select(chargeColumns)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(take)
          .execute()
      : [],
  ]);
  const merged = await toItems(db, usageRows, chargeRows);
  return { items: merged.slice(0, page.limit), hasMore: merged.length > page.limit };
}

/** Every row of the period and filter, newest first (for exports). */
export async function listAllDetails(db: Kysely<DB>, filter: DetailsFilter): Promise<DetailItem[]> {
  const usage = usageBase(db, filter);
  const charges = chargesBase(db, filter);
  const [usageRows, chargeRows] = await Promise.all([
    usage ? usage.select(usageColumns).orderBy('started_at', 'desc').orderBy('id', 'desc').execute() : [],
    charges
      ? charges.select(chargeColumns).orderBy('created_at', 'desc').orderBy('id', 'desc').execute()
      : [],
  ]);
  return toItems(db, usageRows, chargeRows);
}

async function toItems(
  db: Kysely<DB>,
  usageRows: UsageRow[],
  chargeRows: ChargeRow[],
): Promise<DetailItem[]> {
  const descriptions = await describeCharges(db, chargeRows);
  const items = [
    ...usageRows.map(usageItem),
    ...chargeRows.map((r) => chargeItem(r, descriptions.get(r.id) ?? null)),
  ];
  return items.sort((a, b) => compareDetailsKeys(keyOfItem(a), keyOfItem(b)));
}

const ORDER_SUBJECT: Record<string, 'tariffs' | 'services' | 'packs'> = {
  change_tariff: 'tariffs',
  connect_service: 'services',
  disconnect_service: 'services',
  cancel_subscription: 'services',
  buy_pack: 'packs',
};

/**
 * What each charge was for, when its reference says: an order (its tariff, service or pack), a fee
 * charge (the tariff or service of the fee), or a catalogue item referenced directly by id.
 */
async function describeCharges(db: Kysely<DB>, rows: ChargeRow[]): Promise<Map<number, LocalizedText>> {
  const result = new Map<number, LocalizedText>();
  const ids = (type: string) =>
    rows
      .filter((r) => r.reference_type === type && r.reference_id !== null && /^\d+$/.test(r.reference_id))
      .map((r) => Number(r.reference_id));
  const orderIds = ids('order');
  const feeIds = ids('fee_charge');
  if (
    orderIds.length + feeIds.length + ids('tariff').length + ids('service').length + ids('pack').length ===
    0
  ) {
    return result;
  }
  const [orders, fees] = await Promise.all([
    orderIds.length
      ? db.selectFrom('orders').select(['id', 'kind', 'subject_code']).where('id', 'in', orderIds).execute()
      : [],
    feeIds.length
      ? db
          .selectFrom('fee_charges')
          .select(['id', 'subject', 'subject_id'])
          .where('id', 'in', feeIds)
          .execute()
      : [],
  ]);
  // What to name, by table: ids and codes.
  const want = { tariffs: new Set<string>(), services: new Set<string>(), packs: new Set<string>() };
  const subjectOf = new Map<number, { table: keyof typeof want; key: string }>();
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const feeById = new Map(fees.map((f) => [f.id, f]));
  for (const r of rows) {
    const refId =
      r.reference_id !== null && /^\d+$/.test(r.reference_id) ? Number(r.reference_id) : undefined;
    if (refId === undefined) continue;
    let subject: { table: keyof typeof want; key: string } | undefined;
    if (r.reference_type === 'order') {
      const order = orderById.get(refId);
      const table = order ? ORDER_SUBJECT[order.kind] : undefined;
      if (order && table) subject = { table, key: `code:${order.subject_code}` };
    } else if (r.reference_type === 'fee_charge') {
      const fee = feeById.get(refId);
      const table = fee
        ? ({ tariff: 'tariffs', service: 'services' } as const)[fee.subject as 'tariff']
        : undefined;
      if (fee && table) subject = { table, key: `id:${fee.subject_id}` };
    } else if (
      r.reference_type === 'tariff' ||
      r.reference_type === 'service' ||
      r.reference_type === 'pack'
    ) {
      subject = { table: `${r.reference_type}s` as keyof typeof want, key: `id:${refId}` };
    }
    if (subject) {
      want[subject.table].add(subject.key);
      subjectOf.set(r.id, subject);
    }
  }
  const split = (keys: Set<string>) => ({
    ids: [...keys].filter((k) => k.startsWith('id:')).map((k) => Number(k.slice(3))),
    codes: [...keys].filter((k) => k.startsWith('code:')).map((k) => k.slice(5)),
  });
  const names = new Map<string, LocalizedText>();
  const t = split(want.tariffs);
  const s = split(want.services);
  const p = split(want.packs);
  const [tariffs, services, packs] = await Promise.all([
    t.ids.length + t.codes.length
      ? db
          .selectFrom('tariffs')
          .select(['id', 'code', 'name'])
          .where((eb) => eb.or([eb('id', 'in', [0, ...t.ids]), eb('code', 'in', ['', ...t.codes])]))
          .execute()
      : [],
    s.ids.length + s.codes.length
      ? db
          .selectFrom('services')
          .select(['id', 'code', 'name_i18n'])
          .where((eb) => eb.or([eb('id', 'in', [0, ...s.ids]), eb('code', 'in', ['', ...s.codes])]))
          .execute()
      : [],
    p.ids.length + p.codes.length
      ? db
          .selectFrom('packs')
          .select(['id', 'code', 'name_i18n'])
          .where((eb) => eb.or([eb('id', 'in', [0, ...p.ids]), eb('code', 'in', ['', ...p.codes])]))
          .execute()
      : [],
  ]);
  for (const x of tariffs) {
    const name = { en: x.name };
    names.set(`tariffs:id:${x.id}`, name);
    names.set(`tariffs:code:${x.code}`, name);
  }
  for (const [table, list] of [
    ['services', services],
    ['packs', packs],
  ] as const) {
    for (const x of list) {
      const name = JSON.parse(x.name_i18n) as LocalizedText;
      names.set(`${table}:id:${x.id}`, name);
      names.set(`${table}:code:${x.code}`, name);
    }
  }
  for (const [rowId, subject] of subjectOf) {
    const name = names.get(`${subject.table}:${subject.key}`);
    if (name) result.set(rowId, name);
  }
  return result;
}

/** Totals of the whole period and filter: counts and money by type, seconds, bytes and messages. */
export async function detailsTotals(db: Kysely<DB>, filter: DetailsFilter): Promise<DetailTotals> {
  const totals = emptyTotals();
  const usage = usageBase(db, filter);
  const charges = chargesBase(db, filter);
  const [usageRows, chargeRow] = await Promise.all([
    usage
      ? usage
          .select([
            'type',
            sql<number>`count(*)`.as('n'),
            sql<number>`cast(coalesce(sum(amount), 0) as bigint)`.as('amount'),
            sql<number>`cast(coalesce(sum(quantity), 0) as bigint)`.as('quantity'),
          ])
          .groupBy('type')
          .execute()
      : [],
    charges
      ? charges
          .select([
            sql<number>`count(*)`.as('n'),
            sql<number>`cast(coalesce(-sum(amount), 0) as bigint)`.as('amount'),
          ])
          .executeTakeFirst()
      : undefined,
  ]);
  for (const r of usageRows) {
    const type = r.type as Exclude<DetailType, 'fee'>;
    const bucket = totals.byType[type];
    if (!bucket) continue;
    bucket.count += Number(r.n);
    bucket.amount += Number(r.amount);
    if (type === 'voice') totals.voiceSeconds += Number(r.quantity);
    if (type === 'data') totals.dataBytes += Number(r.quantity);
    if (type === 'sms') totals.smsCount += Number(r.quantity);
    if (type === 'mms') totals.mmsCount += Number(r.quantity);
  }
  if (chargeRow) {
    totals.byType.fee.count = Number(chargeRow.n);
    totals.byType.fee.amount = Number(chargeRow.amount);
  }
  for (const t of Object.values(totals.byType)) {
    totals.count += t.count;
    totals.amount += t.amount;
  }
  return totals;
}
