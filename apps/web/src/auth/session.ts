import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { setCsrfToken } from '../api/http';
import { forgetLastSummaries } from '../api/last-summary';
import { queryClient } from '../app/queryClient';
import { authApi, type SessionState, type SessionView, type SignedIn } from './api';

export const sessionKey = ['auth', 'session'] as const;

// Header enrichment is tried once per page load: after a sign-out in this tab the person chose to be
// signed out, and asking the network again would sign them straight back in.
let networkSignInTried = false;

function remember<T extends SessionState>(state: T): T {
  setCsrfToken(state.state === 'signed_in' ? state.session.csrfToken : null);
  rememberForNextStart(state);
  return state;
}

// ---- Who was signed in, for painting the remembered Home before the session answers ----

const LAST_SESSION_KEY = 'kabinet.lastSession';

/**
 * The signed-in session as the next start may show it before the server confirms it: who and which
 * lines, never the page key. Kept only while signed in on a device without a PIN (a PIN must be
 * entered before any figure shows); any other answer forgets it, and with it the remembered figures
 * when the session is gone.
 */
function rememberForNextStart(state: SessionState): void {
  try {
    if (state.state === 'signed_in' && !state.session.pinSet) {
      const { csrfToken: _key, ...remembered } = state.session;
      localStorage.setItem(LAST_SESSION_KEY, JSON.stringify(remembered));
      return;
    }
    localStorage.removeItem(LAST_SESSION_KEY);
    if (state.state === 'signed_out') forgetLastSummaries();
  } catch {
    // storage blocked: the next start waits for the server
  }
}

/**
 * The session this device was last signed in with (no PIN), to paint its Home at once while the real
 * answer is on its way; null when there is none. Not proof of anything: no private call is made with it.
 */
export function lastSession(): SessionView | null {
  try {
    const text = localStorage.getItem(LAST_SESSION_KEY);
    if (!text) return null;
    const remembered = JSON.parse(text) as Omit<SessionView, 'csrfToken'>;
    if (remembered.pinSet !== false || !Array.isArray(remembered.lines)) return null;
    return { ...remembered, csrfToken: '' };
  } catch {
    return null;
  }
}

async function loadSession(signal?: AbortSignal): Promise<SessionState> {
  const state = await authApi.session(signal);
  if (state.state === 'signed_out' && !networkSignInTried) {
    networkSignInTried = true;
    try {
      return remember(await authApi.networkSignIn());
    } catch {
      // not_recognised (not on the operator's network, or no trusted proxy): stay signed out, silently
    }
  }
  return remember(state);
}

/**
 * Who is using the app on this device. Read once at start and then changed only by the answers of the
 * sign-in calls: a refetch would return pin_required on a device with a PIN even right after unlocking.
 */
export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: ({ signal }) => loadSession(signal),
  staleTime: Number.POSITIVE_INFINITY,
  gcTime: Number.POSITIVE_INFINITY,
  refetchOnReconnect: false,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** Private data of the signed-in subscriber, dropped on sign-out so the next person cannot see it. */
function forgetPrivateData(): void {
  forgetLastSummaries();
  try {
    localStorage.removeItem(LAST_SESSION_KEY);
  } catch {
    // nothing stored
  }
  queryClient.removeQueries({ queryKey: ['line'] });
  queryClient.removeQueries({ queryKey: ['auth', 'devices'] });
  queryClient.removeQueries({ queryKey: ['auth', 'activity'] });
  queryClient.removeQueries({ queryKey: ['auth', 'identities'] });
}

/** A sign-in, unlock or number verification succeeded: this is the session from now on. */
export function acceptSignedIn(answer: SignedIn): void {
  endReason = null;
  remember(answer);
  queryClient.setQueryData(sessionKey, answer);
}

/** Updates the signed-in session in place (after a change the server answered with 204). */
export function updateSession(change: (session: SessionView) => SessionView): void {
  const state = queryClient.setQueryData<SessionState>(sessionKey, (state) =>
    state?.state === 'signed_in' ? { state: 'signed_in', session: change(state.session) } : state,
  );
  // A PIN set (or a line added) in this tab changes what the next start may paint before it is asked.
  if (state) rememberForNextStart(state);
}

/**
 * Why the session last ended in this tab: the person signed out ('choice': a private screen they were
 * on goes to the public home), or it ended by itself ('ended': signed out elsewhere, expired;
 * 'pin_locked': three wrong PINs; the sign-in screen says which). null while signed in, or when there was never a session.
 */
export type EndReason = 'choice' | 'ended' | 'pin_locked' | null;
let endReason: EndReason = null;

export function sessionEndReason(): EndReason {
  return endReason;
}

/** The session is over on this device (signed out, ended elsewhere, or locked out). */
export function endSession(reason: EndReason = 'ended'): void {
  endReason = reason;
  setCsrfToken(null);
  networkSignInTried = true;
  queryClient.setQueryData<SessionState>(sessionKey, { state: 'signed_out' });
  forgetPrivateData();
}

/**
 * A call found the session locked or gone: ask the server what state the device is in now (the PIN
 * screen follows from pin_required; signed_out means the session ended elsewhere).
 */
export async function recheckSession(): Promise<SessionState> {
  forgetPrivateData();
  setCsrfToken(null);
  const state = await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
  // Set before the screens re-render (the query notifies them on a later task), so a private
  // screen sends the person to sign in with "you were signed out".
  if (state.state === 'signed_out') endReason = 'ended';
  return state;
}

export async function signOut(): Promise<void> {
  await authApi.signOut();
  endSession('choice');
}

// ---- The line being looked at (not secret: kept on the device so it survives a reload) ----

const LINE_STORAGE_KEY = 'kabinet.line';
const lineListeners = new Set<() => void>();

function readStoredLine(): string | null {
  try {
    return localStorage.getItem(LINE_STORAGE_KEY);
  } catch {
    return null;
  }
}

let storedLine = typeof localStorage === 'undefined' ? null : readStoredLine();

export function chooseLine(msisdn: string): void {
  storedLine = msisdn;
  try {
    localStorage.setItem(LINE_STORAGE_KEY, msisdn);
  } catch {
    // not persisted: the choice holds until the page is reloaded
  }
  for (const listener of lineListeners) listener();
}

function subscribeLine(listener: () => void) {
  lineListeners.add(listener);
  return () => lineListeners.delete(listener);
}

/** The line shown outside React (the start-up prefetch): the same rule as useCurrentLine. */
export function currentLineOf(session: SessionView): string {
  return storedLine && session.lines.some((line) => line.msisdn === storedLine) ? storedLine : session.msisdn;
}

/** The line chosen in the switcher, if this session may still manage it; else the signed-in number. */
export function useCurrentLine(session: SessionView | null): string | null {
  const chosen = useSyncExternalStore(subscribeLine, () => storedLine);
  if (!session) return null;
  if (chosen && session.lines.some((line) => line.msisdn === chosen)) return chosen;
  return session.msisdn;
}
