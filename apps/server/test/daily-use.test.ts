import type { DailyDataUse } from '@kabinet/contracts';
import { usageEventRow } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn } from './support/sign-in';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

/** DEMO_NOW = 2026-11-26 09:00 UTC = 12:00 in Moscow (UTC+3), the demo's billing zone. */
let t: TestApp;
const URL = '/api/lines/%2B79000000002/usage/daily-data';

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

async function addDataSession(n: number, startedAt: string, bytes: number, status = 'charged') {
  const db = t.database.db;
  const line = await db
    .selectFrom('lines')
    .select(['id', 'account_id'])
    .where('msisdn', '=', '+79000000002')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('usage_events')
    .values(
      usageEventRow({
        event_id: `daily-${n}`,
        msisdn: '+79000000002',
        line_id: line.id,
        account_id: line.account_id,
        type: 'data',
        started_at: startedAt,
        quantity: bytes,
        rated_units: bytes,
        other_party: null,
        destination_class: null,
        status,
        reason: status === 'charged' ? null : 'insufficient_funds',
        bundle_units: bytes,
      }),
    )
    .execute();
}

describe('GET /api/lines/:msisdn/usage/daily-data', () => {
  it('lists every local day of the window, and adds a session to the Moscow day it started on', async () => {
    const boris = await signIn(t.app, '+79000000002');
    const get = async (query = '') => {
      const response = await t.app.inject({ method: 'GET', url: `${URL}${query}`, headers: boris.headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as DailyDataUse;
    };
    const before = await get('?days=3');
    expect(before.timeZone).toBe('Europe/Moscow');
    expect(before.days.map((d) => d.date)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect((await get()).days).toHaveLength(30);

    // 23:30 UTC on 24 Nov is 02:30 on 25 Nov in Moscow; a refused session is not use.
    await addDataSession(1, '2026-11-24T23:30:00.000Z', 1_500_000);
    await addDataSession(2, '2026-11-26T08:00:00.000Z', 100);
    await addDataSession(3, '2026-11-26T08:30:00.000Z', 7_000, 'rejected');
    const after = await get('?days=3');
    const grew = after.days.map((d, i) => d.bytes - before.days[i]!.bytes);
    expect(grew).toEqual([0, 1_500_000, 100]);
  });

  it('refuses a window longer than 92 days with a 400', async () => {
    const boris = await signIn(t.app, '+79000000002');
    const response = await t.app.inject({ method: 'GET', url: `${URL}?days=93`, headers: boris.headers });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});
