import { type Static, type TSchema, Type } from 'typebox';
import { Allowance, LocalizedText, Pack, RoamingZone, Service, Tariff, Unit } from './catalog';

/**
 * What the self-care app reads about one line (`/api/lines/:msisdn/...`). Shapes are made for a phone
 * screen: the Home screen needs one call (summary), every list carries the names it shows.
 * Money is in minor units of `currency`; voice in seconds, data in bytes, SMS as counts.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const PaymentType = Type.Union([Type.Literal('prepaid'), Type.Literal('postpaid')]);
export type PaymentType = Static<typeof PaymentType>;

export const LineStatus = Type.Union(
  [
    Type.Literal('active'),
    Type.Literal('limited'),
    Type.Literal('blocked_debt'),
    Type.Literal('suspended'),
    Type.Literal('terminated'),
  ],
  {
    description:
      'limited: no paid usage until an overdue promised payment or bill is paid; blocked_debt: blocked ' +
      'for an unpaid debt; suspended: at the subscriber’s request',
  },
);
export type LineStatus = Static<typeof LineStatus>;

export const LineBundle = Type.Object({
  id: Type.Integer(),
  unit: Unit,
  scope: Allowance.properties.scope,
  total: Type.Integer({ minimum: 0, description: 'Seconds, messages or bytes granted' }),
  remaining: Type.Integer({ minimum: 0 }),
  used: Type.Integer({ minimum: 0, description: 'total − remaining' }),
  source: Type.Union([Type.Literal('tariff'), Type.Literal('pack')]),
  /** The tariff's or the pack's code. */
  code: Type.String(),
  name: LocalizedText,
  validFrom: Type.String({ description: 'ISO-8601 instant' }),
  expiresAt: Type.String({
    description:
      'ISO-8601 instant: when a tariff bundle resets (renewed with the next fee) or a pack expires',
  }),
  resets: Type.Boolean({ description: 'true for tariff bundles (renewed each period), false for packs' }),
  roamingZone: Nullable(
    Type.Object(
      { code: Type.String(), name: LocalizedText },
      { description: 'Roaming packs only count abroad, in this zone' },
    ),
  ),
});
export type LineBundle = Static<typeof LineBundle>;

const Severity = Type.Union([Type.Literal('critical'), Type.Literal('warning'), Type.Literal('info')]);

export const LineAlert = Type.Union(
  [
    Type.Object({
      code: Type.Literal('low_balance'),
      severity: Severity,
      reason: Type.Union([
        Type.Literal('exhausted'),
        Type.Literal('below_next_fee'),
        Type.Literal('below_usual_spending'),
      ]),
      available: Type.Integer({ description: 'balance + credit limit' }),
      needed: Type.Integer({ description: 'The next fee, or a week of the usual paid usage' }),
      dueAt: Nullable(Type.String({ description: 'When the next fee is charged, if that is the reason' })),
    }),
    Type.Object({
      code: Type.Union([Type.Literal('bundle_almost_used'), Type.Literal('bundle_used_up')]),
      severity: Severity,
      bundleId: Type.Integer(),
      unit: Unit,
      remaining: Type.Integer(),
      total: Type.Integer(),
      usedPercent: Type.Integer({ minimum: 90, maximum: 100 }),
      expiresAt: Type.String(),
    }),
    Type.Object({
      code: Type.Literal('tariff_fee_unpaid'),
      severity: Severity,
      amount: Type.Integer({ description: 'The tariff fee that could not be charged' }),
      shortfall: Type.Integer({ description: 'How much to top up so that it can be charged' }),
    }),
    Type.Object({
      code: Type.Literal('service_fee_unpaid'),
      severity: Severity,
      serviceCode: Type.String(),
      name: LocalizedText,
      amount: Type.Integer(),
    }),
    Type.Object({
      code: Type.Union([Type.Literal('bill_open'), Type.Literal('bill_overdue')]),
      severity: Severity,
      billNumber: Type.String(),
      amount: Type.Integer({ description: 'Still to pay on this bill' }),
      dueDate: Type.String({ description: 'YYYY-MM-DD in the billing time zone' }),
    }),
    Type.Object({
      code: Type.Literal('promised_payment_due'),
      severity: Severity,
      amount: Type.Integer({ description: 'Still to repay; the next top-up or voucher repays it first' }),
      dueAt: Type.String({ description: 'ISO-8601 instant the promised payment must be repaid by' }),
      overdue: Type.Boolean(),
    }),
    Type.Object({
      code: Type.Literal('line_blocked'),
      severity: Severity,
      status: LineStatus,
    }),
  ],
  { description: 'Most severe first. `code` is stable; clients translate it and fill in the fields.' },
);
export type LineAlert = Static<typeof LineAlert>;

