import type { SessionState } from '@kabinet/contracts';
import { testEngine } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, type Signed, signIn } from './support/sign-in';
import { createTestApp, type TestApp } from './support/test-app';
import { providerBrowser, startTestOidcProvider, type TestOidcProvider } from './support/test-oidc-provider';

const ANNA = '+79000000001';
const BORIS = '+79000000002';
const PUBLIC_URL = 'http://localhost:3999';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;

let idp: TestOidcProvider;
let t: TestApp;
beforeAll(async () => {
  idp = await startTestOidcProvider(CALLBACK);
  t = await createTestApp({
    PUBLIC_URL,
    SIGN_IN_REQUESTS_PER_MINUTE: '100000',
    SIGN_IN_CODES_PER_NUMBER_PER_HOUR: '100',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_PROVIDER_NAME: 'Operator ID',
  });
});
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

const stateCookieOf = (setCookie: string | string[] | undefined) => {
  const header = Array.isArray(setCookie) ? setCookie.join('\n') : (setCookie ?? '');
  const match = /kabinet_oidc=([^;]*)/.exec(header);
  expect(match, 'the flow state cookie').not.toBeNull();
  return `kabinet_oidc=${match![1]}`;
};

/** Starts linking from a signed-in page; answers the provider URL and this browser's flow cookie. */
async function startLink(signed: Signed) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/oidc/link',
    headers: signed.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return {
    url: (response.json() as { url: string }).url,
    flowCookie: stateCookieOf(response.headers['set-cookie']),
  };
}

/** Starts a sign-in from a signed-out browser. */
async function startSignIn() {
  const response = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
  expect(response.statusCode, response.body).toBe(302);
  return {
    url: response.headers.location as string,
    flowCookie: stateCookieOf(response.headers['set-cookie']),
  };
}

const callback = (url: URL, cookies: string[]) =>
  t.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: { cookie: cookies.join('; ') },
  });

async function sessionOf(cookie: string) {
  const response = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
  return response.json() as SessionState;
}

