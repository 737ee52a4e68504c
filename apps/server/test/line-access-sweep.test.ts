import { testEngine } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signed, signIn } from './support/sign-in';
import { createTestApp, type TestApp } from './support/test-app';

const ANNA = '+79000000001';
const BORIS = '+79000000002';
const ELENA_FAMILY = '+79000000006';
const NOBODY = '+79009999999';

let t: TestApp;
let anna: Signed;
let routes: { method: string; path: string }[];
beforeAll(async () => {
  t = await createTestApp({ SIGN_IN_REQUESTS_PER_MINUTE: '100000' });
  anna = await signIn(t.app, ANNA);
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/lines/{msisdn}'))
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => ({ method, path })));
});
afterAll(async () => t?.close());

/** A concrete URL for a documented path: the line given, any other parameter a plausible value. */
const urlOf = (path: string, msisdn: string) =>
  path.replace('{msisdn}', encodeURIComponent(msisdn)).replace(/\{[^}]+\}/g, '1');

/** What a request sends: valid-looking bodies where there are bodies, so only access can refuse them. */
const bodyFor = (method: string) =>
  ['post', 'put', 'patch'].includes(method)
    ? { kind: 'connect_service', code: 'X', clientKey: 'sweep-1' }
    : undefined;

describe(`the line access sweep: every subscriber route in the OpenAPI document, on ${testEngine}`, () => {
  it('documents the subscriber routes (the sweep below walks all of them)', () => {
    // Not a fixed count: a route added later is swept too. At least the ones known today are there.
    const known = [
      'summary',
      'services',
      'catalog',
      'usage',
      'usage.csv',
      'usage.pdf',
      'orders',
      'orders/quote',
      'usage/email-orders',
    ];
    for (const tail of known) expect(routes.map((r) => r.path)).toContain(`/api/lines/{msisdn}/${tail}`);
  });

  it("answers 404 with no data for another subscriber's line, on every route and method", async () => {
    for (const { method, path } of routes) {
      for (const other of [BORIS, ELENA_FAMILY, NOBODY]) {
        const response = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url: urlOf(path, other),
          headers: anna.headers,
          ...(bodyFor(method) ? { payload: bodyFor(method) } : {}),
        });
        expect(response.statusCode, `${method.toUpperCase()} ${path} for ${other}`).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const body = response.json() as Record<string, unknown>;
        expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(['code', 'status', 'title']));
        expect(body.code).toBe('not_found');
        // Nothing of the line leaks: no balance, no tariff, no usage rows, no name.
        expect(response.body).not.toMatch(/balance|tariff|Boris|records|"items"/i);
      }
    }
  });

  it('lets the same session read its own line on the same routes (the sweep is not refusing everything)', async () => {
    for (const { method, path } of routes.filter((r) => r.method === 'get' && !/\{(?!msisdn)/.test(r.path))) {
      const response = await t.app.inject({ method: 'GET', url: urlOf(path, ANNA), headers: anna.headers });
      expect(response.statusCode, `${method.toUpperCase()} ${path}`).toBe(200);
    }
  });

  it('refuses every route without a session (401) and a session without its page key (401)', async () => {
    for (const { method, path } of routes) {
      for (const headers of [{}, { cookie: anna.cookie }]) {
        const response = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url: urlOf(path, ANNA),
          headers,
          ...(bodyFor(method) ? { payload: bodyFor(method) } : {}),
        });
        expect(response.statusCode, `${method.toUpperCase()} ${path}`).toBe(401);
        expect(response.body).not.toMatch(/balance|tariff|records/i);
      }
    }
  });

  it('an account owner reaches the lines of the account, and not beyond it', async () => {
    const elena = await signIn(t.app, '+79000000005');
    const family = await t.app.inject({
      method: 'GET',
      url: `/api/lines/${ELENA_FAMILY}/summary`,
      headers: elena.headers,
    });
    expect(family.statusCode).toBe(200);
    const stranger = await t.app.inject({
      method: 'GET',
      url: `/api/lines/${ANNA}/summary`,
      headers: elena.headers,
    });
    expect(stranger.statusCode).toBe(404);
  });
});
