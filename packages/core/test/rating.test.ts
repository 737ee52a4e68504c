import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyDestination,
  type Destination,
  NO_EFFECTS,
  type NumberPlan,
  type RatingBundle,
  type RatingTariff,
  rateUsage,
} from '../src/rating';

// Prices in micros of a kopeck: 1.50 RUB a minute = 150 kopecks = 150,000,000 micros.
const tariff: RatingTariff = {
  voiceCharging: 'per_minute',
  voiceFreeSeconds: 0,
  dataRoundingBytes: 102_400,
  moneyRounding: 'up',
  prices: [
    {
      usageType: 'voice',
      destinationClass: 'on_net',
      roamingZone: null,
      internationalZone: null,
      priceMicros: 150_000_000,
      per: 'minute',
    },
    {
      usageType: 'voice',
      destinationClass: 'other_mobile',
      roamingZone: null,
      internationalZone: null,
      priceMicros: 250_000_000,
      per: 'minute',
    },
    {
      usageType: 'voice',
      destinationClass: 'international',
      roamingZone: null,
      internationalZone: 'europe',
      priceMicros: 5_500_000_000,
      per: 'minute',
    },
    {
      usageType: 'sms',
      destinationClass: 'any',
      roamingZone: null,
      internationalZone: null,
      priceMicros: 200_000_000,
      per: 'message',
    },
    {
      usageType: 'sms',
      destinationClass: 'international',
      roamingZone: null,
      internationalZone: null,
      priceMicros: 600_000_000,
      per: 'message',
    },
    {
      usageType: 'mms',
      destinationClass: 'any',
      roamingZone: null,
      internationalZone: null,
      priceMicros: 700_000_000,
      per: 'message',
    },
    {
      usageType: 'data',
      destinationClass: 'any',
      roamingZone: null,
      internationalZone: null,
      priceMicros: 300_000_000,
      per: 'megabyte',
    },
    {
      usageType: 'voice',
      destinationClass: 'any',
      roamingZone: 'europe',
      internationalZone: null,
      priceMicros: 7_900_000_000,
      per: 'minute',
    },
    {
      usageType: 'data',
      destinationClass: 'any',
      roamingZone: 'europe',
      internationalZone: null,
      priceMicros: 15_000_000_000,
      per: 'megabyte',
    },
  ],
};
const perSecond: RatingTariff = {
  ...tariff,
  voiceCharging: 'per_second_after_first_minute',
  voiceFreeSeconds: 3,
};

const at = '2026-11-26T10:00:00.000Z';
const home = (
  destinationClass: Destination['destinationClass'],
  internationalZone: string | null = null,
): Destination => ({
  destinationClass,
  internationalZone,
  roamingZone: null,
});
const voice = (seconds: number) => ({
  type: 'voice' as const,
  startedAt: at,
  quantity: seconds,
  ratingGroup: null,
});
const data = (bytes: number, ratingGroup: number | null = null) => ({
  type: 'data' as const,
  startedAt: at,
  quantity: bytes,
  ratingGroup,
});
const rich = { balance: 100_000, creditLimit: 0 };
const bundle = (
  id: number,
  unit: RatingBundle['unit'],
  remaining: number,
  expiresAt = '2026-12-01T00:00:00.000Z',
  scope: RatingBundle['scope'] = 'national',
  roamingZone: string | null = null,
): RatingBundle => ({
  id,
  validFrom: '2026-11-01T00:00:00.000Z',
  unit,
  scope,
  remaining,
  expiresAt,
  roamingZone,
});

