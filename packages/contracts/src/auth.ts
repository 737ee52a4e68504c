import { type Static, Type } from 'typebox';

const Msisdn = Type.String({ description: 'E.164, e.g. +79000000001' });

export const ManagedLineView = Type.Object({
  msisdn: Msisdn,
  customerName: Type.String(),
  relation: Type.Union([Type.Literal('own'), Type.Literal('account'), Type.Literal('added')], {
    description:
      '`own`: the number signed in with; `account`: a line of an account it owns; `added`: proven by a code',
  }),
});

export const SessionView = Type.Object({
  csrfToken: Type.String({
    description:
      'Send as `X-CSRF-Token` with every request of this session. Keep it in memory only: a device with a PIN gets it again only by unlocking.',
  }),
  msisdn: Msisdn,
  customerName: Type.String(),
  language: Type.String(),
  pinSet: Type.Boolean(),
  passwordSet: Type.Boolean(),
  lines: Type.Array(ManagedLineView),
});
export type SessionView = Static<typeof SessionView>;

export const SignedIn = Type.Object({ state: Type.Literal('signed_in'), session: SessionView });

export const SessionState = Type.Union([
  Type.Object({ state: Type.Literal('signed_out') }),
  Type.Object({ state: Type.Literal('pin_required'), msisdn: Msisdn, pinTriesLeft: Type.Integer() }),
  SignedIn,
]);
export type SessionState = Static<typeof SessionState>;

const NumberInput = Type.String({
  minLength: 1,
  maxLength: 32,
  description: 'National ("8 900 000-00-01", "9000000001") or international ("+7 900 000 00 01")',
});
const ChallengeId = Type.String({ minLength: 1, maxLength: 64 });
const Code = Type.String({ minLength: 1, maxLength: 12 });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Pin = Type.String({ minLength: 1, maxLength: 12 });

export const CodeRequest = Type.Object(
  {
    msisdn: NumberInput,
    purpose: Type.Optional(Type.Union([Type.Literal('sign_in'), Type.Literal('password_reset')])),
  },
  { additionalProperties: false },
);
export const CodeChallenge = Type.Object({
  challengeId: ChallengeId,
  expiresInSeconds: Type.Integer(),
  resendInSeconds: Type.Integer(),
});
export const ResendRequest = Type.Object({ challengeId: ChallengeId }, { additionalProperties: false });
export const VerifyCodeRequest = Type.Object(
  { challengeId: ChallengeId, code: Code },
  { additionalProperties: false },
);
export const PasswordSignInRequest = Type.Object(
  { msisdn: NumberInput, password: Password },
  { additionalProperties: false },
);
export const PasswordResetRequest = Type.Object(
  { challengeId: ChallengeId, code: Code, password: Password },
  { additionalProperties: false },
);
export const PinRequest = Type.Object({ pin: Pin }, { additionalProperties: false });
export const PasswordRequest = Type.Object({ password: Password }, { additionalProperties: false });
export const AddNumberRequest = Type.Object({ msisdn: NumberInput }, { additionalProperties: false });

export const DeviceList = Type.Object({
  devices: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
      lastUsedAt: Type.String({ format: 'date-time' }),
      current: Type.Boolean(),
      pinSet: Type.Boolean(),
    }),
  ),
});

export const SecurityActivity = Type.Object({
  events: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: Type.String({ description: 'e.g. signed_in_code, pin_set, device_signed_out, number_added' }),
      at: Type.String({ format: 'date-time' }),
      device: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const SignInProviders = Type.Object({
  oidc: Type.Union([Type.Object({ name: Type.String() }), Type.Null()], {
    description: "The operator's OpenID Connect provider, or null when none is configured",
  }),
});

export const IdentityList = Type.Object({
  identities: Type.Array(
    Type.Object({
      id: Type.Integer(),
      provider: Type.String(),
      linkedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  providerName: Type.Union([Type.String(), Type.Null()]),
});

export const IdentityParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

export const OidcStartQuery = Type.Object(
  { intent: Type.Optional(Type.Literal('sign_in')) },
  { additionalProperties: false },
);

export const OidcRedirect = Type.Object({ url: Type.String({ format: 'uri' }) });
