import { type Static, Type } from 'typebox';

/** The money side of the ledger for one line: payments in and charges out, as a statement lists them. */
export const MoneyHistoryQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    before: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'nextBefore of the previous page: only entries older than it',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MoneyHistoryQuery = Static<typeof MoneyHistoryQuery>;

export const MoneyHistoryEntry = Type.Object({
  id: Type.Integer({
    description: 'The ledger row; rows are listed in the order they were recorded, newest first',
  }),
  at: Type.String({ description: 'When the money moved (ISO-8601)' }),
  kind: Type.String({
    description:
      'What moved it: top_up, fee, pack_purchase, tariff_change, order, refund, … (charges for usage are in the itemized details, not here)',
  }),
  amount: Type.Integer({ description: 'Signed minor units: positive paid in, negative charged' }),
  balanceAfter: Type.Integer({ description: 'The account balance right after this entry' }),
  reference: Type.Union([
    Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
});
export type MoneyHistoryEntry = Static<typeof MoneyHistoryEntry>;

export const MoneyHistory = Type.Object({
  currency: Type.String(),
  entries: Type.Array(MoneyHistoryEntry),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Pass as `before` for the next page; null on the last page',
  }),
});
export type MoneyHistory = Static<typeof MoneyHistory>;
