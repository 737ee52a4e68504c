import type { SessionState } from '@kabinet/contracts';
import { testEngine } from '@kabinet/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeOf, cookieFrom, requestCode, signIn } from './support/sign-in';
import { createTestApp, type TestApp } from './support/test-app';

const ANNA = '+79000000001';
const BORIS = '+79000000002';
const ELENA = '+79000000005';
const ELENA_FAMILY = '+79000000006';
const UNKNOWN = '+79009999999';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    SIGN_IN_REQUESTS_PER_MINUTE: '100000',
    SIGN_IN_CODES_PER_NUMBER_PER_HOUR: '100',
    SIGN_IN_CODES_PER_CLIENT_PER_HOUR: '100000',
    SIGN_IN_RESEND_SECONDS: '60',
    MSISDN_HEADER_TRUSTED_CIDRS: '10.20.0.0/16',
  });
});
afterAll(async () => t?.close());
afterEach(() => {
  vi.useRealTimers();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const outboxTo = (msisdn: string) => t.app.deps.services.smsOutbox!.list().filter((m) => m.to === msisdn);

describe(`sign-in with an SMS code on ${testEngine}`, () => {
  it('answers a known and an unknown number alike, and only the known one gets an SMS', async () => {
    const before = { anna: outboxTo(ANNA).length, unknown: outboxTo(UNKNOWN).length };
    const known = await post('/api/auth/code', { msisdn: ANNA });
    const unknown = await post('/api/auth/code', { msisdn: UNKNOWN });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    const k = known.json();
    const u = unknown.json();
    expect(Object.keys(k).sort()).toEqual(Object.keys(u).sort());
    expect({ ...k, challengeId: 'x' }).toEqual({ ...u, challengeId: 'x' });
    expect(k).toMatchObject({ expiresInSeconds: 300, resendInSeconds: 60 });
    // SMS delivery is handed off without waiting; give the outbox a tick.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outboxTo(ANNA).length).toBe(before.anna + 1);
    expect(outboxTo(UNKNOWN).length).toBe(before.unknown);
    // A wrong code for the unknown number is answered exactly like one for a known number.
    const wrongKnown = await post('/api/auth/code/verify', { challengeId: k.challengeId, code: '000000' });
    const wrongUnknown = await post('/api/auth/code/verify', { challengeId: u.challengeId, code: '000000' });
    expect(wrongKnown.statusCode).toBe(400);
    expect(wrongUnknown.statusCode).toBe(400);
    expect(wrongKnown.json()).toMatchObject({ code: 'wrong_code', triesLeft: 4 });
    expect(wrongUnknown.json()).toMatchObject({ code: 'wrong_code', triesLeft: 4 });
  });

  it('reads national and international forms of a number as the same E.164 login', async () => {
    for (const typed of ['8 900 000-00-02', '9000000002', '+7 (900) 000 00 02']) {
      await requestCode(t.app, typed);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(outboxTo(BORIS).length).toBeGreaterThanOrEqual(3);
    for (const bad of ['12', 'abc', '+7 495 123-45-67' /* a Moscow landline */, '9'.repeat(40)]) {
      const response = await post('/api/auth/code', { msisdn: bad });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().code).toBe(bad.length > 32 ? 'validation_failed' : 'invalid_msisdn');
    }
  });

  it('signs in with the right code: an httpOnly SameSite cookie, and the line answers with the page key only', async () => {
    const { challengeId } = await requestCode(t.app, ANNA);
    const response = await post('/api/auth/code/verify', {
      challengeId,
      code: await codeOf(t.app, challengeId),
    });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // PUBLIC_URL is http here; see the https test below
    const body = response.json();
    expect(body.session).toMatchObject({
      msisdn: ANNA,
      customerName: 'Anna Petrova',
      pinSet: false,
      passwordSet: false,
    });
    expect(body.session.lines).toEqual([{ msisdn: ANNA, customerName: 'Anna Petrova', relation: 'own' }]);
    const cookie = cookieFrom(response.headers['set-cookie']);

    const withKey = await get(`/api/lines/${encodeURIComponent(ANNA)}/summary`, {
      cookie,
      'x-csrf-token': body.session.csrfToken,
    });
    expect(withKey.statusCode).toBe(200);
    const noKey = await get(`/api/lines/${encodeURIComponent(ANNA)}/summary`, { cookie });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json().code).toBe('unlock_required');
    const otherLine = await get(`/api/lines/${encodeURIComponent(BORIS)}/summary`, {
      cookie,
      'x-csrf-token': body.session.csrfToken,
    });
    expect(otherLine.statusCode).toBe(404);
    // The code is spent: the same code cannot sign in a second browser.
    const again = await post('/api/auth/code/verify', {
      challengeId,
      code: await codeOf(t.app, challengeId),
    });
    expect(again.json().code).toBe('code_expired');
  });

  it('stops guessing at 5 wrong codes: even the right code no longer works', async () => {
    const { challengeId } = await requestCode(t.app, BORIS);
    const right = await codeOf(t.app, challengeId);
    const wrong = right === '111111' ? '222222' : '111111';
    const left: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await post('/api/auth/code/verify', { challengeId, code: wrong });
      left.push(response.json().triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = await post('/api/auth/code/verify', { challengeId, code: wrong });
    expect(fifth.json().code).toBe('code_expired');
    const late = await post('/api/auth/code/verify', { challengeId, code: right });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('code_expired');
    expect(late.headers['set-cookie']).toBeUndefined();
  });

  it('counts parallel guesses exactly: 20 at once still allow only 5 tries', async () => {
    const { challengeId } = await requestCode(t.app, BORIS);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post('/api/auth/code/verify', { challengeId, code: String(100000 + i) }),
      ),
    );
    const counted = answers.filter((a) => a.json().code === 'wrong_code' || a.statusCode === 200).length;
    // 20 random 6-digit guesses: at most 5 were judged at all (4 answered wrong_code with tries left, the
    // fifth and the rest code_expired), whatever the interleaving.
    expect(counted).toBeLessThanOrEqual(4);
    expect(answers.filter((a) => a.json().code === 'code_expired').length).toBeGreaterThanOrEqual(16);
  });

  it('expires a code after 5 minutes', async () => {
    const { challengeId } = await requestCode(t.app, BORIS);
    const code = await codeOf(t.app, challengeId);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 301_000);
    const response = await post('/api/auth/code/verify', { challengeId, code });
    expect(response.json().code).toBe('code_expired');
  });

  it('resends only after the cooldown; the new code replaces the old one', async () => {
    const { challengeId } = await requestCode(t.app, BORIS);
    const first = await codeOf(t.app, challengeId);
    const early = await post('/api/auth/code/resend', { challengeId });
    expect(early.statusCode).toBe(429);
    expect(early.json()).toMatchObject({ code: 'resend_too_soon' });
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    const resent = await post('/api/auth/code/resend', { challengeId });
    expect(resent.statusCode).toBe(202);
    vi.useRealTimers();
    const second = await codeOf(t.app, challengeId, 2);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    if (second !== first) {
      const old = await post('/api/auth/code/verify', { challengeId, code: first });
      expect(old.json().code).toBe('wrong_code');
    }
    const ok = await post('/api/auth/code/verify', { challengeId, code: second });
    expect(ok.statusCode).toBe(200);
  });
});

