import { type Static, Type } from 'typebox';

export const UsageEvent = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Idempotency key: a repeat returns the first result',
    }),
    msisdn: Type.String({ description: 'The subscriber, E.164' }),
    type: Type.Union([Type.Literal('voice'), Type.Literal('sms'), Type.Literal('mms'), Type.Literal('data')]),
    startedAt: Type.String({ format: 'date-time' }),
    seconds: Type.Optional(Type.Integer({ minimum: 0, description: 'voice' })),
    bytes: Type.Optional(Type.Integer({ minimum: 0, description: 'data' })),
    count: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'sms/mms' })),
    otherParty: Type.Optional(Type.String({ description: 'voice/sms/mms: the other number, E.164' })),
    roamingCountry: Type.Optional(
      Type.String({ description: 'ISO 3166-1 alpha-2 of the visited country when roaming' }),
    ),
    ratingGroup: Type.Optional(
      Type.Integer({ minimum: 0, description: 'data: the service the traffic belongs to' }),
    ),
  },
  { description: 'A usage event from the mobile core. Each event is checked on its own.' },
);
export type UsageEvent = Static<typeof UsageEvent>;

export const UsageCharge = Type.Object({
  source: Type.Union([Type.Literal('bundle'), Type.Literal('balance')]),
  bundleId: Type.Optional(Type.Integer()),
  units: Type.Integer({ description: 'Rated seconds, messages or bytes taken from this source' }),
  amount: Type.Integer({ description: 'Money in minor units (0 for bundle units)' }),
});

export const UsageResult = Type.Object({
  id: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('charged'), Type.Literal('rejected')]),
  reason: Type.Optional(
    Type.Union([
      Type.Literal('unknown_subscriber'),
      Type.Literal('insufficient_funds'),
      Type.Literal('line_blocked'),
      Type.Literal('invalid'),
    ]),
  ),
  detail: Type.Optional(Type.String()),
  charges: Type.Optional(Type.Array(UsageCharge)),
  balanceAfter: Type.Optional(
    Type.Integer({ description: 'The account balance after this event, minor units' }),
  ),
});
export type UsageResult = Static<typeof UsageResult>;

export const UsageBatchRequest = Type.Object(
  {
    events: Type.Array(
      // Documented as UsageEvent, accepted as anything: a malformed event is refused on its own.
      Type.Union([UsageEvent, Type.Unknown()]),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

export const UsageBatchResponse = Type.Object({ results: Type.Array(UsageResult) });
