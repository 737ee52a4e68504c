/** Every path of the app, in one place. Pages link with these builders, never with string literals. */
export const paths = {
  home: '/',
  tariffs: '/tariffs',
  tariff: '/tariffs/:code',
  internet: '/internet',
  services: '/services',
  account: '/account',
  roaming: '/roaming',
  bonus: '/bonus',
  settings: '/settings',
  more: '/more',
  signIn: '/sign-in',
  signInPassword: '/sign-in/password',
  forgotPassword: '/sign-in/forgot',
  security: '/settings/security',
  numbers: '/settings/numbers',
  topUp: '/top-up',
  topUpResult: '/top-up/result',
  autoTopUp: '/top-up/auto',
  payments: '/payments',
  voucher: '/account/voucher',
  promisedPayment: '/account/promised-payment',
  bills: '/account/bills',
  bill: '/account/bills/:number',
} as const;

/** Why the sign-in screen was opened, when it was not the person's own choice. */
export type SignInReason = 'pin_locked' | 'ended';

export const to = {
  home: () => paths.home,
  tariffs: () => paths.tariffs,
  tariff: (code: string) => `/tariffs/${encodeURIComponent(code)}`,
  internet: () => paths.internet,
  services: () => paths.services,
  account: () => paths.account,
  roaming: (country?: string) =>
    country ? `${paths.roaming}?${new URLSearchParams({ country })}` : paths.roaming,
  bonus: () => paths.bonus,
  settings: () => paths.settings,
  more: () => paths.more,
  /** `next`: where to return after signing in (an in-app path). */
  signIn: (options: { next?: string; reason?: SignInReason } = {}) => withQuery(paths.signIn, options),
  signInPassword: (options: { next?: string } = {}) => withQuery(paths.signInPassword, options),
  forgotPassword: (options: { next?: string } = {}) => withQuery(paths.forgotPassword, options),
  security: () => paths.security,
  numbers: () => paths.numbers,
  topUp: () => paths.topUp,
  /** Where the payment page sends the payer back to (the server builds the same URL). */
  topUpResult: (msisdn: string, paymentId: number) =>
    withQuery(paths.topUpResult, { line: msisdn, payment: String(paymentId) }),
  autoTopUp: () => paths.autoTopUp,
  payments: () => paths.payments,
  voucher: () => paths.voucher,
  promisedPayment: () => paths.promisedPayment,
  bills: () => paths.bills,
  bill: (number: string) => `/account/bills/${encodeURIComponent(number)}`,
};

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** A `next` parameter is followed only to a path inside the app, never to another site. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : paths.home;
}
