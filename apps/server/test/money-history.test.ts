import type { MoneyHistory } from '@kabinet/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn } from './support/sign-in';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

/**
 * The history of payments and charges on the demo data. Anna (+79000000001) was seeded with, oldest
 * first (roubles): top-up 1,000 (40 days ago), fee −650, top-up 1,500, pack −250, usage −54.50, fee −300;
 * balance 1,000 − 650 + 1,500 − 250 − 54.50 − 300 = 1,245.50.
 */
let t: TestApp;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

const ANNA = '/api/lines/%2B79000000001';

describe('GET /api/lines/:msisdn/history', () => {
  it('lists payments and charges newest first with the balance after each, without usage rows', async () => {
    const anna = await signIn(t.app, '+79000000001');
    const response = await t.app.inject({ method: 'GET', url: `${ANNA}/history`, headers: anna.headers });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as MoneyHistory;
    expect(body.currency).toBe('RUB');
    expect(body.entries.map((e) => [e.kind, e.amount, e.balanceAfter])).toEqual([
      // Balances after each row, oldest first: 1,000 → 350 → 1,850 → 1,600 → (usage, not listed)
      // 1,545.50 → 1,245.50.
      ['fee', -30_000, 124_550],
      ['pack_purchase', -25_000, 160_000],
      ['top_up', 150_000, 185_000],
      ['fee', -65_000, 35_000],
      ['top_up', 100_000, 100_000],
    ]);
    expect(body.nextBefore).toBeNull();
  });

  it('shows an order placed now at the top, and pages with nextBefore', async () => {
    const anna = await signIn(t.app, '+79000000001');
    const placed = await t.app.inject({
      method: 'POST',
      url: `${ANNA}/orders`,
      headers: anna.headers,
      payload: { clientKey: 'history-pack-1', kind: 'buy_pack', code: 'internet-1gb-7d' },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const first = await t.app.inject({
      method: 'GET',
      url: `${ANNA}/history?limit=2`,
      headers: anna.headers,
    });
    const page1 = first.json() as MoneyHistory;
    // The 1 GB pack costs 100 ₽: 1,245.50 − 100 = 1,145.50.
    expect(page1.entries.map((e) => [e.kind, e.amount, e.balanceAfter])).toEqual([
      ['pack_purchase', -10_000, 114_550],
      ['fee', -30_000, 124_550],
    ]);
    expect(page1.nextBefore).toBe(page1.entries[1]!.id);
    const second = await t.app.inject({
      method: 'GET',
      url: `${ANNA}/history?limit=2&before=${page1.nextBefore}`,
      headers: anna.headers,
    });
    const page2 = second.json() as MoneyHistory;
    expect(page2.entries.map((e) => e.kind)).toEqual(['pack_purchase', 'top_up']);
    expect(page2.entries[0]!.id).toBeLessThan(page1.entries[1]!.id);
  });

  it('refuses a bad page size with a 400 and another subscriber with a 404', async () => {
    const anna = await signIn(t.app, '+79000000001');
    const bad = await t.app.inject({ method: 'GET', url: `${ANNA}/history?limit=0`, headers: anna.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const boris = await t.app.inject({
      method: 'GET',
      url: '/api/lines/%2B79000000002/history',
      headers: anna.headers,
    });
    expect(boris.statusCode).toBe(404);
  });
});