export const LineSummary = Type.Object({
  asOf: Type.String({ description: 'When this was read (ISO-8601); pull to refresh' }),
  line: Type.Object({
    msisdn: Type.String(),
    status: LineStatus,
    tariff: Type.Object({
      code: Type.String(),
      name: Type.String(),
      feeAmount: Type.Integer({ minimum: 0 }),
      feePeriod: Tariff.properties.feePeriod,
      paymentType: PaymentType,
    }),
    nextFeeAt: Nullable(
      Type.String({ description: 'When the tariff fee is charged next and its bundles renew' }),
    ),
    tariffStatus: Type.Union([Type.Literal('active'), Type.Literal('suspended')], {
      description: 'suspended: the prepaid tariff fee could not be paid; bundles return when it is',
    }),
  }),
  account: Type.Object({
    number: Type.String(),
    paymentType: PaymentType,
    balance: Type.Integer({
      description: 'Minor units; negative is a debt (postpaid: charges since the last payment)',
    }),
    creditLimit: Type.Integer({ minimum: 0 }),
    available: Type.Integer({ description: 'balance + creditLimit: what can still be spent' }),
    currency: Type.String({ description: 'ISO 4217' }),
  }),
  bundles: Type.Array(LineBundle, {
    description: 'Every bundle not yet expired, used up ones included, by unit then soonest expiry',
  }),
  services: Type.Object({
    count: Type.Integer({ description: 'Connected services with a recurring (daily or monthly) fee' }),
    monthlyCost: Type.Integer({
      description:
        'Their cost per month in minor units: monthly fees as they are, daily fees × 30 (an estimate); one-time fees are not recurring and not counted',
    }),
  }),
  alerts: Type.Array(LineAlert),
  otherLines: Type.Array(Type.Object({ msisdn: Type.String() }), {
    description: 'The other lines of the same account',
  }),
});
export type LineSummary = Static<typeof LineSummary>;

export const LineService = Type.Object({
  code: Type.String(),
  kind: Service.properties.kind,
  category: Type.String(),
  name: LocalizedText,
  description: LocalizedText,
  feeType: Service.properties.feeType,
  feeAmount: Type.Integer({ minimum: 0 }),
  monthlyCost: Type.Integer({
    minimum: 0,
    description: 'Monthly fee, or daily fee × 30; 0 for one-time fees',
  }),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')], {
    description: 'suspended: its prepaid fee could not be paid; it resumes when paid',
  }),
  connectedAt: Type.String(),
  nextFeeAt: Nullable(Type.String()),
  provider: Nullable(Type.String({ description: 'Third party behind a paid content subscription' })),
});
export type LineService = Static<typeof LineService>;

export const LineServices = Type.Object({
  options: Type.Array(LineService, { description: 'Connected options (kind option)' }),
  contentSubscriptions: Type.Array(LineService, {
    description:
      'Paid content subscriptions by third parties (kind content), listed apart so they are easy to find and cancel',
  }),
  count: Type.Integer({ description: 'Connected services with a recurring fee' }),
  monthlyCost: Type.Integer({ description: 'Monthly fees + daily fees × 30, minor units' }),
});
export type LineServices = Static<typeof LineServices>;

