import { type Static, Type } from 'typebox';

export const OrderKind = Type.Union(
  [
    Type.Literal('change_tariff'),
    Type.Literal('connect_service'),
    Type.Literal('disconnect_service'),
    Type.Literal('buy_pack'),
    Type.Literal('cancel_subscription'),
  ],
  { description: 'What the order does; `code` names the tariff, service or pack in the catalogue' },
);
export type OrderKind = Static<typeof OrderKind>;

const Code = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Catalogue code, e.g. `internet-1gb-7d`',
});
const Effective = Type.Union([Type.Literal('now'), Type.Literal('next_period')]);

export const OrderQuoteRequest = Type.Object(
  { kind: OrderKind, code: Code },
  { additionalProperties: false },
);
export type OrderQuoteRequest = Static<typeof OrderQuoteRequest>;

export const PlaceOrderRequest = Type.Object(
  {
    clientKey: Type.String({
      minLength: 8,
      maxLength: 100,
      description:
        'Idempotency key chosen by the client, unique per line (a UUID is fine). Sending the same key again ' +
        'returns the first answer with the same status and charges nothing.',
    }),
    kind: OrderKind,
    code: Code,
  },
  { additionalProperties: false },
);
export type PlaceOrderRequest = Static<typeof PlaceOrderRequest>;

export const OrderQuote = Type.Object({
  kind: OrderKind,
  code: Type.String(),
  price: Type.Integer({
    description:
      'What the order costs, in minor units: the tariff change fee, the one-time or first period fee of a service, the pack price; 0 to disconnect',
  }),
  chargedNow: Type.Integer({
    description:
      'Debited when the order is placed; a tariff change effective now also pays the first period of the new tariff',
  }),
  recurringFee: Type.Union([
    Type.Object({
      amount: Type.Integer(),
      period: Type.Union([Type.Literal('day'), Type.Literal('month')]),
    }),
    Type.Null(),
  ]),
  currency: Type.String(),
  effective: Effective,
  effectiveAt: Type.String({ format: 'date-time' }),
  canAfford: Type.Boolean({
    description: 'Whether the balance (and credit limit) covers chargedNow right now',
  }),
  description: Type.String({ description: 'The quote in one English sentence' }),
});
export type OrderQuote = Static<typeof OrderQuote>;

export const PlacedOrder = Type.Object({
  id: Type.Integer(),
  status: Type.Literal('completed'),
  kind: OrderKind,
  code: Type.String(),
  price: Type.Integer(),
  chargedNow: Type.Integer(),
  effective: Effective,
  effectiveAt: Type.String({ format: 'date-time' }),
  balanceAfter: Type.Integer({ description: 'The account balance after the order, in minor units' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type PlacedOrder = Static<typeof PlacedOrder>;

export const OrderListItem = Type.Object({
  id: Type.Integer(),
  clientKey: Type.String(),
  kind: OrderKind,
  code: Type.String(),
  status: Type.Union([Type.Literal('completed'), Type.Literal('rejected')]),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'Problem code of a rejected order' }),
  price: Type.Integer(),
  chargedNow: Type.Integer(),
  effective: Effective,
  effectiveAt: Type.String({ format: 'date-time' }),
  balanceAfter: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type OrderListItem = Static<typeof OrderListItem>;

export const OrderList = Type.Object({
  orders: Type.Array(OrderListItem),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Pass as `before` to get the next page; null on the last page',
  }),
});
export type OrderList = Static<typeof OrderList>;

export const OrderListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only orders with an id below this' })),
  },
  { additionalProperties: false },
);
export type OrderListQuery = Static<typeof OrderListQuery>;
