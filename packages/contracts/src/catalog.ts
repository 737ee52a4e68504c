import { type Static, Type } from 'typebox';

/** Text the operator writes once per language; clients pick their language and fall back to `en`. */
export const LocalizedText = Type.Object({
  en: Type.String(),
  ru: Type.Optional(Type.String()),
  id: Type.Optional(Type.String()),
});
export type LocalizedText = Static<typeof LocalizedText>;

export const Unit = Type.Union([
  Type.Literal('voice_seconds'),
  Type.Literal('sms'),
  Type.Literal('data_bytes'),
]);
export type Unit = Static<typeof Unit>;

export const Allowance = Type.Object({
  unit: Unit,
  amount: Type.Integer({ minimum: 0, description: 'Seconds, messages or bytes' }),
  /** Which calls the voice minutes cover: all, or only calls inside the operator's own network. */
  scope: Type.Union([Type.Literal('all'), Type.Literal('on_net'), Type.Literal('national')]),
});
export type Allowance = Static<typeof Allowance>;

export const UsageType = Type.Union([
  Type.Literal('voice'),
  Type.Literal('sms'),
  Type.Literal('mms'),
  Type.Literal('data'),
]);
export type UsageType = Static<typeof UsageType>;

export const DestinationClass = Type.Union([
  Type.Literal('on_net'),
  Type.Literal('other_mobile'),
  Type.Literal('landline'),
  Type.Literal('international'),
  Type.Literal('any'),
]);
export type DestinationClass = Static<typeof DestinationClass>;

export const UnitPrice = Type.Object({
  usageType: UsageType,
  destinationClass: DestinationClass,
  /** null: at home; otherwise the roaming zone code the price applies in. */
  roamingZone: Type.Union([Type.String(), Type.Null()]),
  /** For international calls: the international zone code; null for all others. */
  internationalZone: Type.Union([Type.String(), Type.Null()]),
  /** Price per `per` in millionths of the currency's minor unit, so sub-kopeck rates stay exact. */
  priceMicros: Type.Integer({ minimum: 0 }),
  per: Type.Union([Type.Literal('minute'), Type.Literal('message'), Type.Literal('megabyte')]),
});
export type UnitPrice = Static<typeof UnitPrice>;

export const Tariff = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: LocalizedText,
  paymentType: Type.Union([Type.Literal('prepaid'), Type.Literal('postpaid')]),
  feePeriod: Type.Union([Type.Literal('month'), Type.Literal('day')]),
  feeAmount: Type.Integer({ minimum: 0, description: 'Minor units per fee period' }),
  voiceCharging: Type.Union([Type.Literal('per_minute'), Type.Literal('per_second_after_first_minute')]),
  voiceFreeSeconds: Type.Integer({ minimum: 0 }),
  dataRoundingBytes: Type.Integer({ minimum: 1 }),
  changeFee: Type.Integer({ minimum: 0 }),
  changeEffective: Type.Union([Type.Literal('now'), Type.Literal('next_period')]),
  allowances: Type.Array(Allowance),
  prices: Type.Array(UnitPrice),
});
export type Tariff = Static<typeof Tariff>;

export const Service = Type.Object({
  code: Type.String(),
  kind: Type.Union([Type.Literal('option'), Type.Literal('content')]),
  category: Type.String({ description: 'calls, internet, messaging, convenience, content…' }),
  name: LocalizedText,
  description: LocalizedText,
  feeType: Type.Union([Type.Literal('one_time'), Type.Literal('daily'), Type.Literal('monthly')]),
  feeAmount: Type.Integer({ minimum: 0 }),
  /** Third-party provider of a paid content subscription. */
  provider: Type.Union([Type.String(), Type.Null()]),
});
export type Service = Static<typeof Service>;

export const Pack = Type.Object({
  code: Type.String(),
  kind: Type.Union([Type.Literal('internet'), Type.Literal('voice'), Type.Literal('roaming')]),
  name: LocalizedText,
  price: Type.Integer({ minimum: 0 }),
  validityDays: Type.Integer({ minimum: 1 }),
  roamingZone: Type.Union([Type.String(), Type.Null()]),
  allowances: Type.Array(Allowance),
});
export type Pack = Static<typeof Pack>;

export const RoamingZone = Type.Object({
  code: Type.String(),
  name: LocalizedText,
  countries: Type.Array(Type.String({ description: 'ISO 3166-1 alpha-2' })),
});
export type RoamingZone = Static<typeof RoamingZone>;

export const LoyaltyReward = Type.Object({
  code: Type.String(),
  name: LocalizedText,
  description: LocalizedText,
  pointsCost: Type.Integer({ minimum: 1 }),
  rewardType: Type.Union([Type.Literal('pack'), Type.Literal('partner_gift'), Type.Literal('discount')]),
  partner: Type.Union([Type.String(), Type.Null()]),
});
export type LoyaltyReward = Static<typeof LoyaltyReward>;

export const Catalog = Type.Object({
  operator: Type.Object({
    name: Type.String(),
    currency: Type.String({ description: 'ISO 4217; every amount is in its minor unit' }),
  }),
  tariffs: Type.Array(Tariff),
  services: Type.Array(Service),
  packs: Type.Array(Pack),
  roamingZones: Type.Array(RoamingZone),
  rewards: Type.Array(LoyaltyReward),
});
export type Catalog = Static<typeof Catalog>;
