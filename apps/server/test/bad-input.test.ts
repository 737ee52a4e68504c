import { testEngine } from '@kabinet/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * No input makes the server answer 5xx: random bodies, query strings and path values against every
 * write and read route, with valid credentials so the requests reach the handlers.
 */
const NETWORK_KEY = 'network-key-for-tests-0123456789';
const OPERATOR_KEY = 'operator-key-for-tests-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ NETWORK_API_KEY: NETWORK_KEY, OPERATOR_API_KEY: OPERATOR_KEY });
});
afterAll(async () => {
  await t?.close();
});

const anyJson = fc.jsonValue({ maxDepth: 3 });
const eventLike = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 200 }), fc.integer(), fc.constant(null)),
    msisdn: fc.oneof(fc.constantFrom('+79000000001', '+79000000002', '+79009999999'), fc.string()),
    type: fc.oneof(fc.constantFrom('voice', 'sms', 'mms', 'data'), fc.string()),
    startedAt: fc.oneof(fc.constant('2026-11-26T10:00:00Z'), fc.string(), fc.integer()),
    seconds: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double(), fc.string()),
    bytes: fc.oneof(fc.integer({ min: -5, max: 2 ** 53 }), fc.double()),
    count: fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.constant(null)),
    otherParty: fc.oneof(fc.constantFrom('+79161234567', '+4930123456', '+1'), fc.string()),
    roamingCountry: fc.oneof(fc.constantFrom('DE', 'RU', 'AQ', 'de'), fc.string()),
    ratingGroup: fc.oneof(fc.integer({ min: -1, max: 2 ** 33 }), fc.string()),
  },
  { requiredKeys: [] },
);
const text = fc.oneof(
  fc.string(),
  fc.constantFrom('2026-11-01', '2026-13-45', '-1', '0', '99999999999', '%00', '../..'),
);

function expectNo5xx(response: { statusCode: number; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBeLessThan(500);
  if (response.statusCode >= 400)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe(`bad input on ${testEngine}`, () => {
  it('usage batches of random events never cause a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(eventLike, anyJson), { minLength: 1, maxLength: 20 }),
        async (events) => {
          const response = await t.app.inject({
            method: 'POST',
            url: '/api/network/usage',
            headers: { authorization: `Bearer ${NETWORK_KEY}` },
            payload: { events },
          });
          expectNo5xx(response);
          if (response.statusCode === 200) expect(response.json().results).toHaveLength(events.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('random bodies on every write route never cause a 5xx', async () => {
    const routes = [
      '/api/network/usage',
      '/api/lines/+79000000001/orders',
      '/api/lines/+79000000001/orders/quote',
      '/api/lines/+79000000001/vouchers/redeem',
      '/api/lines/+79000000001/promised-payment',
      '/api/operator/vouchers',
      '/api/operator/bills/B-000004-20261122/payments',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), anyJson, async (url, body) => {
        const key = url.startsWith('/api/network') ? NETWORK_KEY : OPERATOR_KEY;
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expectNo5xx(response);
      }),
      { numRuns: 150 },
    );
  });

  it('random path and query values on every read route never cause a 5xx', async () => {
    const paths = [
      'summary',
      'services',
      'catalog',
      'orders',
      'usage',
      'usage.csv',
      'vouchers',
      'promised-payment',
      'bills',
      'bills/B-000004-20261122',
      'bills/B-000004-20261122/pdf',
      'bills/%00',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant('+79000000001'), fc.string({ maxLength: 20 })),
        fc.constantFrom(...paths),
        fc.dictionary(fc.constantFrom('from', 'to', 'type', 'cursor', 'limit', 'before', 'lang'), text),
        async (msisdn, path, query) => {
          const response = await t.app.inject({
            method: 'GET',
            url: `/api/lines/${encodeURIComponent(msisdn)}/${path}`,
            query,
            headers: { authorization: `Bearer ${OPERATOR_KEY}` },
          });
          expectNo5xx(response);
        },
      ),
      { numRuns: 200 },
    );
  });
});
