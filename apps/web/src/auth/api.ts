import { queryOptions } from '@tanstack/react-query';
import { request } from '../api/http';

/** The shapes of /api/auth (see the sign-in contract); the UI keys on `state` and on problem codes. */

export type LineRelation = 'own' | 'account' | 'added';

export interface SessionLine {
  msisdn: string;
  customerName: string | null;
  relation: LineRelation;
}

export interface SessionView {
  csrfToken: string;
  /** The number signed in with, E.164. */
  msisdn: string;
  customerName: string | null;
  language: string;
  pinSet: boolean;
  passwordSet: boolean;
  /** The lines this sign-in may manage. */
  lines: SessionLine[];
}

export type SessionState =
  | { state: 'signed_out' }
  | { state: 'pin_required'; msisdn: string; pinTriesLeft: number }
  | { state: 'signed_in'; session: SessionView };

export type SignedIn = Extract<SessionState, { state: 'signed_in' }>;

export interface Challenge {
  challengeId: string;
  expiresInSeconds: number;
  resendInSeconds: number;
}

export interface Device {
  id: string | number;
  label: string | null;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
  pinSet: boolean;
}

export const activityKinds = [
  'signed_in_code',
  'signed_in_password',
  'signed_in_network',
  'signed_in_oidc',
  'signed_out',
  'device_signed_out',
  'signed_out_everywhere',
  'pin_set',
  'pin_removed',
  'pin_locked_out',
  'password_set',
  'password_removed',
  'password_reset',
  'number_added',
  'number_removed',
  'identity_linked',
  'identity_unlinked',
  'code_locked_out',
] as const;

export interface ActivityEvent {
  id: string | number;
  kind: string;
  at: string;
  device: string | null;
}

export interface Identity {
  id: string | number;
  provider: string;
  linkedAt: string;
}

export type CodePurpose = 'sign_in' | 'password_reset';

const post = <T>(path: string, body?: unknown, session = false) =>
  request<T>(path, { method: 'POST', body: body ?? {}, session });

export const authApi = {
  session: (signal?: AbortSignal) => request<SessionState>('/api/auth/session', { signal }),
  networkSignIn: () => post<SignedIn>('/api/auth/network-sign-in'),
  requestCode: (msisdn: string, purpose: CodePurpose = 'sign_in') =>
    post<Challenge>('/api/auth/code', { msisdn, purpose }),
  resendCode: (challengeId: string) => post<Challenge>('/api/auth/code/resend', { challengeId }),
  verifyCode: (challengeId: string, code: string) =>
    post<SignedIn>('/api/auth/code/verify', { challengeId, code }),
  passwordSignIn: (msisdn: string, password: string) =>
    post<SignedIn>('/api/auth/password/sign-in', { msisdn, password }),
  resetPassword: (challengeId: string, code: string, password: string) =>
    post<SignedIn>('/api/auth/password/reset', { challengeId, code, password }),
  unlock: (pin: string) => post<SignedIn>('/api/auth/pin/unlock', { pin }),
  setPin: (pin: string) => request<void>('/api/auth/pin', { method: 'PUT', body: { pin }, session: true }),
  removePin: () => request<void>('/api/auth/pin', { method: 'DELETE', session: true }),
  setPassword: (password: string) =>
    request<void>('/api/auth/password', { method: 'PUT', body: { password }, session: true }),
  removePassword: () => request<void>('/api/auth/password', { method: 'DELETE', session: true }),
  signOut: () => post<void>('/api/auth/sign-out'),
  devices: (signal?: AbortSignal) =>
    request<{ devices: Device[] }>('/api/auth/devices', { signal, session: true }),
  signOutDevice: (id: Device['id']) =>
    request<void>(`/api/auth/devices/${encodeURIComponent(String(id))}`, { method: 'DELETE', session: true }),
  signOutEverywhere: () => post<void>('/api/auth/devices/sign-out-all', {}, true),
  activity: (signal?: AbortSignal) =>
    request<{ events: ActivityEvent[] }>('/api/auth/activity', { signal, session: true }),
  addNumber: (msisdn: string) => post<Challenge>('/api/auth/numbers', { msisdn }, true),
  verifyNumber: (challengeId: string, code: string) =>
    post<SignedIn>('/api/auth/numbers/verify', { challengeId, code }, true),
  removeNumber: (msisdn: string) =>
    request<void>(`/api/auth/numbers/${encodeURIComponent(msisdn)}`, { method: 'DELETE', session: true }),
  identities: (signal?: AbortSignal) =>
    request<{ identities: Identity[]; providerName: string | null }>('/api/auth/identities', {
      signal,
      session: true,
    }),
  /** Linking needs the unlocked page's key, so it starts with a POST; the browser then goes to `url`. */
  startIdentityLink: () => post<{ url: string }>('/api/auth/oidc/link', {}, true),
  unlinkIdentity: (id: Identity['id']) =>
    request<void>(`/api/auth/identities/${encodeURIComponent(String(id))}`, {
      method: 'DELETE',
      session: true,
    }),
};

/** Where the browser goes to sign in with the operator's external identity provider (a full page load). */
export const oidcSignInUrl = '/api/auth/oidc/start';

export const oidcQuery = queryOptions({
  queryKey: ['auth', 'oidc'] as const,
  queryFn: async ({ signal }) =>
    (await request<{ oidc: { name: string } | null }>('/api/auth/providers', { signal })).oidc,
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

export const devicesQuery = queryOptions({
  queryKey: ['auth', 'devices'] as const,
  queryFn: ({ signal }) => authApi.devices(signal),
});

export const activityQuery = queryOptions({
  queryKey: ['auth', 'activity'] as const,
  queryFn: ({ signal }) => authApi.activity(signal),
});

export const identitiesQuery = queryOptions({
  queryKey: ['auth', 'identities'] as const,
  queryFn: ({ signal }) => authApi.identities(signal),
});
