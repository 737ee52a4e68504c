import { type Static, Type } from 'typebox';
import { DetailType } from './lines';

const localDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const DetailsFormat = Type.Union([Type.Literal('csv'), Type.Literal('pdf')]);
export type DetailsFormat = Static<typeof DetailsFormat>;

export const DetailsMailOrderRequest = Type.Object(
  {
    clientKey: Type.String({
      minLength: 8,
      maxLength: 100,
      description:
        'Idempotency key chosen by the client, unique per line (a UUID is fine): a repeat is the same order ' +
        'and sends no second mail.',
    }),
    email: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 254,
        description: 'Where to send the details; default: the e-mail address on file for the account',
      }),
    ),
    from: Type.Optional(
      localDate('First day, YYYY-MM-DD in the billing time zone; default: the 1st of the month of `to`'),
    ),
    to: Type.Optional(localDate('Last day (inclusive), YYYY-MM-DD in the billing time zone; default: today')),
    type: Type.Optional(DetailType),
    formats: Type.Array(DetailsFormat, { minItems: 1, maxItems: 2, uniqueItems: true }),
    lang: Type.Optional(
      Type.Union([Type.Literal('en'), Type.Literal('ru'), Type.Literal('id')], {
        description: 'Language of the mail and the files; default: the account owner’s language',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DetailsMailOrderRequest = Static<typeof DetailsMailOrderRequest>;

export const DetailsMailOrderStatus = Type.Union(
  [Type.Literal('queued'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed')],
  {
    description:
      '`queued`: waiting to be sent (also between retries); `sending`: being sent now; `sent`: the mail ' +
      'relay accepted it; `failed`: it could not be sent (the relay refused it, or retries ran out)',
  },
);
export type DetailsMailOrderStatus = Static<typeof DetailsMailOrderStatus>;

export const DetailsMailOrder = Type.Object({
  id: Type.Integer(),
  status: DetailsMailOrderStatus,
  recipient: Type.String({ description: 'The address, masked: `a•••@example.com`' }),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  type: Type.Union([DetailType, Type.Null()]),
  formats: Type.Array(DetailsFormat),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type DetailsMailOrder = Static<typeof DetailsMailOrder>;

export const DetailsMailOrders = Type.Object({
  emailOnFile: Type.Union([Type.String(), Type.Null()], {
    description:
      'The account’s e-mail address on file, masked (a•••@example.com; null: none): an order without `email` ' +
      'goes there. Masked because anyone who may manage the line (e.g. a family line’s user) reads this.',
  }),
  perHour: Type.Integer({ description: 'Orders one line may place per hour' }),
  orders: Type.Array(DetailsMailOrder, { description: 'The line’s latest orders, newest first' }),
});
export type DetailsMailOrders = Static<typeof DetailsMailOrders>;
