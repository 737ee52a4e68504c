import { type Static, Type } from 'typebox';

export const PaymentStatus = Type.Union(
  [Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled')],
  { description: 'Only `pending` changes; the other three are final' },
);

export const PaymentFailureReason = Type.Union(
  [
    Type.Literal('card_declined'),
    Type.Literal('insufficient_funds'),
    Type.Literal('authentication_failed'),
    Type.Literal('authentication_required'),
    Type.Literal('expired_card'),
    Type.Literal('cancelled_by_payer'),
    Type.Literal('expired'),
    Type.Literal('provider_error'),
  ],
  { description: 'Why a payment failed or was cancelled' },
);

/** Integers a database bigint and a JavaScript number both hold exactly. */
const MAX = Number.MAX_SAFE_INTEGER;

const CardView = Type.Object({
  brand: Type.String({ description: 'visa, mastercard, mir, amex, …' }),
  last4: Type.String({ pattern: '^[0-9]{4}$' }),
});

export const Receipt = Type.Object({
  number: Type.String({ description: 'Receipt number to quote to support, e.g. R-20261126-000042' }),
  amount: Type.Integer({ description: 'Credited, minor units (no commission)' }),
  currency: Type.String(),
  paidAt: Type.String({ format: 'date-time' }),
  card: Type.Union([CardView, Type.Null()]),
});

export const Payment = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('top_up'), Type.Literal('auto_top_up'), Type.Literal('bill_payment')]),
  amount: Type.Integer({ description: 'Minor units' }),
  currency: Type.String(),
  status: PaymentStatus,
  failureReason: Type.Union([PaymentFailureReason, Type.Null()]),
  card: Type.Union([CardView, Type.Null()]),
  receipt: Type.Union([Receipt, Type.Null()], { description: 'Set once the payment succeeded' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Payment = Static<typeof Payment>;

export const StartTopUpRequest = Type.Object(
  {
    amount: Type.Integer({
      minimum: 1,
      maximum: MAX,
      description: 'Minor units, within TOP_UP_MIN..TOP_UP_MAX',
    }),
    idempotencyKey: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 100,
        description:
          'One per attempt (a UUID); may be sent as the `Idempotency-Key` header instead. The same key returns the same payment.',
      }),
    ),
    cardId: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX, description: 'Pay with this saved card' }),
    ),
    saveCard: Type.Optional(
      Type.Boolean({ description: 'Save the card typed on the payment page', default: false }),
    ),
  },
  { additionalProperties: false },
);
export type StartTopUpRequest = Static<typeof StartTopUpRequest>;

export const StartBillPaymentRequest = Type.Object(
  {
    amount: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX,
        description: 'Minor units, at most what is outstanding; absent pays everything outstanding',
      }),
    ),
    idempotencyKey: StartTopUpRequest.properties.idempotencyKey,
    cardId: StartTopUpRequest.properties.cardId,
    saveCard: StartTopUpRequest.properties.saveCard,
  },
  { additionalProperties: false },
);
export type StartBillPaymentRequest = Static<typeof StartBillPaymentRequest>;

export const StartedTopUp = Type.Object({
  payment: Payment,
  redirectUrl: Type.Union([Type.String(), Type.Null()], {
    description:
      "The provider's payment page to send the payer to; null when a saved card was charged at once",
  }),
});
export type StartedTopUp = Static<typeof StartedTopUp>;

export const PaymentList = Type.Object({
  payments: Type.Array(Payment),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type PaymentList = Static<typeof PaymentList>;

export const PaymentListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX })),
  },
  { additionalProperties: false },
);

export const SavedCard = Type.Object({
  id: Type.Integer(),
  brand: Type.String(),
  last4: Type.String(),
  expMonth: Type.Union([Type.Integer(), Type.Null()]),
  expYear: Type.Union([Type.Integer(), Type.Null()]),
});
export type SavedCard = Static<typeof SavedCard>;

export const SavedCardList = Type.Object({ cards: Type.Array(SavedCard) });
export type SavedCardList = Static<typeof SavedCardList>;

export const AutoTopUpSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    cardId: Type.Union([Type.Integer({ minimum: 1, maximum: MAX }), Type.Null()], {
      description: 'The saved card to charge',
    }),
    amount: Type.Integer({ minimum: 1, maximum: MAX, description: 'Each auto top-up, minor units' }),
    threshold: Type.Union([Type.Integer({ minimum: 0, maximum: MAX }), Type.Null()], {
      description: 'Top up when the balance falls below this (minor units); null for none',
    }),
    monthlyDay: Type.Union([Type.Integer({ minimum: 1, maximum: 28 }), Type.Null()], {
      description: 'Also top up once a month on this day; null for none',
    }),
    dailyLimit: Type.Integer({
      minimum: 1,
      maximum: MAX,
      description: 'At most this much per day by auto top-up',
    }),
    monthlyLimit: Type.Integer({
      minimum: 1,
      maximum: MAX,
      description: 'At most this much per month by auto top-up',
    }),
  },
  { additionalProperties: false },
);
export type AutoTopUpSettings = Static<typeof AutoTopUpSettings>;

export const TopUpOptions = Type.Object({
  currency: Type.String(),
  min: Type.Integer(),
  max: Type.Integer(),
  suggested: Type.Array(Type.Integer(), { description: 'Amount chips to offer, minor units' }),
  provider: Type.String({ description: '`sandbox` (test cards only) or `stripe`' }),
});
export type TopUpOptions = Static<typeof TopUpOptions>;