describe(`code limits per number and per client on ${testEngine}`, () => {
  it('sends at most N codes per number per hour, then 429 with Retry-After, for unknown numbers too', async () => {
    const limited = await createTestApp({
      SIGN_IN_CODES_PER_NUMBER_PER_HOUR: '3',
      SIGN_IN_REQUESTS_PER_MINUTE: '100000',
    });
    try {
      for (const msisdn of ['+79000000004', UNKNOWN]) {
        for (let i = 0; i < 3; i += 1) {
          const ok = await limited.app.inject({ method: 'POST', url: '/api/auth/code', payload: { msisdn } });
          expect(ok.statusCode).toBe(202);
        }
        const fourth = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/code',
          payload: { msisdn },
        });
        expect(fourth.statusCode).toBe(429);
        expect(fourth.json().code).toBe('too_many_requests');
        expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(3500);
      }
      // A different number from the same client is not held back by these two.
      const other = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/code',
        payload: { msisdn: ANNA },
      });
      expect(other.statusCode).toBe(202);
    } finally {
      await limited.close();
    }
  });

  it('sends at most N codes per client address per hour, whatever the numbers', async () => {
    const limited = await createTestApp({
      SIGN_IN_CODES_PER_CLIENT_PER_HOUR: '2',
      SIGN_IN_REQUESTS_PER_MINUTE: '100000',
    });
    try {
      const ask = (msisdn: string, remoteAddress: string) =>
        limited.app.inject({ method: 'POST', url: '/api/auth/code', payload: { msisdn }, remoteAddress });
      expect((await ask(ANNA, '192.0.2.7')).statusCode).toBe(202);
      expect((await ask(BORIS, '192.0.2.7')).statusCode).toBe(202);
      expect((await ask(ELENA, '192.0.2.7')).statusCode).toBe(429);
      expect((await ask(ELENA, '192.0.2.8')).statusCode).toBe(202);
    } finally {
      await limited.close();
    }
  });

  it('rate limits every sign-in endpoint per client address', async () => {
    const limited = await createTestApp({ SIGN_IN_REQUESTS_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const r = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/password/sign-in',
          payload: { msisdn: ANNA, password: 'x'.repeat(12) },
        });
        statuses.push(r.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe(`sessions: state, PIN, devices, revocation on ${testEngine}`, () => {
  it('a PIN locks the device: without the page key the session asks for it; 3 wrong PINs end the session', async () => {
    const anna = await signIn(t.app, ANNA);
    const weak = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/pin',
      payload: { pin: '1234' },
      headers: anna.headers,
    });
    expect(weak.json().code).toBe('weak_pin');
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/pin',
      payload: { pin: '2580' },
      headers: anna.headers,
    });
    expect(set.statusCode).toBe(204);

    // A reload: the page lost its key; the cookie alone gets "pin_required", no data.
    const reloaded = (await get('/api/auth/session', { cookie: anna.cookie })).json() as SessionState;
    expect(reloaded).toEqual({ state: 'pin_required', msisdn: ANNA, pinTriesLeft: 3 });
    const unlocked = await post('/api/auth/pin/unlock', { pin: '2580' }, { cookie: anna.cookie });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().session.csrfToken).toBe(anna.csrf);

    const tries: unknown[] = [];
    for (const pin of ['1111', '0000']) {
      const r = await post('/api/auth/pin/unlock', { pin }, { cookie: anna.cookie });
      tries.push([r.statusCode, r.json().code, r.json().triesLeft]);
    }
    expect(tries).toEqual([
      [401, 'wrong_pin', 2],
      [401, 'wrong_pin', 1],
    ]);
    const third = await post('/api/auth/pin/unlock', { pin: '9999' }, { cookie: anna.cookie });
    expect(third.statusCode).toBe(401);
    expect(third.json().code).toBe('session_ended');
    expect(String(third.headers['set-cookie'])).toMatch(/kabinet_session=;/);
    // Even the right PIN and the old page key are worthless now.
    expect((await post('/api/auth/pin/unlock', { pin: '2580' }, { cookie: anna.cookie })).statusCode).toBe(
      401,
    );
    expect((await get(`/api/lines/${encodeURIComponent(ANNA)}/summary`, anna.headers)).statusCode).toBe(401);
    expect((await get('/api/auth/session', { cookie: anna.cookie })).json()).toEqual({ state: 'signed_out' });
  });

  it('lists devices, signs out one device and then all; a rotated cookie is dead', async () => {
    const phone = await signIn(
      t.app,
      ELENA,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1',
    );
    const laptop = await signIn(
      t.app,
      ELENA,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0 Safari/537.36',
    );
    const list = (await get('/api/auth/devices', laptop.headers)).json().devices as {
      id: string;
      label: string;
      current: boolean;
    }[];
    const labels = list.map((d) => [d.label, d.current]).sort();
    expect(labels).toContainEqual(['Chrome on Windows', true]);
    expect(labels).toContainEqual(['Safari on iPhone', false]);

    const phoneDevice = list.find((d) => d.label === 'Safari on iPhone' && !d.current)!;
    const out = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/devices/${phoneDevice.id}`,
      headers: laptop.headers,
    });
    expect(out.statusCode).toBe(204);
    expect((await get(`/api/lines/${encodeURIComponent(ELENA)}/summary`, phone.headers)).statusCode).toBe(
      401,
    );
    expect((await get(`/api/lines/${encodeURIComponent(ELENA)}/summary`, laptop.headers)).statusCode).toBe(
      200,
    );

    // Signing in again from the laptop's browser rotates its cookie: the old one stops working.
    const { challengeId } = await requestCode(t.app, ELENA);
    const rotated = await post(
      '/api/auth/code/verify',
      { challengeId, code: await codeOf(t.app, challengeId) },
      { cookie: laptop.cookie },
    );
    const fresh = cookieFrom(rotated.headers['set-cookie']);
    expect(fresh).not.toBe(laptop.cookie);
    expect((await get(`/api/lines/${encodeURIComponent(ELENA)}/summary`, laptop.headers)).statusCode).toBe(
      401,
    );

    const freshHeaders = { cookie: fresh, 'x-csrf-token': rotated.json().session.csrfToken };
    const another = await signIn(t.app, ELENA);
    const all = await post('/api/auth/devices/sign-out-all', {}, freshHeaders);
    expect(all.statusCode).toBe(204);
    expect((await get(`/api/lines/${encodeURIComponent(ELENA)}/summary`, freshHeaders)).statusCode).toBe(401);
    expect((await get(`/api/lines/${encodeURIComponent(ELENA)}/summary`, another.headers)).statusCode).toBe(
      401,
    );
  });

  it('refuses a state change without the page key (CSRF), and signs out', async () => {
    const boris = await signIn(t.app, BORIS);
    const forged = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/pin',
      payload: { pin: '2580' },
      headers: { cookie: boris.cookie },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('unlock_required');
    const wrongKey = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/pin',
      payload: { pin: '2580' },
      headers: { cookie: boris.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrongKey.statusCode).toBe(401);
    const out = await post('/api/auth/sign-out', {}, { cookie: boris.cookie });
    expect(out.statusCode).toBe(204);
    expect((await get('/api/auth/session', { cookie: boris.cookie })).json()).toEqual({
      state: 'signed_out',
    });
  });

  it('ends an idle session after SESSION_IDLE_HOURS and any session after SESSION_MAX_DAYS', async () => {
    const boris = await signIn(t.app, BORIS);
    vi.useFakeTimers({ toFake: ['Date'] });
    // Default idle time is 720 hours: 719 hours later it still works (and is touched), 721 after that it does not.
    vi.setSystemTime(Date.now() + 719 * 3_600_000);
    expect((await get(`/api/lines/${encodeURIComponent(BORIS)}/summary`, boris.headers)).statusCode).not.toBe(
      401,
    );
    vi.setSystemTime(Date.now() + 721 * 3_600_000);
    expect((await get(`/api/lines/${encodeURIComponent(BORIS)}/summary`, boris.headers)).statusCode).toBe(
      401,
    );
  });
});

describe(`password on ${testEngine}`, () => {
  it('refuses weak passwords, signs in with a strong one, locks after 5 wrong ones', async () => {
    const dmitry = await signIn(t.app, '+79000000004');
    const put = (password: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/auth/password',
        payload: { password },
        headers: dmitry.headers,
      });
    expect((await put('short1')).json()).toMatchObject({ code: 'weak_password', reason: 'too_short' });
    expect((await put('qwertyuiop')).json()).toMatchObject({ code: 'weak_password', reason: 'too_common' });
    expect((await put('abcabcabcabc')).json()).toMatchObject({ code: 'weak_password', reason: 'too_common' });
    expect((await put('my9000000004pass')).json()).toMatchObject({
      code: 'weak_password',
      reason: 'contains_number',
    });
    expect((await put('violet tram at dawn')).statusCode).toBe(204);

    const ok = await post('/api/auth/password/sign-in', {
      msisdn: '89000000004',
      password: 'violet tram at dawn',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().session.passwordSet).toBe(true);

    // Unknown number and wrong password answer the same.
    const unknown = await post('/api/auth/password/sign-in', {
      msisdn: UNKNOWN,
      password: 'violet tram at dawn',
    });
    const wrong = await post('/api/auth/password/sign-in', {
      msisdn: '+79000000004',
      password: 'violet tram at dusk',
    });
    expect([unknown.statusCode, unknown.json().code]).toEqual([401, 'wrong_credentials']);
    expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'wrong_credentials']);
    for (let i = 0; i < 4; i += 1) {
      await post('/api/auth/password/sign-in', { msisdn: '+79000000004', password: `wrong password ${i}` });
    }
    // 5 wrong in a row: even the right password waits 15 minutes.
    const locked = await post('/api/auth/password/sign-in', {
      msisdn: '+79000000004',
      password: 'violet tram at dawn',
    });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('resets the password with an SMS code and signs out the other devices', async () => {
    const elsewhere = await signIn(t.app, ELENA_FAMILY);
    const ask = await post('/api/auth/code', { msisdn: ELENA_FAMILY, purpose: 'password_reset' });
    const code = await codeOf(t.app, ask.json().challengeId);
    const weak = await post('/api/auth/password/reset', {
      challengeId: ask.json().challengeId,
      code,
      password: 'password',
    });
    expect(weak.json().code).toBe('weak_password');
    const reset = await post('/api/auth/password/reset', {
      challengeId: ask.json().challengeId,
      code,
      password: 'long quiet river 42',
    });
    expect(reset.statusCode).toBe(200);
    expect(
      (await get(`/api/lines/${encodeURIComponent(ELENA_FAMILY)}/summary`, elsewhere.headers)).statusCode,
    ).toBe(401);
    const withNew = await post('/api/auth/password/sign-in', {
      msisdn: ELENA_FAMILY,
      password: 'long quiet river 42',
    });
    expect(withNew.statusCode).toBe(200);
    // A sign-in code cannot be used to reset a password, nor the other way round.
    const signInCode = await requestCode(t.app, ELENA_FAMILY);
    const misuse = await post('/api/auth/password/reset', {
      challengeId: signInCode.challengeId,
      code: await codeOf(t.app, signInCode.challengeId),
      password: 'another long phrase',
    });
    expect(misuse.json().code).toBe('code_expired');
  });
});

describe(`header enrichment on ${testEngine}`, () => {
  it('signs in from a trusted proxy address only', async () => {
    const trusted = await t.app.inject({
      method: 'POST',
      url: '/api/auth/network-sign-in',
      headers: { 'x-msisdn': '79000000002' },
      remoteAddress: '10.20.3.4',
    });
    expect(trusted.statusCode).toBe(200);
    expect(trusted.json().session.msisdn).toBe(BORIS);
    for (const remoteAddress of ['127.0.0.1', '10.21.0.1', '192.0.2.1']) {
      const forged = await t.app.inject({
        method: 'POST',
        url: '/api/auth/network-sign-in',
        headers: { 'x-msisdn': '79000000002', 'x-forwarded-for': '10.20.3.4' },
        remoteAddress,
      });
      expect(forged.statusCode, remoteAddress).toBe(401);
      expect(forged.json().code).toBe('not_recognised');
      expect(forged.headers['set-cookie']).toBeUndefined();
    }
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/network-sign-in',
      headers: { 'x-msisdn': '79009999999' },
      remoteAddress: '10.20.3.4',
    });
    expect(unknown.statusCode).toBe(401);
  });
});

describe(`other numbers and account owners on ${testEngine}`, () => {
  it('adds a number after a code sent to it, manages it, removes it', async () => {
    const anna = await signIn(t.app, ANNA);
    const add = await post('/api/auth/numbers', { msisdn: '8 900 000 00 02' }, anna.headers);
    expect(add.statusCode).toBe(202);
    const code = await codeOf(t.app, add.json().challengeId);
    // Someone else's session cannot use Anna's challenge, even with the right code.
    const elena = await signIn(t.app, ELENA);
    const stolen = await post(
      '/api/auth/numbers/verify',
      { challengeId: add.json().challengeId, code },
      elena.headers,
    );
    expect(stolen.json().code).toBe('code_expired');
    const verified = await post(
      '/api/auth/numbers/verify',
      { challengeId: add.json().challengeId, code },
      anna.headers,
    );
    expect(verified.statusCode).toBe(200);
    expect(verified.json().session.lines).toEqual([
      { msisdn: ANNA, customerName: 'Anna Petrova', relation: 'own' },
      { msisdn: BORIS, customerName: 'Boris Ivanov', relation: 'added' },
    ]);
    expect((await get(`/api/lines/${encodeURIComponent(BORIS)}/summary`, anna.headers)).statusCode).toBe(200);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/numbers/${encodeURIComponent(BORIS)}`,
      headers: anna.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await get(`/api/lines/${encodeURIComponent(BORIS)}/summary`, anna.headers)).statusCode).toBe(404);
    const activity = (await get('/api/auth/activity', anna.headers))
      .json()
      .events.map((e: { kind: string }) => e.kind);
    expect(activity.slice(0, 2)).toEqual(['number_removed', 'number_added']);
  });

  it("an account owner sees the account's lines; the family line sees only itself", async () => {
    const owner = await signIn(t.app, ELENA);
    expect(owner.session.lines.map((l) => [l.msisdn, l.relation])).toEqual([
      [ELENA, 'own'],
      [ELENA_FAMILY, 'account'],
    ]);
    expect(
      (await get(`/api/lines/${encodeURIComponent(ELENA_FAMILY)}/summary`, owner.headers)).statusCode,
    ).toBe(200);
    const family = await signIn(t.app, ELENA_FAMILY);
    expect(family.session.lines.map((l) => l.msisdn)).toEqual([ELENA_FAMILY]);
    expect((await get(`/api/lines/${encodeURIComponent(ELENA)}/summary`, family.headers)).statusCode).toBe(
      404,
    );
  });
});

describe('security headers', () => {
  it('sends CSP with frame-ancestors none, and HSTS plus Secure cookies only under https', async () => {
    const plain = await get('/api/auth/session');
    expect(plain.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await createTestApp({ PUBLIC_URL: 'https://my.example.com' });
    try {
      const response = await secure.app.inject({ method: 'GET', url: '/api/auth/session' });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      const signed = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/code',
        payload: { msisdn: ANNA },
      });
      const verify = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/code/verify',
        payload: {
          challengeId: signed.json().challengeId,
          code: await codeOf(secure.app, signed.json().challengeId),
        },
      });
      expect(String(verify.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});