describe('rating worked examples (expected amounts computed by hand)', () => {
  it('per started minute: 61 s on-net is 2 minutes × 1.50 = 3.00', () => {
    expect(rateUsage(voice(61), home('on_net'), tariff, [], NO_EFFECTS, rich)).toEqual({
      status: 'charged',
      ratedUnits: 120,
      charges: [{ source: 'balance', units: 120, amount: 300 }],
      amount: 300,
      bundleUnits: 0,
    });
  });

  it('per second after the first minute: 61 s = 61 × 150/60 = 152.5 kopecks, rounded up to 153', () => {
    const result = rateUsage(voice(61), home('on_net'), perSecond, [], NO_EFFECTS, rich);
    expect(result).toMatchObject({ ratedUnits: 61, amount: 153 });
    // half-up rounding of the same 152.5 also gives 153; 59 s is a whole first minute: 150
    expect(
      rateUsage(voice(61), home('on_net'), { ...perSecond, moneyRounding: 'half_up' }, [], NO_EFFECTS, rich),
    ).toMatchObject({ amount: 153 });
    expect(rateUsage(voice(59), home('on_net'), perSecond, [], NO_EFFECTS, rich)).toMatchObject({
      ratedUnits: 60,
      amount: 150,
    });
  });

  it('half-up rounds 0.4 down and 0.5 up', () => {
    // 62 s other mobile at 2.50/min = 62 × 250/60 = 258.33 → up 259, half-up 258
    expect(
      rateUsage(
        voice(62),
        home('other_mobile'),
        { ...perSecond, moneyRounding: 'half_up' },
        [],
        NO_EFFECTS,
        rich,
      ),
    ).toMatchObject({ amount: 258 });
    expect(rateUsage(voice(62), home('other_mobile'), perSecond, [], NO_EFFECTS, rich)).toMatchObject({
      amount: 259,
    });
  });

  it('calls within the free seconds cost nothing; one second more is a whole first minute', () => {
    expect(rateUsage(voice(3), home('on_net'), perSecond, [], NO_EFFECTS, rich)).toEqual({
      status: 'charged',
      ratedUnits: 0,
      charges: [],
      amount: 0,
      bundleUnits: 0,
    });
    expect(rateUsage(voice(4), home('on_net'), perSecond, [], NO_EFFECTS, rich)).toMatchObject({
      ratedUnits: 60,
      amount: 150,
    });
  });

  it('a partly covered call pays exactly the remainder: 300 s, 120 s in the bundle, 3 min × 2.50 = 7.50', () => {
    expect(
      rateUsage(
        voice(300),
        home('other_mobile'),
        tariff,
        [bundle(7, 'voice_seconds', 120)],
        NO_EFFECTS,
        rich,
      ),
    ).toEqual({
      status: 'charged',
      ratedUnits: 300,
      charges: [
        { source: 'bundle', bundleId: 7, units: 120, amount: 0 },
        { source: 'balance', units: 180, amount: 750 },
      ],
      amount: 750,
      bundleUnits: 120,
    });
  });

  it('takes the bundle that expires soonest first', () => {
    const later = bundle(1, 'voice_seconds', 50, '2026-12-01T00:00:00.000Z');
    const sooner = bundle(2, 'voice_seconds', 100, '2026-11-30T00:00:00.000Z');
    expect(rateUsage(voice(120), home('on_net'), tariff, [later, sooner], NO_EFFECTS, rich)).toMatchObject({
      charges: [
        { source: 'bundle', bundleId: 2, units: 100, amount: 0 },
        { source: 'bundle', bundleId: 1, units: 20, amount: 0 },
      ],
      amount: 0,
    });
  });

  it('ignores expired, not yet valid, empty, roaming-only and out-of-scope bundles', () => {
    const bundles = [
      { ...bundle(6, 'voice_seconds', 500), validFrom: '2026-11-26T10:00:01.000Z' }, // next period's
      bundle(1, 'voice_seconds', 500, '2026-11-26T09:59:59.000Z'), // expired before the call
      bundle(2, 'voice_seconds', 0),
      bundle(3, 'voice_seconds', 500, '2026-12-01T00:00:00.000Z', 'all', 'europe'),
      bundle(4, 'voice_seconds', 500, '2026-12-01T00:00:00.000Z', 'on_net'),
      bundle(5, 'sms', 500),
    ];
    // 60 s to another mobile network, nothing applies: 1 min × 2.50
    expect(rateUsage(voice(60), home('other_mobile'), tariff, bundles, NO_EFFECTS, rich)).toMatchObject({
      amount: 250,
      bundleUnits: 0,
    });
  });

  it('rounds data up to the 100 KB step: 150,000 B → 204,800 B × 3.00/MB = 61.44 → 62 kopecks', () => {
    expect(rateUsage(data(150_000), home('any'), tariff, [], NO_EFFECTS, rich)).toMatchObject({
      ratedUnits: 204_800,
      amount: 62,
    });
  });

  it('international calls are priced by zone and not covered by national bundles: 30 s to Europe = 55.00', () => {
    expect(
      rateUsage(
        voice(30),
        home('international', 'europe'),
        tariff,
        [bundle(1, 'voice_seconds', 1000)],
        NO_EFFECTS,
        rich,
      ),
    ).toMatchObject({
      amount: 5_500,
      bundleUnits: 0,
    });
  });

  it('roaming uses roaming prices and roaming bundles only: 1,000,000 B in Europe → 1,024,000 B × 150/MB = 153.60', () => {
    const roaming: Destination = { destinationClass: 'any', internationalZone: null, roamingZone: 'europe' };
    expect(
      rateUsage(
        data(1_000_000),
        roaming,
        tariff,
        [bundle(1, 'data_bytes', 10 ** 9, undefined, 'all')],
        NO_EFFECTS,
        rich,
      ),
    ).toMatchObject({
      amount: 15_360,
      bundleUnits: 0,
    });
    const pack = bundle(2, 'data_bytes', 500_000, undefined, 'all', 'europe');
    // 500,000 B from the pack, 524,000 B left: 0.524 MB × 150 = 78.60
    expect(rateUsage(data(1_000_000), roaming, tariff, [pack], NO_EFFECTS, rich)).toMatchObject({
      bundleUnits: 500_000,
      amount: 7_860,
    });
  });

  it('SMS abroad and MMS are not taken from the SMS bundle', () => {
    const sms = bundle(1, 'sms', 100);
    const message = (type: 'sms' | 'mms') => ({ type, startedAt: at, quantity: 1, ratingGroup: null });
    expect(rateUsage(message('sms'), home('other_mobile'), tariff, [sms], NO_EFFECTS, rich)).toMatchObject({
      amount: 0,
      bundleUnits: 1,
    });
    expect(
      rateUsage(message('sms'), home('international', 'europe'), tariff, [sms], NO_EFFECTS, rich),
    ).toMatchObject({ amount: 600 });
    expect(rateUsage(message('mms'), home('other_mobile'), tariff, [sms], NO_EFFECTS, rich)).toMatchObject({
      amount: 700,
    });
  });

  it('a prepaid account never goes below zero: the whole event is refused and no bundle is used', () => {
    const poor = { balance: 100, creditLimit: 0 };
    // 120 s: 60 s from the bundle, 60 s = 2.50 would take 1.00 to -1.50
    expect(
      rateUsage(voice(120), home('other_mobile'), tariff, [bundle(1, 'voice_seconds', 60)], NO_EFFECTS, poor),
    ).toEqual({
      status: 'rejected',
      reason: 'insufficient_funds',
    });
    // exactly enough is fine: 1.50 - 1.50 = 0
    expect(
      rateUsage(voice(60), home('on_net'), tariff, [], NO_EFFECTS, { balance: 150, creditLimit: 0 }),
    ).toMatchObject({ amount: 150 });
  });

  it('a credit limit lets the balance go down to minus the limit, not further', () => {
    expect(
      rateUsage(voice(60), home('other_mobile'), tariff, [], NO_EFFECTS, { balance: 100, creditLimit: 150 }),
    ).toMatchObject({ amount: 250 });
    expect(
      rateUsage(voice(60), home('other_mobile'), tariff, [], NO_EFFECTS, { balance: 100, creditLimit: 149 }),
    ).toEqual({
      status: 'rejected',
      reason: 'insufficient_funds',
    });
  });

  it('options: zero-rated messengers, unlimited on-net calls and a 50 % discount abroad', () => {
    const effects = {
      unlimitedOnNetVoice: true,
      zeroRatedRatingGroups: new Set([10]),
      discounts: [{ usageType: 'voice' as const, destinationClass: 'international' as const, percent: 50 }],
    };
    expect(rateUsage(data(5_000_000, 10), home('any'), tariff, [], effects, rich)).toMatchObject({
      amount: 0,
      charges: [],
    });
    expect(rateUsage(data(102_400, 11), home('any'), tariff, [], effects, rich)).toMatchObject({
      amount: 31,
    }); // 0.1024 MB × 3.00 = 30.72 → 31
    expect(
      rateUsage(voice(600), home('on_net'), tariff, [bundle(1, 'voice_seconds', 100)], effects, rich),
    ).toMatchObject({ amount: 0, charges: [] });
    expect(rateUsage(voice(60), home('other_mobile'), tariff, [], effects, rich)).toMatchObject({
      amount: 250,
    });
    expect(rateUsage(voice(60), home('international', 'europe'), tariff, [], effects, rich)).toMatchObject({
      amount: 2_750,
    });
  });

  it('refuses what the tariff has no price for', () => {
    const roaming: Destination = { destinationClass: 'any', internationalZone: null, roamingZone: 'world' };
    expect(rateUsage(voice(60), roaming, tariff, [], NO_EFFECTS, rich)).toEqual({
      status: 'rejected',
      reason: 'no_price',
    });
  });
});

