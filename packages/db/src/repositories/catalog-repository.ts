import type { Catalog, LocalizedText } from '@kabinet/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

const text = (value: string) => JSON.parse(value) as LocalizedText;

type Allowance = Catalog['tariffs'][number]['allowances'][number];
const allowance = (a: { unit: string; amount: number; scope: string }): Allowance => ({
  unit: a.unit as Allowance['unit'],
  amount: a.amount,
  scope: a.scope as Allowance['scope'],
});

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The catalogue a subscriber can choose from: active tariffs, services, packs on sale, zones, rewards. */
export async function loadCatalog(db: Kysely<DB>): Promise<Catalog | undefined> {
  const operator = await db.selectFrom('operator_settings').select(['name', 'currency']).executeTakeFirst();
  if (!operator) return undefined;

  const [
    zones,
    countries,
    tariffs,
    tariffAllowances,
    tariffPrices,
    services,
    packs,
    packAllowances,
    rewards,
  ] = await Promise.all([
    db.selectFrom('roaming_zones').selectAll().orderBy('sort_order').execute(),
    db.selectFrom('roaming_countries').selectAll().orderBy('country').execute(),
    db.selectFrom('tariffs').selectAll().where('status', '=', 'active').orderBy('sort_order').execute(),
    db.selectFrom('tariff_allowances').selectAll().orderBy('id').execute(),
    db.selectFrom('tariff_prices').selectAll().orderBy('id').execute(),
    db.selectFrom('services').selectAll().where('status', '=', 'active').orderBy('sort_order').execute(),
    db.selectFrom('packs').selectAll().where('status', '=', 'active').orderBy('sort_order').execute(),
    db.selectFrom('pack_allowances').selectAll().orderBy('id').execute(),
    db
      .selectFrom('loyalty_rewards')
      .selectAll()
      .where('status', '=', 'active')
      .orderBy('sort_order')
      .execute(),
  ]);

  const zoneCode = new Map(zones.map((z) => [z.id, z.code]));
  const allowancesByTariff = groupBy(tariffAllowances, (a) => a.tariff_id);
  const pricesByTariff = groupBy(tariffPrices, (p) => p.tariff_id);
  const allowancesByPack = groupBy(packAllowances, (a) => a.pack_id);
  const countriesByZone = groupBy(countries, (c) => c.zone_id);
  type T = Catalog['tariffs'][number];
  type P = T['prices'][number];

  return {
    operator,
    tariffs: tariffs.map((t) => ({
      code: t.code,
      name: t.name,
      description: text(t.description_i18n),
      paymentType: t.payment_type as T['paymentType'],
      feePeriod: t.fee_period as T['feePeriod'],
      feeAmount: t.fee_amount,
      voiceCharging: t.voice_charging as T['voiceCharging'],
      voiceFreeSeconds: t.voice_free_seconds,
      dataRoundingBytes: t.data_rounding_bytes,
      changeFee: t.change_fee,
      changeEffective: t.change_effective as T['changeEffective'],
      allowances: (allowancesByTariff.get(t.id) ?? []).map(allowance),
      prices: (pricesByTariff.get(t.id) ?? []).map((p) => ({
        usageType: p.usage_type as P['usageType'],
        destinationClass: p.destination_class as P['destinationClass'],
        roamingZone: p.roaming_zone_id === null ? null : (zoneCode.get(p.roaming_zone_id) ?? null),
        internationalZone: p.international_zone,
        priceMicros: p.price_micros,
        per: p.per as P['per'],
      })),
    })),
    services: services.map((s) => ({
      code: s.code,
      kind: s.kind as Catalog['services'][number]['kind'],
      category: s.category,
      name: text(s.name_i18n),
      description: text(s.description_i18n),
      feeType: s.fee_type as Catalog['services'][number]['feeType'],
      feeAmount: s.fee_amount,
      provider: s.provider,
    })),
    packs: packs.map((p) => ({
      code: p.code,
      kind: p.kind as Catalog['packs'][number]['kind'],
      name: text(p.name_i18n),
      price: p.price,
      validityDays: p.validity_days,
      roamingZone: p.roaming_zone_id === null ? null : (zoneCode.get(p.roaming_zone_id) ?? null),
      allowances: (allowancesByPack.get(p.id) ?? []).map(allowance),
    })),
    roamingZones: zones.map((z) => ({
      code: z.code,
      name: text(z.name_i18n),
      countries: (countriesByZone.get(z.id) ?? []).map((c) => c.country),
    })),
    rewards: rewards.map((r) => ({
      code: r.code,
      name: text(r.name_i18n),
      description: text(r.description_i18n),
      pointsCost: r.points_cost,
      rewardType: r.reward_type as Catalog['rewards'][number]['rewardType'],
      partner: r.partner,
    })),
  };
}

export async function operatorCurrency(db: Kysely<DB>): Promise<string | undefined> {
  const row = await db.selectFrom('operator_settings').select('currency').executeTakeFirst();
  return row?.currency;
}
