import type { SessionView } from '@kabinet/contracts';
import { expect } from 'vitest';
import type { AppInstance } from '../../src/app';

export interface Signed {
  cookie: string;
  csrf: string;
  session: SessionView;
  /** Headers of a request from this signed-in page. */
  headers: Record<string, string>;
}

/** The last code the dev outbox holds for a number (the SMS text starts with it). */
export function lastCodeFor(app: AppInstance, msisdn: string): string {
  const messages = app.deps.services.smsOutbox!.list().filter((m) => m.to === msisdn);
  const text = messages[0]?.text; // the outbox lists newest first
  expect(text, `an SMS to ${msisdn}`).toBeDefined();
  return /\d{6}/.exec(text!)![0];
}

/**
 * SMS are handed to the outbox without waiting for it; this waits (briefly) for the `nth` message of a
 * challenge (its reference) and returns the code in it.
 */
export async function codeOf(app: AppInstance, challengeId: string, nth = 1): Promise<string> {
  const outbox = app.deps.services.smsOutbox!;
  const sent = () => outbox.list().filter((m) => m.reference === challengeId);
  for (let i = 0; i < 400 && sent().length < nth; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const text = sent()[0]?.text;
  expect(text, `an SMS for challenge ${challengeId}`).toBeDefined();
  return /\d{6}/.exec(text!)![0];
}

export function cookieFrom(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie.join('\n') : (setCookie ?? '');
  const match = /kabinet_session=([^;]*)/.exec(header);
  expect(match, 'a session cookie').not.toBeNull();
  return `kabinet_session=${match![1]}`;
}

export async function requestCode(app: AppInstance, msisdn: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'POST', url: '/api/auth/code', payload: { msisdn }, headers });
  expect(response.statusCode, response.body).toBe(202);
  return response.json() as { challengeId: string; expiresInSeconds: number; resendInSeconds: number };
}

/** Signs a number in with the code from the dev outbox, as the app does. */
export async function signIn(
  app: AppInstance,
  msisdn: string,
  userAgent = 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile',
): Promise<Signed> {
  const { challengeId } = await requestCode(app, msisdn, { 'user-agent': userAgent });
  const code = await codeOf(app, challengeId);
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/code/verify',
    payload: { challengeId, code },
    headers: { 'user-agent': userAgent },
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { state: string; session: SessionView };
  const cookie = cookieFrom(response.headers['set-cookie']);
  return {
    cookie,
    csrf: body.session.csrfToken,
    session: body.session,
    headers: { cookie, 'x-csrf-token': body.session.csrfToken, 'user-agent': userAgent },
  };
}
