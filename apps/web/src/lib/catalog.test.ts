import type { Catalog, Tariff } from '@kabinet/contracts';
import { describe, expect, it } from 'vitest';
import {
  cheapestTariff,
  groupServices,
  internetPacks,
  pricesIn,
  roamingCountries,
  roamingPacksFor,
  totalOf,
  zoneOfCountry,
} from './catalog';

const text = (en: string) => ({ en });

function tariff(code: string, feePeriod: 'month' | 'day', feeAmount: number): Tariff {
  return {
    code,
    name: code,
    description: text(code),
    paymentType: 'prepaid',
    feePeriod,
    feeAmount,
    voiceCharging: 'per_minute',
    voiceFreeSeconds: 0,
    dataRoundingBytes: 1000,
    changeFee: 0,
    changeEffective: 'now',
    allowances: [],
    prices: [],
  };
}

const catalog: Catalog = {
  operator: { name: 'Test', currency: 'RUB' },
  tariffs: [],
  services: [
    {
      code: 'a',
      kind: 'option',
      category: 'calls',
      name: text('A'),
      description: text(''),
      feeType: 'monthly',
      feeAmount: 100,
      provider: null,
    },
    {
      code: 'm',
      kind: 'content',
      category: 'content',
      name: text('Music'),
      description: text(''),
      feeType: 'daily',
      feeAmount: 10,
      provider: 'Tunes',
    },
    {
      code: 'b',
      kind: 'option',
      category: 'internet',
      name: text('B'),
      description: text(''),
      feeType: 'one_time',
      feeAmount: 0,
      provider: null,
    },
    {
      code: 'c',
      kind: 'option',
      category: 'calls',
      name: text('C'),
      description: text(''),
      feeType: 'daily',
      feeAmount: 5,
      provider: null,
    },
  ],
  packs: [
    {
      code: 'i2',
      kind: 'internet',
      name: text('10'),
      price: 500,
      validityDays: 30,
      roamingZone: null,
      allowances: [],
    },
    {
      code: 'i1',
      kind: 'internet',
      name: text('1'),
      price: 100,
      validityDays: 7,
      roamingZone: null,
      allowances: [],
    },
    {
      code: 'r1',
      kind: 'roaming',
      name: text('EU'),
      price: 900,
      validityDays: 7,
      roamingZone: 'EU',
      allowances: [],
    },
    {
      code: 'r2',
      kind: 'roaming',
      name: text('W'),
      price: 1900,
      validityDays: 7,
      roamingZone: 'W',
      allowances: [],
    },
  ],
  roamingZones: [
    { code: 'EU', name: text('Europe'), countries: ['DE', 'fr'] },
    { code: 'W', name: text('World'), countries: ['US', 'DE'] },
  ],
  rewards: [],
};

describe('cheapestTariff', () => {
  it('quotes the cheapest monthly tariff even when a daily fee is a smaller number', () => {
    expect(
      cheapestTariff([tariff('m1', 'month', 50000), tariff('d', 'day', 1000), tariff('m2', 'month', 30000)])
        ?.code,
    ).toBe('m2');
  });

  it('falls back to daily tariffs, and to nothing for an empty catalogue', () => {
    expect(cheapestTariff([tariff('d1', 'day', 2000), tariff('d2', 'day', 1500)])?.code).toBe('d2');
    expect(cheapestTariff([])).toBeUndefined();
  });
});

describe('totalOf', () => {
  it('sums one unit only', () => {
    const allowances = [
      { unit: 'voice_seconds', amount: 6000, scope: 'all' },
      { unit: 'voice_seconds', amount: 3000, scope: 'on_net' },
      { unit: 'data_bytes', amount: 10, scope: 'all' },
    ] as const;
    expect(totalOf([...allowances], 'voice_seconds')).toBe(9000);
    expect(totalOf([...allowances], 'sms')).toBe(0);
  });
});

describe('packs', () => {
  it('lists internet packs cheapest first, and roaming packs of one zone', () => {
    expect(internetPacks(catalog).map((p) => p.code)).toEqual(['i1', 'i2']);
    expect(roamingPacksFor(catalog, 'EU').map((p) => p.code)).toEqual(['r1']);
    expect(roamingPacksFor(catalog, 'XX')).toEqual([]);
  });
});

describe('groupServices', () => {
  it('groups options by category in catalogue order and lists content apart', () => {
    const groups = groupServices(catalog.services);
    expect(groups.options.map((g) => [g.category, g.services.map((s) => s.code)])).toEqual([
      ['calls', ['a', 'c']],
      ['internet', ['b']],
    ]);
    expect(groups.content.map((s) => s.code)).toEqual(['m']);
  });
});

describe('roaming', () => {
  it('lists each country once, with the first zone that has it', () => {
    expect(roamingCountries(catalog.roamingZones).map((c) => [c.country, c.zone.code])).toEqual([
      ['DE', 'EU'],
      ['FR', 'EU'],
      ['US', 'W'],
    ]);
  });

  it('finds the zone of a country case-insensitively', () => {
    expect(zoneOfCountry(catalog.roamingZones, 'fr')?.code).toBe('EU');
    expect(zoneOfCountry(catalog.roamingZones, 'JP')).toBeUndefined();
  });
});

describe('pricesIn', () => {
  it('keeps one zone and orders calls, SMS, data', () => {
    const t = tariff('t', 'month', 0);
    const price = (
      usageType: 'voice' | 'sms' | 'data',
      destinationClass: 'on_net' | 'any',
      roamingZone: string | null,
    ) => ({
      usageType,
      destinationClass,
      roamingZone,
      internationalZone: null,
      priceMicros: 1,
      per: 'minute' as const,
    });
    t.prices = [
      price('data', 'any', null),
      price('voice', 'any', 'EU'),
      price('sms', 'any', null),
      price('voice', 'any', null),
      price('voice', 'on_net', null),
    ];
    expect(pricesIn(t, null).map((p) => `${p.usageType}/${p.destinationClass}`)).toEqual([
      'voice/on_net',
      'voice/any',
      'sms/any',
      'data/any',
    ]);
    expect(pricesIn(t, 'EU')).toHaveLength(1);
  });
});
