import type { LineCatalog, LineServices, LineSummary } from '@kabinet/contracts';
import { testEngine } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

const KEY = 'k'.repeat(32);
const auth = { authorization: `Bearer ${KEY}` };
let t: TestApp;

beforeAll(async () => {
  // The demo data is written relative to DEMO_NOW; the routes read the clock, so it reads DEMO_NOW too.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
  t = await createTestApp({ OPERATOR_API_KEY: KEY });
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

const get = (url: string, headers: Record<string, string> = auth) =>
  t.app.inject({ method: 'GET', url, headers });
const line = (msisdn: string) => `/api/lines/${encodeURIComponent(msisdn)}`;

async function summaryOf(msisdn: string): Promise<LineSummary> {
  const response = await get(`${line(msisdn)}/summary`);
  expect(response.statusCode).toBe(200);
  return response.json() as LineSummary;
}

// DEMO_NOW is 2026-11-26 12:00 in Moscow (UTC+3). Tariff periods run from the activation anniversary:
// Anna was activated 400 days earlier, on 2025-10-22, so her period is Nov 22 00:00 → Dec 22 00:00
// Moscow time = 2026-11-21T21:00Z → 2026-12-21T21:00Z.
const ANNA_PERIOD = { from: '2026-11-21T21:00:00.000Z', to: '2026-12-21T21:00:00.000Z' };

describe(`line summary on ${testEngine}`, () => {
  it("shows Anna's Home screen: balance, tariff, every bundle, services, no alerts", async () => {
    const s = await summaryOf('+79000000001');
    expect(s.asOf).toBe(DEMO_NOW.toISOString());
    expect(s.line).toEqual({
      msisdn: '+79000000001',
      status: 'active',
      tariff: {
        code: 'smart-plus',
        name: 'Smart Plus',
        feeAmount: 65_000,
        feePeriod: 'month',
        paymentType: 'prepaid',
      },
      nextFeeAt: ANNA_PERIOD.to, // the fee is due when the period ends and the bundles reset
      tariffStatus: 'active',
    });
    // 1000 − 650 + 1500 − 250 − 54.50 − 300 = 1245.50
    expect(s.account).toEqual({
      number: '1000000001',
      paymentType: 'prepaid',
      balance: 124_550,
      creditLimit: 0,
      available: 124_550,
      currency: 'RUB',
    });
    // By unit, then soonest expiry: the 5 GB pack (bought 6 days ago, 30 days: Dec 20 09:00Z) before
    // the tariff's data, which resets on Dec 21 21:00Z.
    const smartPlus = { source: 'tariff', code: 'smart-plus', name: { en: 'Smart Plus' }, resets: true };
    expect(s.bundles.map(({ id: _id, ...b }) => b)).toEqual([
      // 800 min = 48,000 s, 35 % used = 16,800 s, 31,200 s left
      {
        unit: 'voice_seconds',
        scope: 'national',
        total: 48_000,
        remaining: 31_200,
        used: 16_800,
        ...smartPlus,
        validFrom: ANNA_PERIOD.from,
        expiresAt: ANNA_PERIOD.to,
        roamingZone: null,
      },
      // 300 SMS, 10 % used
      {
        unit: 'sms',
        scope: 'national',
        total: 300,
        remaining: 270,
        used: 30,
        ...smartPlus,
        validFrom: ANNA_PERIOD.from,
        expiresAt: ANNA_PERIOD.to,
        roamingZone: null,
      },
      // 5 GB pack, 20 % used
      {
        unit: 'data_bytes',
        scope: 'all',
        total: 5_000_000_000,
        remaining: 4_000_000_000,
        used: 1_000_000_000,
        source: 'pack',
        code: 'internet-5gb-30d',
        name: { en: '5 GB for 30 days', ru: '5 ГБ на 30 дн.', id: '5 GB untuk 30 hari' },
        validFrom: '2026-11-20T09:00:00.000Z',
        expiresAt: '2026-12-20T09:00:00.000Z',
        resets: false,
        roamingZone: null,
      },
      // 35 GB, 42 % used = 14.7 GB
      {
        unit: 'data_bytes',
        scope: 'all',
        total: 35_000_000_000,
        remaining: 20_300_000_000,
        used: 14_700_000_000,
        ...smartPlus,
        validFrom: ANNA_PERIOD.from,
        expiresAt: ANNA_PERIOD.to,
        roamingZone: null,
      },
    ]);
    // messengers 60.00 + spam shield 50.00 (monthly) + MusicBox 9.00/day × 30 = 380.00
    expect(s.services).toEqual({ count: 3, monthlyCost: 38_000 });
    // 1245.50 covers the 650.00 fee and a week of her usage (54.50 in 30 days); no bundle is 90 % used.
    expect(s.alerts).toEqual([]);
    expect(s.otherLines).toEqual([]);
  });

  it('warns Boris: balance below the next fee, voice and internet almost used', async () => {
    const s = await summaryOf('+79000000002');
    expect(s.account.balance).toBe(1_240); // 400 − 350 − 37.60 = 12.40
    // Activated 2026-04-30: the period ends Nov 30 00:00 Moscow = 2026-11-29T21:00Z.
    expect(s.alerts).toEqual([
      {
        code: 'low_balance',
        severity: 'warning',
        reason: 'below_next_fee',
        available: 1_240,
        needed: 35_000,
        dueAt: '2026-11-29T21:00:00.000Z',
      },
      {
        code: 'bundle_almost_used',
        severity: 'info',
        bundleId: s.bundles[0]!.id,
        unit: 'voice_seconds',
        remaining: 1_620, // 300 min = 18,000 s, 91 % used = 16,380 s
        total: 18_000,
        usedPercent: 91,
        expiresAt: '2026-11-29T21:00:00.000Z',
      },
      {
        code: 'bundle_almost_used',
        severity: 'info',
        bundleId: s.bundles[2]!.id,
        unit: 'data_bytes',
        remaining: 300_000_000, // 10 GB, 97 % used
        total: 10_000_000_000,
        usedPercent: 97,
        expiresAt: '2026-11-29T21:00:00.000Z',
      },
    ]);
    // who-called: 2.00 a day × 30
    expect(s.services).toEqual({ count: 1, monthlyCost: 6_000 });
  });

  it('tells Citra her line is blocked and her bill overdue', async () => {
    const s = await summaryOf('+79000000003');
    expect(s.line.status).toBe('blocked_debt');
    // −(1200 + 180 + 1200 + 96) = −2676.00, credit limit 1000.00
    expect(s.account).toMatchObject({
      paymentType: 'postpaid',
      balance: -267_600,
      creditLimit: 100_000,
      available: -167_600,
    });
    expect(s.alerts).toEqual([
      { code: 'line_blocked', severity: 'critical', status: 'blocked_debt' },
      // The bill for the period 55…25 days ago: 1200 + 180 = 1380.00, due five days ago (Nov 21).
      {
        code: 'bill_overdue',
        severity: 'critical',
        billNumber: 'B-000003-20261101',
        amount: 138_000,
        dueDate: '2026-11-21',
      },
    ]);
  });

  it('shows Dmitry his open bill, not yet due', async () => {
    const s = await summaryOf('+79000000004');
    // 2500 + 412.80 = 2912.80, due in 10 days (Dec 6)
    expect(s.alerts).toEqual([
      {
        code: 'bill_open',
        severity: 'info',
        billNumber: 'B-000004-20261121',
        amount: 291_280,
        dueDate: '2026-12-06',
      },
    ]);
  });

  it('lets an account owner see the other lines of the account', async () => {
    expect((await summaryOf('+79000000005')).otherLines).toEqual([{ msisdn: '+79000000006' }]);
    const family = await summaryOf('+79000000006');
    expect(family.otherLines).toEqual([{ msisdn: '+79000000005' }]);
    // One account: the same balance, 2000 − 650 − 350 − 23 = 977.00
    expect(family.account.balance).toBe(97_700);
    // social 120.00 + Game Club 200.00 (199 in demo-catalog.ts; list prices keep two significant digits)
    expect(family.services).toEqual({ count: 2, monthlyCost: 32_000 });
  });
});

describe(`line services and catalogue on ${testEngine}`, () => {
  it("lists Anna's options and, apart, her paid content subscription", async () => {
    const response = await get(`${line('+79000000001')}/services`);
    expect(response.statusCode).toBe(200);
    const s = response.json() as LineServices;
    expect(s.options.map((o) => [o.code, o.feeType, o.feeAmount, o.monthlyCost, o.status])).toEqual([
      ['messengers', 'monthly', 6_000, 6_000, 'active'],
      ['spam-shield', 'monthly', 5_000, 5_000, 'active'],
    ]);
    expect(s.contentSubscriptions).toHaveLength(1);
    expect(s.contentSubscriptions[0]).toMatchObject({
      code: 'content-music',
      kind: 'content',
      feeType: 'daily',
      feeAmount: 900,
      monthlyCost: 27_000, // 9.00 × 30
      provider: 'SoundWave Media',
      status: 'active',
      connectedAt: '2026-11-06T09:00:00.000Z', // connected 20 days before DEMO_NOW
    });
    expect(s.options.every((o) => o.provider === null && o.kind === 'option')).toBe(true);
    expect({ count: s.count, monthlyCost: s.monthlyCost }).toEqual({ count: 3, monthlyCost: 38_000 });
  });

  it('shows the catalogue as a prepaid line sees it', async () => {
    const response = await get(`${line('+79000000001')}/catalog`);
    expect(response.statusCode).toBe(200);
    const c = response.json() as LineCatalog;
    expect(c.paymentType).toBe('prepaid');
    expect(c.tariffs.map((x) => [x.code, x.current])).toEqual([
      ['basic', false],
      ['daily-go', false],
      ['smart-start', false],
      ['smart-plus', true],
    ]);
    expect(c.services.filter((x) => x.connected).map((x) => [x.code, x.status])).toEqual([
      ['messengers', 'active'],
      ['spam-shield', 'active'],
      ['content-music', 'active'],
    ]);
    expect(c.services.find((x) => x.code === 'video')).toMatchObject({ connected: false, status: null });
    // 5 internet packs and 3 roaming packs on sale; reward-only packs are not.
    expect(c.packs).toHaveLength(8);
    expect(c.packs.filter((p) => p.kind === 'roaming').map((p) => [p.code, p.roamingZone])).toEqual([
      ['roaming-neighbours-7d', 'neighbours'],
      ['roaming-europe-7d', 'europe'],
      ['roaming-world-7d', 'world'],
    ]);
    expect(c.roamingZones.map((z) => z.code)).toEqual(['neighbours', 'europe', 'world']);
  });

  it('offers a postpaid line the postpaid tariffs', async () => {
    const c = (await get(`${line('+79000000003')}/catalog`)).json() as LineCatalog;
    expect(c.tariffs.map((x) => [x.code, x.current])).toEqual([
      ['max-unlimited', true],
      ['business-pro', false],
    ]);
  });
});

describe(`line access on ${testEngine}`, () => {
  it('answers 401 without or with a wrong key, 404 for an unknown line, 400 for a malformed number', async () => {
    for (const path of ['summary', 'services', 'catalog', 'usage', 'usage.csv', 'usage.pdf']) {
      const missing = await get(`${line('+79000000001')}/${path}`, {});
      expect(missing.statusCode).toBe(401);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.json()).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(
        (await get(`${line('+79000000001')}/${path}`, { authorization: `Bearer ${'z'.repeat(32)}` }))
          .statusCode,
      ).toBe(401);

      const unknown = await get(`${line('+79009999999')}/${path}`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ status: 404, code: 'not_found' });
    }
    const malformed = await get('/api/lines/79000000001/summary');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'validation_failed' });
  });
});
