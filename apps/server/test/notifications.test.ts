import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signed, signIn } from './support/sign-in';
import { createTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let anna: Signed;
const URL = '/api/lines/%2B79000000001/notifications';

beforeAll(async () => {
  t = await createTestApp();
  anna = await signIn(t.app, '+79000000001');
});
afterAll(async () => {
  await t?.close();
});

const put = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url: URL, headers: anna.headers, payload });

describe('notification preferences', () => {
  it('starts from the defaults: money and service alerts on, offers off', async () => {
    const response = await t.app.inject({ method: 'GET', url: URL, headers: anna.headers });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      low_balance: true,
      bundle_almost_used: true,
      payment_due: true,
      service_changes: true,
      offers: false,
    });
  });

  it('changes only the topics sent, keeps one row per topic, and reads back the same', async () => {
    expect((await put({ offers: true, low_balance: false })).json()).toEqual({
      low_balance: false,
      bundle_almost_used: true,
      payment_due: true,
      service_changes: true,
      offers: true,
    });
    expect((await put({ offers: false })).json()).toMatchObject({ low_balance: false, offers: false });
    const rows = await t.database.db
      .selectFrom('notification_preferences')
      .select(['topic', 'enabled'])
      .orderBy('topic')
      .execute();
    expect(rows).toEqual([
      { topic: 'low_balance', enabled: 'off' },
      { topic: 'offers', enabled: 'off' },
    ]);
    const read = await t.app.inject({ method: 'GET', url: URL, headers: anna.headers });
    expect(read.json()).toMatchObject({ low_balance: false, offers: false, payment_due: true });
  });

  it('refuses an empty change, an unknown topic or a non-boolean with a 400, changing nothing', async () => {
    for (const payload of [{}, { horoscope: true }, { offers: 'yes' }]) {
      const response = await put(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    const read = await t.app.inject({ method: 'GET', url: URL, headers: anna.headers });
    expect(read.json()).toMatchObject({ low_balance: false, offers: false });
  });

  it('answers 404 for another subscriber’s line', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/lines/%2B79000000002/notifications',
      headers: anna.headers,
      payload: { offers: true },
    });
    expect(response.statusCode).toBe(404);
  });
});