async function identitiesOf(signed: Signed) {
  const response = await t.app.inject({
    method: 'GET',
    url: '/api/auth/identities',
    headers: signed.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { identities: { id: number; provider: string }[]; providerName: string };
}

describe(`external identity (OpenID Connect, local provider) on ${testEngine}`, () => {
  it('names the provider to signed-out browsers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/providers' });
    expect(response.json()).toEqual({ oidc: { name: 'Operator ID' } });
  });

  it('links an identity with code + PKCE, signs in with it later, and unlinks it', async () => {
    const anna = await signIn(t.app, ANNA);
    idp.nextAccount = 'anna-at-idp';
    const link = await startLink(anna);
    const authorization = new URL(link.url);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization.searchParams.get('redirect_uri')).toBe(CALLBACK);

    const back = await providerBrowser()(link.url, CALLBACK);
    expect(back.searchParams.get('code')).toBeTruthy();
    const linked = await callback(back, [anna.cookie, link.flowCookie]);
    expect(linked.statusCode, linked.body).toBe(302);
    expect(linked.headers.location).toBe('/settings/security?linked=1');
    const { identities, providerName } = await identitiesOf(anna);
    expect(providerName).toBe('Operator ID');
    expect(identities).toHaveLength(1);
    expect(identities[0]!.provider).toBe('Operator ID');

    // Later, on another device: the provider's account signs Anna in, with no SMS.
    const smsBefore = t.app.deps.services.smsOutbox!.list().length;
    const start = await startSignIn();
    const returned = await providerBrowser()(start.url, CALLBACK);
    const signedIn = await callback(returned, [start.flowCookie]);
    expect(signedIn.statusCode, signedIn.body).toBe(302);
    expect(signedIn.headers.location).toBe('/');
    const state = await sessionOf(cookieFrom(signedIn.headers['set-cookie']));
    expect(state.state).toBe('signed_in');
    expect(state.state === 'signed_in' && state.session.msisdn).toBe(ANNA);
    expect(t.app.deps.services.smsOutbox!.list()).toHaveLength(smsBefore);

    // Replaying the same callback finds its flow spent.
    const replay = await callback(returned, [start.flowCookie]);
    expect(replay.headers.location).toBe('/sign-in?error=oidc');
    expect(replay.headers['set-cookie'] ?? '').not.toMatch(/kabinet_session=[^;]+;/);

    const activity = await t.app.inject({ method: 'GET', url: '/api/auth/activity', headers: anna.headers });
    const kinds = (activity.json() as { events: { kind: string }[] }).events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['identity_linked', 'signed_in_oidc']));

    const unlink = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/identities/${identities[0]!.id}`,
      headers: anna.headers,
    });
    expect(unlink.statusCode).toBe(204);
    expect((await identitiesOf(anna)).identities).toEqual([]);
    const afterUnlink = await startSignIn();
    const refused = await callback(await providerBrowser()(afterUnlink.url, CALLBACK), [
      afterUnlink.flowCookie,
    ]);
    expect(refused.headers.location).toBe('/sign-in?error=oidc');
  });

  it('refuses a sign-in with an identity nobody linked', async () => {
    idp.nextAccount = 'stranger';
    const start = await startSignIn();
    const response = await callback(await providerBrowser()(start.url, CALLBACK), [start.flowCookie]);
    expect(response.headers.location).toBe('/sign-in?error=oidc');
    expect(String(response.headers['set-cookie'] ?? '')).not.toContain('kabinet_session=');
  });

  it('finishes nothing when the callback reaches a browser that did not start the flow', async () => {
    const anna = await signIn(t.app, ANNA);
    idp.nextAccount = 'attacker-at-idp';
    // The attacker starts a link in their own session and hands the callback URL to Anna's browser.
    const boris = await signIn(t.app, BORIS);
    const attackerFlow = await startLink(boris);
    const back = await providerBrowser()(attackerFlow.url, CALLBACK);
    const annasOwnFlow = await startLink(anna);
    const response = await callback(back, [anna.cookie, annasOwnFlow.flowCookie]);
    expect(response.headers.location).toBe('/settings/security?error=oidc');
    expect((await identitiesOf(anna)).identities).toEqual([]);
    // Without any flow cookie at all, likewise.
    const bare = await callback(back, [anna.cookie]);
    expect(bare.headers.location).toBe('/settings/security?error=oidc');
    expect((await identitiesOf(anna)).identities).toEqual([]);
    expect((await identitiesOf(boris)).identities).toEqual([]);
  });

  it('does not sign a browser in with a callback another browser started (login CSRF)', async () => {
    idp.nextAccount = 'boris-login-csrf';
    const boris = await signIn(t.app, BORIS);
    const link = await startLink(boris);
    await callback(await providerBrowser()(link.url, CALLBACK), [boris.cookie, link.flowCookie]);
    // Boris starts a sign-in with his identity and sends the callback URL to a victim's browser.
    const attackers = await startSignIn();
    const back = await providerBrowser()(attackers.url, CALLBACK);
    const victimsOwn = await startSignIn();
    for (const cookies of [[], [victimsOwn.flowCookie]]) {
      const response = await callback(back, cookies);
      expect(response.headers.location).toBe('/sign-in?error=oidc');
      expect(String(response.headers['set-cookie'] ?? '')).not.toContain('kabinet_session=');
    }
  });

  it('refuses to link an identity that another number holds', async () => {
    idp.nextAccount = 'shared-at-idp';
    const boris = await signIn(t.app, BORIS);
    const borisHeld = (await identitiesOf(boris)).identities.length;
    const borisFlow = await startLink(boris);
    const borisBack = await callback(await providerBrowser()(borisFlow.url, CALLBACK), [
      boris.cookie,
      borisFlow.flowCookie,
    ]);
    expect(borisBack.headers.location).toBe('/settings/security?linked=1');

    const anna = await signIn(t.app, ANNA);
    const annaFlow = await startLink(anna);
    const annaBack = await callback(await providerBrowser()(annaFlow.url, CALLBACK), [
      anna.cookie,
      annaFlow.flowCookie,
    ]);
    expect(annaBack.headers.location).toBe('/settings/security?error=oidc');
    expect((await identitiesOf(anna)).identities).toEqual([]);
    expect((await identitiesOf(boris)).identities).toHaveLength(borisHeld + 1);
  });

  it('does not let a locked device or a page without its key start a link', async () => {
    const anna = await signIn(t.app, ANNA);
    const keyless = await t.app.inject({
      method: 'POST',
      url: '/api/auth/oidc/link',
      headers: { cookie: anna.cookie },
    });
    expect(keyless.statusCode).toBe(401);
    expect(keyless.json().code).toBe('unlock_required');
    const signedOut = await t.app.inject({ method: 'POST', url: '/api/auth/oidc/link' });
    expect(signedOut.statusCode).toBe(401);
  });

  it('cannot unlink another sign-in’s identity', async () => {
    idp.nextAccount = 'boris-own-at-idp';
    const boris = await signIn(t.app, BORIS);
    const flow = await startLink(boris);
    await callback(await providerBrowser()(flow.url, CALLBACK), [boris.cookie, flow.flowCookie]);
    const borisIdentities = (await identitiesOf(boris)).identities;
    const anna = await signIn(t.app, ANNA);
    for (const identity of borisIdentities) {
      const response = await t.app.inject({
        method: 'DELETE',
        url: `/api/auth/identities/${identity.id}`,
        headers: anna.headers,
      });
      expect(response.statusCode).toBe(404);
    }
    expect((await identitiesOf(boris)).identities).toEqual(borisIdentities);
  });
});

describe('without an identity provider', () => {
  it('says so, and its OpenID Connect endpoints answer 404', async () => {
    const plain = await createTestApp({ SIGN_IN_REQUESTS_PER_MINUTE: '100000' });
    try {
      const providers = await plain.app.inject({ method: 'GET', url: '/api/auth/providers' });
      expect(providers.json()).toEqual({ oidc: null });
      const start = await plain.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      expect(start.statusCode).toBe(404);
      const anna = await signIn(plain.app, ANNA);
      const identities = await plain.app.inject({
        method: 'GET',
        url: '/api/auth/identities',
        headers: anna.headers,
      });
      expect(identities.json()).toEqual({ identities: [], providerName: null });
    } finally {
      await plain.close();
    }
  });
});
