import { type Static, Type } from 'typebox';

/** RFC 9457 problem details, with our stable machine-readable `code`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable error code, e.g. `not_found`, `validation_failed`' }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    retryAfterSeconds: Type.Optional(
      Type.Integer({ description: 'For 429: seconds until the same request may succeed' }),
    ),
    triesLeft: Type.Optional(Type.Integer({ description: 'Wrong codes or PINs still allowed' })),
    reason: Type.Optional(Type.String({ description: 'Why, in one stable word (e.g. `too_common`)' })),
    min: Type.Optional(
      Type.Integer({ description: 'For `amount_out_of_range`: the smallest amount, minor units' }),
    ),
    max: Type.Optional(
      Type.Integer({ description: 'For `amount_out_of_range`: the largest amount, minor units' }),
    ),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), {
        description: 'Per-field validation failures',
      }),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof Problem>;
