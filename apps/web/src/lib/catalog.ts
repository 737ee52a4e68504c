/** Pure read-side helpers over the product catalogue (GET /api/catalog). No formatting here. */
import type { Allowance, Catalog, Pack, RoamingZone, Service, Tariff, UnitPrice } from '@kabinet/contracts';

/**
 * The tariff to quote as "from X": the cheapest monthly tariff; daily tariffs only when there is no
 * monthly one (a day fee and a month fee are not comparable without inventing a month length).
 */
export function cheapestTariff(tariffs: readonly Tariff[]): Tariff | undefined {
  const monthly = tariffs.filter((t) => t.feePeriod === 'month');
  const pool = monthly.length > 0 ? monthly : tariffs;
  return minBy(pool, (t) => t.feeAmount);
}

export function minBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || key(item) < key(best)) best = item;
  return best;
}

/** Sum of the allowances of one unit (seconds, messages or bytes). */
export function totalOf(allowances: readonly Allowance[], unit: Allowance['unit']): number {
  return allowances.filter((a) => a.unit === unit).reduce((sum, a) => sum + a.amount, 0);
}

/** Add-on internet packs, cheapest first. */
export function internetPacks(catalog: Catalog): Pack[] {
  return catalog.packs.filter((p) => p.kind === 'internet').sort((a, b) => a.price - b.price);
}

/** Roaming packs that work in a zone, cheapest first. */
export function roamingPacksFor(catalog: Catalog, zoneCode: string): Pack[] {
  return catalog.packs
    .filter((p) => p.kind === 'roaming' && p.roamingZone === zoneCode)
    .sort((a, b) => a.price - b.price);
}

export interface ServiceGroups {
  /** Options by category, categories in the order the operator lists them. */
  options: { category: string; services: Service[] }[];
  /** Paid content subscriptions from third-party providers, listed apart. */
  content: Service[];
}

export function groupServices(services: readonly Service[]): ServiceGroups {
  const options: ServiceGroups['options'] = [];
  const content: Service[] = [];
  for (const service of services) {
    if (service.kind === 'content') {
      content.push(service);
      continue;
    }
    let group = options.find((g) => g.category === service.category);
    if (!group) {
      group = { category: service.category, services: [] };
      options.push(group);
    }
    group.services.push(service);
  }
  return { options, content };
}

/** Every country that has a roaming zone, each with the first zone that lists it. */
export function roamingCountries(zones: readonly RoamingZone[]): { country: string; zone: RoamingZone }[] {
  const seen = new Map<string, RoamingZone>();
  for (const zone of zones) {
    for (const country of zone.countries) {
      const code = country.toUpperCase();
      if (!seen.has(code)) seen.set(code, zone);
    }
  }
  return [...seen].map(([country, zone]) => ({ country, zone }));
}

export function zoneOfCountry(zones: readonly RoamingZone[], country: string): RoamingZone | undefined {
  const code = country.toUpperCase();
  return zones.find((z) => z.countries.some((c) => c.toUpperCase() === code));
}

const usageOrder: UnitPrice['usageType'][] = ['voice', 'sms', 'mms', 'data'];
const destinationOrder: UnitPrice['destinationClass'][] = [
  'on_net',
  'other_mobile',
  'landline',
  'any',
  'international',
];

/**
 * A tariff's unit prices at home (zone null) or in one roaming zone, in reading order: calls, SMS, MMS,
 * data; within each, on-net to international, and international zones cheapest first.
 */
export function pricesIn(tariff: Tariff, roamingZone: string | null): UnitPrice[] {
  return tariff.prices
    .filter((p) => p.roamingZone === roamingZone)
    .sort(
      (a, b) =>
        usageOrder.indexOf(a.usageType) - usageOrder.indexOf(b.usageType) ||
        destinationOrder.indexOf(a.destinationClass) - destinationOrder.indexOf(b.destinationClass) ||
        a.priceMicros - b.priceMicros ||
        (a.internationalZone ?? '').localeCompare(b.internationalZone ?? ''),
    );
}
