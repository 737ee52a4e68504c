/** What the rating engine needs to know, independent of how it is stored. */
export type UsageType = 'voice' | 'sms' | 'mms' | 'data';
export type BundleUnit = 'voice_seconds' | 'sms' | 'data_bytes';
export type DestinationClass = 'on_net' | 'other_mobile' | 'landline' | 'international' | 'any';
export type BundleScope = 'all' | 'national' | 'on_net';

export interface RatedEvent {
  type: UsageType;
  startedAt: string;
  /** Voice seconds, data bytes or message count, as the network reported them. */
  quantity: number;
  ratingGroup: number | null;
}

export interface Destination {
  /** Where the call or message goes, from the number's longest matching prefix. Data: 'any'. */
  destinationClass: DestinationClass;
  /** For international destinations: the zone that prices them. */
  internationalZone: string | null;
  /** Set when the subscriber is roaming: the zone of the visited country. */
  roamingZone: string | null;
}

export interface UnitPrice {
  usageType: UsageType;
  destinationClass: DestinationClass;
  roamingZone: string | null;
  internationalZone: string | null;
  /** Millionths of a minor unit per `per`. */
  priceMicros: number;
  per: 'minute' | 'message' | 'megabyte';
}

export interface RatingTariff {
  voiceCharging: 'per_minute' | 'per_second_after_first_minute';
  voiceFreeSeconds: number;
  dataRoundingBytes: number;
  moneyRounding: 'up' | 'half_up';
  prices: UnitPrice[];
}

export interface RatingBundle {
  id: number;
  unit: BundleUnit;
  scope: BundleScope;
  remaining: number;
  validFrom: string;
  expiresAt: string;
  roamingZone: string | null;
}

/** How the line's connected options change rating. */
export interface RatingEffects {
  unlimitedOnNetVoice: boolean;
  zeroRatedRatingGroups: ReadonlySet<number>;
  discounts: readonly { usageType: UsageType; destinationClass: DestinationClass; percent: number }[];
}

export const NO_EFFECTS: RatingEffects = {
  unlimitedOnNetVoice: false,
  zeroRatedRatingGroups: new Set(),
  discounts: [],
};

export interface Funds {
  balance: number;
  /** The balance may go down to -creditLimit (0 for a plain prepaid account). */
  creditLimit: number;
}

export interface Charge {
  source: 'bundle' | 'balance';
  bundleId?: number;
  units: number;
  amount: number;
}

export type RatingResult =
  | { status: 'charged'; ratedUnits: number; charges: Charge[]; amount: number; bundleUnits: number }
  | { status: 'rejected'; reason: 'insufficient_funds' | 'no_price' };
