import type {
  BundleUnit,
  Charge,
  Destination,
  Funds,
  RatedEvent,
  RatingBundle,
  RatingEffects,
  RatingResult,
  RatingTariff,
  UnitPrice,
} from './types';

const BUNDLE_UNIT: Record<RatedEvent['type'], BundleUnit | null> = {
  voice: 'voice_seconds',
  sms: 'sms',
  mms: null, // MMS are never taken from SMS bundles
  data: 'data_bytes',
};

/** How many rated units one `per` of a price covers: a minute is 60 s, a megabyte 10^6 bytes. */
const UNITS_PER: Record<UnitPrice['per'], bigint> = { minute: 60n, message: 1n, megabyte: 1_000_000n };

/** Units the tariff charges for, after its rounding step. */
export function ratedUnits(event: RatedEvent, tariff: RatingTariff): number {
  const q = event.quantity;
  if (q <= 0) return 0;
  switch (event.type) {
    case 'voice':
      if (q <= tariff.voiceFreeSeconds) return 0;
      return tariff.voiceCharging === 'per_minute' ? Math.ceil(q / 60) * 60 : Math.max(60, q);
    case 'data':
      return Math.ceil(q / tariff.dataRoundingBytes) * tariff.dataRoundingBytes;
    default:
      return q;
  }
}

function bundleCovers(bundle: RatingBundle, destination: Destination): boolean {
  if (bundle.roamingZone !== destination.roamingZone) return false;
  switch (bundle.scope) {
    case 'all':
      return true;
    case 'national':
      return destination.destinationClass !== 'international';
    case 'on_net':
      return destination.destinationClass === 'on_net';
  }
}

export function findPrice(
  tariff: RatingTariff,
  type: RatedEvent['type'],
  d: Destination,
): UnitPrice | undefined {
  const candidates = tariff.prices.filter((p) => p.usageType === type && p.roamingZone === d.roamingZone);
  if (d.roamingZone !== null) return candidates.find((p) => p.destinationClass === 'any');
  if (d.destinationClass === 'international') {
    return (
      candidates.find(
        (p) => p.destinationClass === 'international' && p.internationalZone === d.internationalZone,
      ) ?? candidates.find((p) => p.destinationClass === 'international' && p.internationalZone === null)
    );
  }
  return (
    candidates.find((p) => p.destinationClass === d.destinationClass) ??
    candidates.find((p) => p.destinationClass === 'any')
  );
}

/** units × price, in minor units, rounded once by the tariff's rule; exact rational arithmetic. */
export function priceUnits(
  units: number,
  price: UnitPrice,
  discountPercent: number,
  rounding: RatingTariff['moneyRounding'],
): number {
  const numerator = BigInt(units) * BigInt(price.priceMicros) * BigInt(100 - discountPercent);
  const denominator = UNITS_PER[price.per] * 1_000_000n * 100n;
  const whole = numerator / denominator;
  const rest = numerator % denominator;
  if (rest === 0n) return Number(whole);
  if (rounding === 'up') return Number(whole + 1n);
  return Number(rest * 2n >= denominator ? whole + 1n : whole);
}

/**
 * Rates one usage event: the line's bundles first (the one that expires soonest first), then money.
 * A prepaid balance never goes below -creditLimit: an event that money cannot cover is rejected as a
 * whole and consumes nothing. Pure: the caller applies the result to its copies of bundles and funds.
 */
export function rateUsage(
  event: RatedEvent,
  destination: Destination,
  tariff: RatingTariff,
  bundles: readonly RatingBundle[],
  effects: RatingEffects,
  funds: Funds,
): RatingResult {
  const units = ratedUnits(event, tariff);
  const free =
    units === 0 ||
    (event.type === 'data' &&
      event.ratingGroup !== null &&
      effects.zeroRatedRatingGroups.has(event.ratingGroup)) ||
    (event.type === 'voice' &&
      effects.unlimitedOnNetVoice &&
      destination.roamingZone === null &&
      destination.destinationClass === 'on_net');
  if (free) return { status: 'charged', ratedUnits: units, charges: [], amount: 0, bundleUnits: 0 };

  const charges: Charge[] = [];
  let left = units;
  const unit = BUNDLE_UNIT[event.type];
  if (unit) {
    const usable = bundles
      .filter(
        (b) =>
          b.unit === unit &&
          b.remaining > 0 &&
          b.validFrom <= event.startedAt &&
          b.expiresAt > event.startedAt &&
          bundleCovers(b, destination),
      )
      .sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : a.expiresAt > b.expiresAt ? 1 : a.id - b.id));
    for (const bundle of usable) {
      if (left === 0) break;
      const take = Math.min(bundle.remaining, left);
      charges.push({ source: 'bundle', bundleId: bundle.id, units: take, amount: 0 });
      left -= take;
    }
  }
  const bundleUnits = units - left;
  if (left === 0) return { status: 'charged', ratedUnits: units, charges, amount: 0, bundleUnits };

  const price = findPrice(tariff, event.type, destination);
  if (!price) return { status: 'rejected', reason: 'no_price' };
  const discount =
    destination.roamingZone === null
      ? (effects.discounts.find(
          (d) => d.usageType === event.type && d.destinationClass === destination.destinationClass,
        )?.percent ?? 0)
      : 0;
  const amount = priceUnits(left, price, discount, tariff.moneyRounding);
  if (amount > 0 && funds.balance - amount < -funds.creditLimit)
    return { status: 'rejected', reason: 'insufficient_funds' };
  charges.push({ source: 'balance', units: left, amount });
  return { status: 'charged', ratedUnits: units, charges, amount, bundleUnits };
}
