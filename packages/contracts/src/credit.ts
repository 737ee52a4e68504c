import { type Static, type TSchema, Type } from 'typebox';

/**
 * Money in on credit and by code: vouchers, the promised payment, postpaid bills. Money in minor units
 * of the operator's currency (`currency` in each answer).
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Money = (description?: string) => Type.Integer(description ? { description } : {});

export const RedeemVoucherRequest = Type.Object(
  {
    code: Type.String({
      minLength: 16,
      maxLength: 24,
      pattern: '^[0-9A-Za-z \\-]+$',
      description: 'The 16-character code from the voucher; spaces, dashes and case do not matter',
    }),
  },
  { additionalProperties: false },
);
export type RedeemVoucherRequest = Static<typeof RedeemVoucherRequest>;

export const VoucherRedeemed = Type.Object({
  amount: Money('Credited to the account'),
  repaidAmount: Money('Part of the amount that repaid a promised payment'),
  balance: Money('The account balance after'),
  currency: Type.String(),
});
export type VoucherRedeemed = Static<typeof VoucherRedeemed>;

export const VoucherHistory = Type.Object({
  currency: Type.String(),
  redemptions: Type.Array(Type.Object({ amount: Money(), repaidAmount: Money(), redeemedAt: Type.String() })),
});
export type VoucherHistory = Static<typeof VoucherHistory>;

export const IssueVouchersRequest = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: 1000 }),
    amount: Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'Minor units' }),
    batch: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type IssueVouchersRequest = Static<typeof IssueVouchersRequest>;

export const IssuedVouchers = Type.Object({
  batch: Type.String(),
  amount: Money(),
  currency: Type.String(),
  expiresAt: Nullable(Type.String()),
  codes: Type.Array(Type.String(), {
    description: 'Shown once: only their keyed hashes are stored, so they cannot be listed again',
  }),
});
export type IssuedVouchers = Static<typeof IssuedVouchers>;

export const PromisedPaymentRefusal = Type.Union([
  Type.Literal('postpaid'),
  Type.Literal('line_too_new'),
  Type.Literal('too_few_top_ups'),
  Type.Literal('already_open'),
  Type.Literal('blocked_too_long'),
  Type.Literal('line_not_active'),
]);
export type PromisedPaymentRefusal = Static<typeof PromisedPaymentRefusal>;

export const PromisedPayment = Type.Object({
  amount: Money(),
  feeAmount: Money(),
  outstanding: Money('Still to repay; the next top-ups and vouchers repay it first'),
  status: Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('repaid')]),
  takenAt: Type.String(),
  dueAt: Type.String(),
  repaidAt: Nullable(Type.String()),
});
export type PromisedPayment = Static<typeof PromisedPayment>;

export const PromisedPaymentOffer = Type.Object({
  currency: Type.String(),
  eligible: Type.Boolean(),
  refusals: Type.Array(PromisedPaymentRefusal, { description: 'Every reason it is not available now' }),
  amounts: Type.Array(Money()),
  feeAmount: Money(),
  termDays: Type.Integer(),
  rules: Type.Object({
    minLineAgeDays: Type.Integer(),
    minTopUpAmount: Money(),
    topUpWindowDays: Type.Integer(),
    maxBlockedDays: Type.Integer(),
  }),
  current: Nullable(PromisedPayment),
  history: Type.Array(PromisedPayment),
});
export type PromisedPaymentOffer = Static<typeof PromisedPaymentOffer>;

export const TakePromisedPaymentRequest = Type.Object(
  {
    clientKey: Type.String({
      minLength: 8,
      maxLength: 100,
      description: 'Idempotency key, unique per line: a repeat answers with the first promised payment',
    }),
    amount: Type.Integer({ minimum: 1, description: 'One of the offered amounts' }),
  },
  { additionalProperties: false },
);
export type TakePromisedPaymentRequest = Static<typeof TakePromisedPaymentRequest>;

export const PromisedPaymentTaken = Type.Object({
  promisedPayment: PromisedPayment,
  balance: Money(),
  currency: Type.String(),
});
export type PromisedPaymentTaken = Static<typeof PromisedPaymentTaken>;

export const BillStatus = Type.String({
  description: 'new, sent, partially_paid, settled or overdue (older bills may also be paid)',
});

export const BillSummary = Type.Object({
  number: Type.String(),
  periodStart: Type.String({ description: 'YYYY-MM-DD, first day' }),
  periodEnd: Type.String({ description: 'YYYY-MM-DD, last day' }),
  issuedAt: Type.String(),
  dueDate: Type.String({ description: 'YYYY-MM-DD in the billing time zone' }),
  status: BillStatus,
  totalAmount: Money(),
  paidAmount: Money(),
});
export type BillSummary = Static<typeof BillSummary>;

export const BillList = Type.Object({ currency: Type.String(), bills: Type.Array(BillSummary) });
export type BillList = Static<typeof BillList>;

export const BillDetail = Type.Intersect([
  BillSummary,
  Type.Object({
    currency: Type.String(),
    feesAmount: Money(),
    usageAmount: Money(),
    discountAmount: Money('Subtracted'),
    taxAmount: Money('Added on top (exclusive) or contained in the total (inclusive)'),
    taxMode: Nullable(Type.Union([Type.Literal('inclusive'), Type.Literal('exclusive')])),
    taxRateBasisPoints: Nullable(Type.Integer()),
    lines: Type.Array(
      Type.Object({
        kind: Type.Union([
          Type.Literal('fee'),
          Type.Literal('usage'),
          Type.Literal('discount'),
          Type.Literal('tax'),
        ]),
        amount: Money('Signed: a discount is negative'),
      }),
    ),
    payments: Type.Array(Type.Object({ amount: Money(), source: Type.String(), paidAt: Type.String() })),
  }),
]);
export type BillDetail = Static<typeof BillDetail>;

export const BillParams = Type.Object({
  msisdn: Type.String({ pattern: '^\\+[1-9][0-9]{7,14}$' }),
  number: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }),
});

export const RecordBillPaymentRequest = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: 10_000_000_000, description: 'Minor units' }),
    reference: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The payment’s own reference (bank transfer id): UNIQUE, a repeat records nothing',
    }),
  },
  { additionalProperties: false },
);
export type RecordBillPaymentRequest = Static<typeof RecordBillPaymentRequest>;

export const BillPaymentRecorded = Type.Object({
  billNumber: Type.String(),
  amount: Money(),
  status: BillStatus,
  paidAmount: Money(),
  outstanding: Money(),
  currency: Type.String(),
});
export type BillPaymentRecorded = Static<typeof BillPaymentRecorded>;
