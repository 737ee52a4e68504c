import type { LineCatalog, LineService, LineServices, LocalizedText } from '@kabinet/contracts';
import { monthlyCostOf, summarizeServiceCosts } from '@kabinet/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';
import { loadCatalog } from './catalog-repository';

/**
 * Reads behind the self-care app's line screens. Plain queries by the line's id (the route has already
 * proven access to it); the rules that turn rows into alerts live in @kabinet/core.
 */

const text = (value: string) => JSON.parse(value) as LocalizedText;

export interface LineOverviewRow {
  line: {
    id: number;
    msisdn: string;
    status: string;
    nextFeeAt: string | null;
    tariffStatus: string;
  };
  tariff: { code: string; name: string; feeAmount: number; feePeriod: string; paymentType: string };
  account: {
    id: number;
    number: string;
    paymentType: string;
    balance: number;
    creditLimit: number;
    language: string;
  };
  currency: string;
  operatorName: string;
}

/** The line with its tariff, account and the operator; undefined when the line is gone. */
export async function loadLineOverview(db: Kysely<DB>, lineId: number): Promise<LineOverviewRow | undefined> {
  const row = await db
    .selectFrom('lines')
    .innerJoin('tariffs', 'tariffs.id', 'lines.tariff_id')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .crossJoin('operator_settings')
    .select([
      'lines.id as line_id',
      'lines.msisdn',
      'lines.status as line_status',
      'lines.next_fee_at',
      'lines.tariff_status',
      'tariffs.code as tariff_code',
      'tariffs.name as tariff_name',
      'tariffs.fee_amount',
      'tariffs.fee_period',
      'tariffs.payment_type as tariff_payment_type',
      'accounts.id as account_id',
      'accounts.number as account_number',
      'accounts.payment_type',
      'accounts.balance',
      'accounts.credit_limit',
      'customers.language',
      'operator_settings.currency',
      'operator_settings.name as operator_name',
    ])
    .where('lines.id', '=', lineId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    line: {
      id: row.line_id,
      msisdn: row.msisdn,
      status: row.line_status,
      nextFeeAt: row.next_fee_at,
      tariffStatus: row.tariff_status,
    },
    tariff: {
      code: row.tariff_code,
      name: row.tariff_name,
      feeAmount: row.fee_amount,
      feePeriod: row.fee_period,
      paymentType: row.tariff_payment_type,
    },
    account: {
      id: row.account_id,
      number: row.account_number,
      paymentType: row.payment_type,
      balance: row.balance,
      creditLimit: row.credit_limit,
      language: row.language,
    },
    currency: row.currency,
    operatorName: row.operator_name,
  };
}

export interface LineBundleRow {
  id: number;
  unit: 'voice_seconds' | 'sms' | 'data_bytes';
  scope: 'all' | 'on_net' | 'national';
  total: number;
  remaining: number;
  used: number;
  source: 'tariff' | 'pack';
  code: string;
  name: LocalizedText;
  validFrom: string;
  expiresAt: string;
  resets: boolean;
  roamingZone: { code: string; name: LocalizedText } | null;
}

const UNIT_ORDER: Record<string, number> = { voice_seconds: 0, sms: 1, data_bytes: 2 };

/** Every bundle of the line that has not expired at `now` (used-up ones too), by unit then expiry. */
export async function listCurrentBundles(
  db: Kysely<DB>,
  lineId: number,
  now: string,
): Promise<LineBundleRow[]> {
  const rows = await db
    .selectFrom('bundles')
    .leftJoin('tariffs', 'tariffs.id', 'bundles.tariff_id')
    .leftJoin('packs', 'packs.id', 'bundles.pack_id')
    .leftJoin('roaming_zones', 'roaming_zones.id', 'bundles.roaming_zone_id')
    .select([
      'bundles.id',
      'bundles.unit',
      'bundles.scope',
      'bundles.total',
      'bundles.remaining',
      'bundles.source',
      'bundles.valid_from',
      'bundles.expires_at',
      'tariffs.code as tariff_code',
      'tariffs.name as tariff_name',
      'packs.code as pack_code',
      'packs.name_i18n as pack_name',
      'roaming_zones.code as zone_code',
      'roaming_zones.name_i18n as zone_name',
    ])
    .where('bundles.line_id', '=', lineId)
    .where('bundles.expires_at', '>', now)
    .orderBy('bundles.expires_at')
    .orderBy('bundles.id')
    .execute();
  return rows
    .map((r) => {
      const isPack = r.source === 'pack';
      return {
        id: r.id,
        unit: r.unit as LineBundleRow['unit'],
        scope: r.scope as LineBundleRow['scope'],
        total: r.total,
        remaining: r.remaining,
        used: r.total - r.remaining,
        source: (isPack ? 'pack' : 'tariff') as LineBundleRow['source'],
        code: (isPack ? r.pack_code : r.tariff_code) ?? '',
        name: isPack ? text(r.pack_name ?? '{"en":""}') : { en: r.tariff_name ?? '' },
        validFrom: r.valid_from,
        expiresAt: r.expires_at,
        resets: !isPack,
        roamingZone: r.zone_code ? { code: r.zone_code, name: text(r.zone_name ?? '{"en":""}') } : null,
      };
    })
    .sort((a, b) => (UNIT_ORDER[a.unit] ?? 9) - (UNIT_ORDER[b.unit] ?? 9));
}

