import {
  addDays,
  localDateOf,
  monthlyPeriodContaining,
  nextFeeDueAfter,
  startOfLocalDate,
} from '@kabinet/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { engineOf } from '../migrations/helpers';
import type { DB } from '../schema';
import { DemoPrices, numberPrefixes, packs, rewards, roamingZones, services, tariffs } from './demo-catalog';
import { type DemoSubscriber, demoSubscribers } from './demo-subscribers';
import { insertDemoUsage } from './demo-usage';
import { iccidFor, imsiFor } from './identifiers';

export interface DemoSeedOptions {
  operatorName: string;
  currency: string;
  timeZone: string;
  now: Date;
}

const DAY = 86_400_000;
const json = (value: unknown) => JSON.stringify(value);

/**
 * Creates the demo operator, its catalogue and five demo subscribers, in one transaction, only when
 * the database has no operator yet. Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Kysely<DB>, options: DemoSeedOptions): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // Nodes starting together on one PostgreSQL: the first seeds, the others wait here and then see it.
    if (engineOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(4242001)`.execute(trx);
    const existing = await trx.selectFrom('operator_settings').select('id').executeTakeFirst();
    if (existing) return false;
    await insertOperator(trx, options);
    await insertCatalog(trx, options);
    for (const subscriber of demoSubscribers) await insertDemoSubscriber(trx, subscriber, options);
    await insertDemoUsage(trx, options);
    return true;
  });
}

export async function insertOperator(trx: Transaction<DB>, options: DemoSeedOptions): Promise<void> {
  await trx
    .insertInto('operator_settings')
    .values({
      id: 1,
      name: options.operatorName,
      currency: options.currency,
      created_at: options.now.toISOString(),
    })
    .execute();
}

async function insertCatalog(trx: Transaction<DB>, options: DemoSeedOptions): Promise<void> {
  const prices = new DemoPrices(options.currency);
  const now = options.now.toISOString();

  const zoneIds = new Map<string, number>();
  for (const [i, zone] of roamingZones.entries()) {
    const { id } = await trx
      .insertInto('roaming_zones')
      .values({ code: zone.code, name_i18n: json(zone.name), sort_order: i })
      .returning('id')
      .executeTakeFirstOrThrow();
    zoneIds.set(zone.code, id);
    await trx
      .insertInto('roaming_countries')
      .values(zone.countries.map((country) => ({ country, zone_id: id })))
      .execute();
  }

  await trx
    .insertInto('number_prefixes')
    .values(
      numberPrefixes.map((p) => ({
        prefix: p.prefix,
        destination_class: p.destinationClass,
        international_zone: p.internationalZone,
        country: p.country,
      })),
    )
    .execute();

  for (const [i, t] of tariffs.entries()) {
    const { id } = await trx
      .insertInto('tariffs')
      .values({
        code: t.code,
        name: t.name,
        description_i18n: json(t.description),
        payment_type: t.paymentType,
        fee_period: t.feePeriod,
        fee_amount: prices.minor(t.feeRub),
        voice_charging: t.voiceCharging,
        voice_free_seconds: t.voiceFreeSeconds,
        data_rounding_bytes: t.dataRoundingBytes,
        change_fee: prices.minor(t.changeFeeRub),
        change_effective: t.changeEffective,
        status: 'active',
        sort_order: i,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (t.allowances.length > 0) {
      await trx
        .insertInto('tariff_allowances')
        .values(t.allowances.map((a) => ({ tariff_id: id, unit: a.unit, amount: a.amount, scope: a.scope })))
        .execute();
    }
    await trx
      .insertInto('tariff_prices')
      .values(
        t.prices.map((p) => ({
          tariff_id: id,
          usage_type: p.usageType,
          destination_class: p.destinationClass,
          roaming_zone_id: p.roamingZone ? zoneIds.get(p.roamingZone)! : null,
          international_zone: p.internationalZone,
          price_micros: prices.micros(p.rub),
          per: p.per,
        })),
      )
      .execute();
  }

  await trx
    .insertInto('services')
    .values(
      services.map((s, i) => ({
        code: s.code,
        kind: s.kind,
        category: s.category,
        name_i18n: json(s.name),
        description_i18n: json(s.description),
        fee_type: s.feeType,
        fee_amount: prices.minor(s.feeRub),
        provider: s.provider,
        rating_effect: s.ratingEffect ? json(s.ratingEffect) : null,
        status: 'active',
        sort_order: i,
      })),
    )
    .execute();

  const packIds = new Map<string, number>();
  for (const [i, p] of packs.entries()) {
    const { id } = await trx
      .insertInto('packs')
      .values({
        code: p.code,
        kind: p.kind,
        name_i18n: json(p.name),
        price: prices.minor(p.priceRub),
        validity_days: p.validityDays,
        roaming_zone_id: p.roamingZone ? zoneIds.get(p.roamingZone)! : null,
        status: p.rewardOnly ? 'reward_only' : 'active',
        sort_order: i,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    packIds.set(p.code, id);
    await trx
      .insertInto('pack_allowances')
      .values(p.allowances.map((a) => ({ pack_id: id, unit: a.unit, amount: a.amount, scope: a.scope })))
      .execute();
  }

  await trx
    .insertInto('loyalty_rewards')
    .values(
      rewards.map((r, i) => ({
        code: r.code,
        name_i18n: json(r.name),
        description_i18n: json(r.description),
        points_cost: r.pointsCost,
        reward_type: r.rewardType,
        pack_id: r.pack ? packIds.get(r.pack)! : null,
        partner: r.partner,
        status: 'active',
        sort_order: i,
      })),
    )
    .execute();
}

async function insertDemoSubscriber(
  trx: Transaction<DB>,
  subscriber: DemoSubscriber,
  options: DemoSeedOptions,
): Promise<void> {
  const prices = new DemoPrices(options.currency);
  const { now, timeZone } = options;
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();

  const customer = await trx
    .insertInto('customers')
    .values({
      name: subscriber.name,
      email: subscriber.email,
      language: subscriber.language,
      created_at: at(900),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const firstMsisdn = subscriber.lines[0]!.msisdn;
  const account = await trx
    .insertInto('accounts')
    .values({
      customer_id: customer.id,
      number: `1${firstMsisdn.slice(-9)}`,
      payment_type: subscriber.paymentType,
      balance: 0,
      credit_limit: prices.minor(subscriber.creditLimitRub),
      status: 'active',
      bill_cycle_day:
        subscriber.paymentType === 'postpaid' ? localDateOf(new Date(at(5)), timeZone).day : null,
      created_at: at(900),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const lineIds: number[] = [];
  for (const line of subscriber.lines) {
    lineIds.push(await insertDemoLine(trx, account.id, line, options));
  }

  // The balance is the running sum of the money movements, each one a ledger row.
  let balance = 0;
  const movements = [...subscriber.movements].sort((a, b) => b.daysAgo - a.daysAgo);
  for (const m of movements) {
    const amount = prices.exactMinor(m.rub) * (m.kind === 'top_up' ? 1 : -1);
    balance += amount;
    await trx
      .insertInto('ledger_entries')
      .values({
        account_id: account.id,
        line_id: lineIds[0]!,
        bundle_id: null,
        kind: m.kind,
        unit: 'money',
        amount,
        balance_after: balance,
        reference_type: 'demo_seed',
        reference_id: null,
        created_at: at(m.daysAgo),
      })
      .execute();
  }
  await trx
    .updateTable('accounts')
    .set({ balance, owner_line_id: lineIds[0]! })
    .where('id', '=', account.id)
    .execute();

  if (subscriber.bill) {
    const b = subscriber.bill;
    const inPeriod = subscriber.movements.filter(
      (m) => m.kind !== 'top_up' && m.daysAgo <= b.periodStartDaysAgo && m.daysAgo > b.periodEndDaysAgo,
    );
    const sumOf = (kinds: string[]) =>
      inPeriod.filter((m) => kinds.includes(m.kind)).reduce((sum, m) => sum + prices.exactMinor(m.rub), 0);
    const feesAmount = sumOf(['fee', 'pack_purchase']);
    const usageAmount = sumOf(['usage']);
    const total = feesAmount + usageAmount;
    const day = (daysAgo: number) => {
      const d = localDateOf(new Date(at(daysAgo)), timeZone);
      return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    };
    const bill = await trx
      .insertInto('bills')
      .values({
        account_id: account.id,
        number: `B-${firstMsisdn.slice(-6)}-${day(b.periodEndDaysAgo).replaceAll('-', '')}`,
        period_start: day(b.periodStartDaysAgo),
        period_end: day(b.periodEndDaysAgo + 1),
        issued_at: at(b.periodEndDaysAgo),
        due_date: day(-b.dueInDays),
        status: b.status,
        total_amount: total,
        paid_amount: 0,
        created_at: at(b.periodEndDaysAgo),
        fees_amount: feesAmount,
        usage_amount: usageAmount,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Demo prices carry no separate tax: the bill lists its fees and usage only.
    await trx
      .insertInto('bill_lines')
      .values([
        { bill_id: bill.id, kind: 'fee', description: 'fees', amount: feesAmount, sort_order: 0 },
        { bill_id: bill.id, kind: 'usage', description: 'usage', amount: usageAmount, sort_order: 1 },
      ])
      .execute();
    if (b.status === 'overdue') {
      // Dunning blocked these lines for this bill, so paying it (by card or to the operator) lifts the block.
      await trx
        .updateTable('lines')
        .set({ blocked_for: 'bill' })
        .where('account_id', '=', account.id)
        .where('status', 'in', ['limited', 'blocked_debt'])
        .execute();
    }
  }
}

async function insertDemoLine(
  trx: Transaction<DB>,
  accountId: number,
  line: DemoSubscriber['lines'][number],
  options: DemoSeedOptions,
): Promise<number> {
  const { now, timeZone } = options;
  const serial = Number(line.msisdn.slice(-9));
  const activatedAt = new Date(now.getTime() - line.activatedDaysAgo * DAY);
  const tariff = await trx
    .selectFrom('tariffs')
    .select(['id', 'fee_period', 'fee_amount'])
    .where('code', '=', line.tariff)
    .executeTakeFirstOrThrow();
  const allowances = await trx
    .selectFrom('tariff_allowances')
    .selectAll()
    .where('tariff_id', '=', tariff.id)
    .execute();

  // Tariff bundles of the current period: monthly from the activation anniversary, or today for daily fees.
  // The fee for the next period falls due when this one ends (a tariff without fee or bundles has none).
  const anchorDay = localDateOf(activatedAt, timeZone).day;
  const period =
    tariff.fee_period === 'day'
      ? (() => {
          const today = localDateOf(now, timeZone);
          return {
            start: startOfLocalDate(today, timeZone),
            end: startOfLocalDate(addDays(today, 1), timeZone),
          };
        })()
      : monthlyPeriodContaining(now, anchorDay, timeZone);
  const periodic = tariff.fee_amount > 0 || allowances.length > 0;

  const { id: lineId } = await trx
    .insertInto('lines')
    .values({
      account_id: accountId,
      msisdn: line.msisdn,
      iccid: iccidFor(serial),
      imsi: imsiFor(serial),
      tariff_id: tariff.id,
      status: line.status,
      status_changed_at:
        line.status === 'active'
          ? activatedAt.toISOString()
          : new Date(now.getTime() - 4 * DAY).toISOString(),
      activated_at: activatedAt.toISOString(),
      created_at: activatedAt.toISOString(),
      fee_anchor_day: periodic && tariff.fee_period === 'month' ? anchorDay : null,
      next_fee_at: periodic ? period.end.toISOString() : null,
      pending_tariff_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  for (const a of allowances) {
    const used = Math.floor(a.amount * (line.used[a.unit as keyof typeof line.used] ?? 0));
    await insertBundle(trx, accountId, lineId, {
      source: 'tariff',
      tariffId: tariff.id,
      packId: null,
      unit: a.unit,
      scope: a.scope,
      total: a.amount,
      used,
      validFrom: period.start,
      expiresAt: period.end,
    });
  }

  for (const code of line.packs) {
    const pack = await trx.selectFrom('packs').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    const boughtAt = new Date(now.getTime() - 6 * DAY);
    const packAllowances = await trx
      .selectFrom('pack_allowances')
      .selectAll()
      .where('pack_id', '=', pack.id)
      .execute();
    for (const a of packAllowances) {
      await insertBundle(trx, accountId, lineId, {
        source: 'pack',
        tariffId: null,
        packId: pack.id,
        unit: a.unit,
        scope: a.scope,
        total: a.amount,
        used: Math.floor(a.amount * 0.2),
        validFrom: boughtAt,
        expiresAt: new Date(boughtAt.getTime() + pack.validity_days * DAY),
      });
    }
  }

  for (const code of line.services) {
    const service = await trx
      .selectFrom('services')
      .select(['id', 'fee_type', 'fee_amount'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    // Daily fees fall due at the next local midnight, monthly ones on the connection anniversary.
    const connectedAt = new Date(now.getTime() - 20 * DAY);
    const recurring = service.fee_amount > 0 && service.fee_type !== 'one_time';
    const serviceAnchor = service.fee_type === 'monthly' ? localDateOf(connectedAt, timeZone).day : null;
    await trx
      .insertInto('line_services')
      .values({
        line_id: lineId,
        service_id: service.id,
        status: 'active',
        connected_at: connectedAt.toISOString(),
        disconnected_at: null,
        fee_anchor_day: recurring ? serviceAnchor : null,
        next_fee_at: recurring
          ? nextFeeDueAfter(
              now,
              service.fee_type === 'daily' ? 'day' : 'month',
              serviceAnchor ?? 1,
              timeZone,
            ).toISOString()
          : null,
      })
      .execute();
  }
  return lineId;
}

interface BundleSpec {
  source: 'tariff' | 'pack';
  tariffId: number | null;
  packId: number | null;
  unit: string;
  scope: string;
  total: number;
  used: number;
  validFrom: Date;
  expiresAt: Date;
}

/** A bundle with its grant and its use so far, each a unit ledger row. */
async function insertBundle(
  trx: Transaction<DB>,
  accountId: number,
  lineId: number,
  b: BundleSpec,
): Promise<void> {
  const { id: bundleId } = await trx
    .insertInto('bundles')
    .values({
      line_id: lineId,
      source: b.source,
      tariff_id: b.tariffId,
      pack_id: b.packId,
      unit: b.unit,
      scope: b.scope,
      total: b.total,
      remaining: b.total - b.used,
      valid_from: b.validFrom.toISOString(),
      expires_at: b.expiresAt.toISOString(),
      created_at: b.validFrom.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = {
    account_id: accountId,
    line_id: lineId,
    bundle_id: bundleId,
    unit: b.unit,
    reference_type: 'demo_seed',
  };
  await trx
    .insertInto('ledger_entries')
    .values({
      ...row,
      kind: 'bundle_grant',
      amount: b.total,
      balance_after: b.total,
      reference_id: null,
      created_at: b.validFrom.toISOString(),
    })
    .execute();
  if (b.used > 0) {
    await trx
      .insertInto('ledger_entries')
      .values({
        ...row,
        kind: 'usage',
        amount: -b.used,
        balance_after: b.total - b.used,
        reference_id: null,
        created_at: b.validFrom.toISOString(),
      })
      .execute();
  }
}
