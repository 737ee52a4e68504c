import { type Static, Type } from 'typebox';

const Target = Type.Object(
  {
    number: Type.String({
      minLength: 1,
      maxLength: 32,
      description: 'Where calls go: any phone number, national or international form; answered in E.164',
    }),
    noAnswerSeconds: Type.Optional(
      Type.Integer({
        description: 'no_answer only: seconds of ringing first, 5–30 in steps of 5 (default 20)',
      }),
    ),
  },
  { additionalProperties: false },
);
const Slot = Type.Optional(Type.Union([Target, Type.Null()], { description: 'null or absent: off' }));

/** The line's call forwarding, set as a whole: each condition on (with a number) or off. */
export const CallForwardingRequest = Type.Object(
  { unconditional: Slot, busy: Slot, no_answer: Slot, unreachable: Slot },
  { additionalProperties: false },
);
export type CallForwardingRequest = Static<typeof CallForwardingRequest>;

const Stored = Type.Union([
  Type.Object({ number: Type.String(), noAnswerSeconds: Type.Union([Type.Integer(), Type.Null()]) }),
  Type.Null(),
]);

export const CallForwarding = Type.Object({
  unconditional: Stored,
  busy: Stored,
  no_answer: Stored,
  unreachable: Stored,
  updatedAt: Type.Union([Type.String(), Type.Null()], { description: 'When it was last saved; null: never' }),
});
export type CallForwarding = Static<typeof CallForwarding>;