export const LineCatalog = Type.Object({
  operator: Type.Object({ name: Type.String(), currency: Type.String() }),
  paymentType: PaymentType,
  tariffs: Type.Array(Type.Object({ ...Tariff.properties, current: Type.Boolean() }), {
    description: 'Tariffs of the account’s payment type; `current` marks the line’s own',
  }),
  services: Type.Array(
    Type.Object({
      ...Service.properties,
      connected: Type.Boolean(),
      status: Nullable(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
    }),
  ),
  packs: Type.Array(Pack, { description: 'Packs on sale; roaming packs name their zone in `roamingZone`' }),
  roamingZones: Type.Array(RoamingZone),
});
export type LineCatalog = Static<typeof LineCatalog>;

// ---- Itemized details ----------------------------------------------------------------------------

export const DetailType = Type.Union(
  [
    Type.Literal('voice'),
    Type.Literal('sms'),
    Type.Literal('mms'),
    Type.Literal('data'),
    Type.Literal('fee'),
  ],
  {
    description: 'Usage types, or `fee`: money charged other than for usage (fees, orders, pack purchases)',
  },
);
export type DetailType = Static<typeof DetailType>;

const localDate = (description = 'YYYY-MM-DD in the billing time zone') =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const UsageDetailsQuery = Type.Object(
  {
    from: Type.Optional(
      localDate('First day, YYYY-MM-DD in the billing time zone; default: the 1st of the month of `to`'),
    ),
    to: Type.Optional(localDate('Last day (inclusive), YYYY-MM-DD in the billing time zone; default: today')),
    type: Type.Optional(DetailType),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type UsageDetailsQuery = Static<typeof UsageDetailsQuery>;

export const UsageExportQuery = Type.Object(
  {
    from: Type.Optional(localDate()),
    to: Type.Optional(localDate()),
    type: Type.Optional(DetailType),
    lang: Type.Optional(
      Type.Union([Type.Literal('en'), Type.Literal('ru'), Type.Literal('id')], {
        description: 'Language of labels and names; default: the account owner’s language',
      }),
    ),
  },
  { additionalProperties: false },
);
export type UsageExportQuery = Static<typeof UsageExportQuery>;

export const DetailItem = Type.Object({
  id: Type.String({ description: 'Stable id of the row: `usage:<n>` or `charge:<n>`' }),
  source: Type.Union([Type.Literal('usage'), Type.Literal('charge')]),
  type: DetailType,
  at: Type.String({ description: 'When the usage started or the money was charged (ISO-8601)' }),
  amount: Type.Integer({ description: 'Money charged, minor units (0 when bundles or options covered it)' }),
  otherParty: Nullable(Type.String({ description: 'Usage: the number called or messaged' })),
  destinationClass: Nullable(
    Type.String({ description: 'Usage: on_net, other_mobile, landline, international' }),
  ),
  roamingCountry: Nullable(Type.String({ description: 'Usage abroad: ISO 3166 alpha-2' })),
  quantity: Nullable(
    Type.Integer({ description: 'Usage as reported: seconds, messages or bytes (see unit)' }),
  ),
  unit: Nullable(Type.Union([Type.Literal('seconds'), Type.Literal('messages'), Type.Literal('bytes')])),
  ratedUnits: Nullable(Type.Integer({ description: 'Usage after the tariff’s rounding step' })),
  bundleUnits: Nullable(Type.Integer({ description: 'Of ratedUnits, how many came from bundles' })),
  kind: Nullable(Type.String({ description: 'Charges: fee, pack_purchase, order, tariff_change, …' })),
  reference: Nullable(Type.Object({ type: Type.String(), id: Nullable(Type.String()) })),
  description: Nullable(LocalizedText),
});
export type DetailItem = Static<typeof DetailItem>;

const TypeTotal = Type.Object({ count: Type.Integer(), amount: Type.Integer() });

export const DetailTotals = Type.Object(
  {
    count: Type.Integer(),
    amount: Type.Integer({ description: 'All money charged' }),
    byType: Type.Object({
      voice: TypeTotal,
      sms: TypeTotal,
      mms: TypeTotal,
      data: TypeTotal,
      fee: TypeTotal,
    }),
    voiceSeconds: Type.Integer(),
    dataBytes: Type.Integer(),
    smsCount: Type.Integer(),
    mmsCount: Type.Integer(),
  },
  { description: 'For the whole period and type filter, not just this page' },
);
export type DetailTotals = Static<typeof DetailTotals>;

export const UsageDetails = Type.Object({
  period: Type.Object({ from: Type.String(), to: Type.String(), timeZone: Type.String() }),
  type: Nullable(DetailType),
  currency: Type.String(),
  items: Type.Array(DetailItem, { description: 'Newest first' }),
  nextCursor: Nullable(
    Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  ),
  totals: DetailTotals,
});
export type UsageDetails = Static<typeof UsageDetails>;