/** Services connected to the line (active, or suspended for an unpaid fee), in catalogue order. */
export async function listConnectedServices(db: Kysely<DB>, lineId: number): Promise<LineService[]> {
  const rows = await db
    .selectFrom('line_services')
    .innerJoin('services', 'services.id', 'line_services.service_id')
    .select([
      'services.code',
      'services.kind',
      'services.category',
      'services.name_i18n',
      'services.description_i18n',
      'services.fee_type',
      'services.fee_amount',
      'services.provider',
      'line_services.status',
      'line_services.connected_at',
      'line_services.next_fee_at',
    ])
    .where('line_services.line_id', '=', lineId)
    .where('line_services.status', 'in', ['active', 'suspended'])
    .orderBy('services.sort_order')
    .orderBy('line_services.id')
    .execute();
  return rows.map((r) => {
    const feeType = r.fee_type as LineService['feeType'];
    return {
      code: r.code,
      kind: r.kind as LineService['kind'],
      category: r.category,
      name: text(r.name_i18n),
      description: text(r.description_i18n),
      feeType,
      feeAmount: r.fee_amount,
      monthlyCost: monthlyCostOf({ feeType, feeAmount: r.fee_amount }),
      status: r.status as LineService['status'],
      connectedAt: r.connected_at,
      nextFeeAt: r.next_fee_at,
      provider: r.provider,
    };
  });
}

/** The services list: options and content subscriptions apart, with the recurring cost per month. */
export async function loadLineServices(db: Kysely<DB>, lineId: number): Promise<LineServices> {
  const services = await listConnectedServices(db, lineId);
  return {
    options: services.filter((s) => s.kind !== 'content'),
    contentSubscriptions: services.filter((s) => s.kind === 'content'),
    ...summarizeServiceCosts(services),
  };
}

export interface OpenBillRow {
  number: string;
  status: string;
  totalAmount: number;
  paidAmount: number;
  dueDate: string;
}

/** Bills of the account with money still to pay, oldest due first. */
export async function listUnpaidBills(db: Kysely<DB>, accountId: number): Promise<OpenBillRow[]> {
  const rows = await db
    .selectFrom('bills')
    .select(['number', 'status', 'total_amount', 'paid_amount', 'due_date'])
    .where('account_id', '=', accountId)
    .where('status', 'not in', ['paid', 'settled', 'cancelled', 'void', 'draft'])
    .whereRef('paid_amount', '<', 'total_amount')
    .orderBy('due_date')
    .execute();
  return rows.map((r) => ({
    number: r.number,
    status: r.status,
    totalAmount: r.total_amount,
    paidAmount: r.paid_amount,
    dueDate: r.due_date,
  }));
}

/** The account's other lines (not terminated), so an account owner can switch to them. */
export async function listOtherLines(
  db: Kysely<DB>,
  accountId: number,
  lineId: number,
): Promise<{ msisdn: string }[]> {
  return db
    .selectFrom('lines')
    .select('msisdn')
    .where('account_id', '=', accountId)
    .where('id', '<>', lineId)
    .where('status', '<>', 'terminated')
    .orderBy('msisdn')
    .execute();
}

/** Money the line's usage cost since `since` (charged events only), in minor units. */
export async function usageSpentSince(db: Kysely<DB>, lineId: number, since: string): Promise<number> {
  const row = await db
    .selectFrom('usage_events')
    .select(sql<number>`cast(coalesce(sum(amount), 0) as bigint)`.as('spent'))
    .where('line_id', '=', lineId)
    .where('started_at', '>=', since)
    .where('status', '=', 'charged')
    .executeTakeFirst();
  return Number(row?.spent ?? 0);
}

/**
 * The catalogue as this line sees it: tariffs of its account's payment type with the current one
 * marked, services with what is connected, packs on sale (roaming packs carry their zone code).
 */
export async function loadLineCatalog(
  db: Kysely<DB>,
  line: { id: number; tariffId: number; accountId: number },
): Promise<LineCatalog | undefined> {
  const [catalog, current, account, connected] = await Promise.all([
    loadCatalog(db),
    db.selectFrom('tariffs').select('code').where('id', '=', line.tariffId).executeTakeFirst(),
    db.selectFrom('accounts').select('payment_type').where('id', '=', line.accountId).executeTakeFirst(),
    db
      .selectFrom('line_services')
      .innerJoin('services', 'services.id', 'line_services.service_id')
      .select(['services.code', 'line_services.status'])
      .where('line_services.line_id', '=', line.id)
      .where('line_services.status', 'in', ['active', 'suspended'])
      .execute(),
  ]);
  if (!catalog || !account) return undefined;
  const paymentType = account.payment_type as LineCatalog['paymentType'];
  const status = new Map(connected.map((c) => [c.code, c.status as 'active' | 'suspended']));
  return {
    operator: catalog.operator,
    paymentType,
    tariffs: catalog.tariffs
      .filter((t) => t.paymentType === paymentType)
      .map((t) => ({ ...t, current: t.code === current?.code })),
    services: catalog.services.map((s) => ({
      ...s,
      connected: status.has(s.code),
      status: status.get(s.code) ?? null,
    })),
    packs: catalog.packs,
    roamingZones: catalog.roamingZones,
  };
}