describe('destinations from the number plan', () => {
  const plan: NumberPlan = {
    prefixes: new Map([
      ['+7900', { destinationClass: 'on_net' as const, internationalZone: null }],
      ['+79', { destinationClass: 'other_mobile' as const, internationalZone: null }],
      ['+74', { destinationClass: 'landline' as const, internationalZone: null }],
      ['+49', { destinationClass: 'international' as const, internationalZone: 'europe' }],
    ]),
    roamingZones: new Map([['DE', 'europe']]),
    homeCountry: 'RU',
  };
  it('the longest prefix wins', () => {
    expect(classifyDestination(plan, 'voice', '+79001234567', null)).toEqual({
      ok: true,
      destination: home('on_net'),
    });
    expect(classifyDestination(plan, 'voice', '+79161234567', null)).toEqual({
      ok: true,
      destination: home('other_mobile'),
    });
    expect(classifyDestination(plan, 'sms', '+4930123456', null)).toEqual({
      ok: true,
      destination: home('international', 'europe'),
    });
  });
  it('roaming is decided by the visited country; home is not roaming', () => {
    expect(classifyDestination(plan, 'data', null, 'DE')).toEqual({
      ok: true,
      destination: { destinationClass: 'any', internationalZone: null, roamingZone: 'europe' },
    });
    expect(classifyDestination(plan, 'data', null, 'RU')).toEqual({ ok: true, destination: home('any') });
    expect(classifyDestination(plan, 'data', null, 'AQ')).toMatchObject({ ok: false });
    expect(classifyDestination(plan, 'voice', '+11', null)).toMatchObject({ ok: false });
  });
});

describe('rating invariants (property-based)', () => {
  const arbBundle = fc.record({
    id: fc.integer({ min: 1, max: 1000 }),
    unit: fc.constantFrom('voice_seconds' as const, 'sms' as const, 'data_bytes' as const),
    scope: fc.constantFrom('all' as const, 'national' as const, 'on_net' as const),
    remaining: fc.integer({ min: 0, max: 100_000 }),
    expiresAt: fc.constantFrom(
      '2026-11-26T09:00:00.000Z',
      '2026-11-30T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2026-12-24T00:00:00.000Z',
    ),
    roamingZone: fc.constantFrom(null, 'europe'),
    validFrom: fc.constantFrom('2026-11-01T00:00:00.000Z', '2026-11-26T11:00:00.000Z'),
  });
  const arbBundles = fc.uniqueArray(arbBundle, { selector: (b) => b.id, maxLength: 6 });
  const arbEvent = fc.record({
    type: fc.constantFrom('voice' as const, 'sms' as const, 'mms' as const, 'data' as const),
    startedAt: fc.constant(at),
    quantity: fc.integer({ min: 0, max: 5_000_000 }),
    ratingGroup: fc.constantFrom(null, 10, 11),
  });
  const arbDestination = fc.constantFrom(
    home('on_net'),
    home('other_mobile'),
    home('international', 'europe'),
    home('any'),
    {
      destinationClass: 'any' as const,
      internationalZone: null,
      roamingZone: 'europe',
    },
  );
  const arbFunds = fc.record({
    balance: fc.integer({ min: -10_000, max: 1_000_000 }),
    creditLimit: fc.integer({ min: 0, max: 50_000 }),
  });
  const arbTariff = fc.constantFrom(tariff, perSecond, { ...perSecond, moneyRounding: 'half_up' as const });

  it('charges add up, never exceed a bundle, never take funds past the limit, and prefer sooner expiry', () => {
    fc.assert(
      fc.property(
        arbEvent,
        arbDestination,
        arbTariff,
        arbBundles,
        arbFunds,
        (event, destination, t, bundles, funds) => {
          const result = rateUsage(event, destination, t, bundles, NO_EFFECTS, funds);
          if (result.status === 'rejected') return;
          const used = new Set<number>();
          let units = 0;
          let money = 0;
          for (const c of result.charges) {
            expect(c.units).toBeGreaterThan(0);
            expect(c.amount).toBeGreaterThanOrEqual(0);
            units += c.units;
            money += c.amount;
            if (c.source === 'bundle') {
              const b = bundles.find((x) => x.id === c.bundleId)!;
              expect(used.has(b.id)).toBe(false);
              used.add(b.id);
              expect(c.units).toBeLessThanOrEqual(b.remaining);
              expect(b.expiresAt > event.startedAt).toBe(true);
              expect(b.validFrom <= event.startedAt).toBe(true);
            }
          }
          expect(money).toBe(result.amount);
          if (result.charges.length > 0) expect(units).toBe(result.ratedUnits);
          if (result.amount > 0)
            expect(funds.balance - result.amount).toBeGreaterThanOrEqual(-funds.creditLimit);
          // A bundle expiring later is only touched once every usable sooner one is empty.
          const bundleCharges = result.charges.filter((c) => c.source === 'bundle');
          for (let i = 0; i + 1 < bundleCharges.length; i++) {
            const b = bundles.find((x) => x.id === bundleCharges[i]!.bundleId)!;
            expect(bundleCharges[i]!.units).toBe(b.remaining);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rated units never undercount usage outside the free seconds', () => {
    fc.assert(
      fc.property(arbEvent, arbTariff, (event, t) => {
        const result = rateUsage(event, home('other_mobile'), t, [], NO_EFFECTS, {
          balance: 10 ** 12,
          creditLimit: 0,
        });
        if (result.status !== 'charged') return;
        const free = event.type === 'voice' && event.quantity <= t.voiceFreeSeconds;
        if (!free) expect(result.ratedUnits).toBeGreaterThanOrEqual(event.quantity);
      }),
      { numRuns: 1000 },
    );
  });

  it('more usage never costs less', () => {
    fc.assert(
      fc.property(arbEvent, fc.integer({ min: 0, max: 100_000 }), arbTariff, (event, extra, t) => {
        const funds = { balance: 10 ** 12, creditLimit: 0 };
        const a = rateUsage(event, home('other_mobile'), t, [], NO_EFFECTS, funds);
        const b = rateUsage(
          { ...event, quantity: event.quantity + extra },
          home('other_mobile'),
          t,
          [],
          NO_EFFECTS,
          funds,
        );
        if (a.status === 'charged' && b.status === 'charged')
          expect(b.amount).toBeGreaterThanOrEqual(a.amount);
      }),
      { numRuns: 1000 },
    );
  });
});
