import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, seedDemoIfEmpty, seedSyntheticSubscribers } from '../src';
import { luhnCheckDigit } from '../src/seed/identifiers';
import { createTestDatabase, type TestDatabase, testEngine } from '../src/testing';

const now = new Date('2026-11-26T09:00:00Z');
const options = { operatorName: 'Kabinet Mobile', currency: 'RUB', timeZone: 'Europe/Moscow', now };
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

async function balanceOf(msisdn: string) {
  return t.db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select(['accounts.id', 'accounts.balance', 'accounts.credit_limit', 'lines.status'])
    .where('lines.msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
}

describe(`demo data on ${testEngine}`, () => {
  it('seeds an empty database once, and never again', async () => {
    expect(await seedDemoIfEmpty(t.db, options)).toBe(true);
    expect(await seedDemoIfEmpty(t.db, options)).toBe(false);
    const { count } = await t.db
      .selectFrom('operator_settings')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(1);
  });

  it('has the catalogue the product needs', async () => {
    const catalog = (await loadCatalog(t.db))!;
    expect(catalog.operator).toEqual({ name: 'Kabinet Mobile', currency: 'RUB' });
    expect(catalog.tariffs.length).toBeGreaterThanOrEqual(4);
    expect(new Set(catalog.tariffs.map((x) => x.paymentType))).toEqual(new Set(['prepaid', 'postpaid']));
    expect(catalog.services.filter((s) => s.kind === 'option').length).toBeGreaterThanOrEqual(10);
    expect(catalog.services.filter((s) => s.kind === 'content').every((s) => s.provider)).toBe(true);
    expect(catalog.services.filter((s) => s.kind === 'content').length).toBeGreaterThanOrEqual(3);
    expect(catalog.packs.filter((p) => p.kind === 'internet').length).toBeGreaterThanOrEqual(4);
    expect(catalog.roamingZones).toHaveLength(3);
    for (const zone of catalog.roamingZones) {
      expect(catalog.packs.some((p) => p.kind === 'roaming' && p.roamingZone === zone.code)).toBe(true);
    }
    expect(catalog.rewards.length).toBeGreaterThanOrEqual(6);
    // Reward-only packs are not on sale.
    expect(catalog.packs.some((p) => p.code.startsWith('reward-'))).toBe(false);

    const smartStart = catalog.tariffs.find((x) => x.code === 'smart-start')!;
    expect(smartStart.feeAmount).toBe(35000); // 350.00 RUB
    expect(smartStart.allowances).toEqual([
      { unit: 'voice_seconds', amount: 18000, scope: 'national' },
      { unit: 'sms', amount: 100, scope: 'national' },
      { unit: 'data_bytes', amount: 10_000_000_000, scope: 'all' },
    ]);
    // 1.50 RUB a minute on-net = 150 kopecks = 150,000,000 micros.
    expect(smartStart.prices).toContainEqual({
      usageType: 'voice',
      destinationClass: 'on_net',
      roamingZone: null,
      internationalZone: null,
      priceMicros: 150_000_000,
      per: 'minute',
    });
  });

  it('gives each demo subscriber the balance its story needs, in kopecks', async () => {
    expect((await balanceOf('+79000000001')).balance).toBe(124_550); // 1000 - 650 + 1500 - 250 - 54.50 - 300
    expect((await balanceOf('+79000000002')).balance).toBe(1_240); // 400 - 350 - 37.60
    const citra = await balanceOf('+79000000003');
    expect(citra.balance).toBe(-267_600); // -(1200 + 180 + 1200 + 96)
    expect(citra.status).toBe('blocked_debt');
    expect((await balanceOf('+79000000004')).balance).toBe(-291_280); // 2500 - 2500 - 2500 - 412.80
    const owner = await balanceOf('+79000000005');
    const family = await balanceOf('+79000000006');
    expect(owner.id).toBe(family.id);
    expect(owner.balance).toBe(97_700); // 2000 - 650 - 350 - 23
  });

  it('issues the postpaid bills with totals of the charges in their period', async () => {
    const bills = await t.db
      .selectFrom('bills')
      .innerJoin('lines', 'lines.account_id', 'bills.account_id')
      .select(['lines.msisdn', 'bills.status', 'bills.total_amount', 'bills.paid_amount'])
      .orderBy('lines.msisdn')
      .execute();
    expect(bills).toEqual([
      { msisdn: '+79000000003', status: 'overdue', total_amount: 138_000, paid_amount: 0 }, // 1200 + 180
      { msisdn: '+79000000004', status: 'sent', total_amount: 291_280, paid_amount: 0 }, // 2500 + 412.80
    ]);
  });

  it('explains every balance and every bundle by its ledger rows', async () => {
    const money = await sql<{ id: number; balance: number; total: number }>`
      select a.id, a.balance, coalesce(sum(l.amount), 0) as total
      from accounts a left join ledger_entries l on l.account_id = a.id and l.unit = 'money'
      group by a.id, a.balance`.execute(t.db);
    expect(money.rows.length).toBe(5);
    for (const row of money.rows) expect(Number(row.total)).toBe(row.balance);

    const units = await sql<{ id: number; remaining: number; total: number }>`
      select b.id, b.remaining, coalesce(sum(l.amount), 0) as total
      from bundles b left join ledger_entries l on l.bundle_id = b.id
      group by b.id, b.remaining`.execute(t.db);
    expect(units.rows.length).toBeGreaterThan(10);
    for (const row of units.rows) expect(Number(row.total)).toBe(row.remaining);
  });

  it('gives every demo line a month of usage events that agree with the ledger and the bundles', async () => {
    const events = await t.db
      .selectFrom('usage_events')
      .innerJoin('lines', 'lines.id', 'usage_events.line_id')
      .select([
        'lines.msisdn',
        'lines.account_id',
        'usage_events.type',
        'usage_events.started_at',
        'usage_events.quantity',
        'usage_events.rated_units',
        'usage_events.amount',
        'usage_events.bundle_units',
        'usage_events.status',
        'usage_events.result',
      ])
      .execute();
    const lines = new Set(events.map((e) => e.msisdn));
    expect([...lines].sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `+7900000000${n}`));
    expect(events.every((e) => e.status === 'charged' && e.started_at < now.toISOString())).toBe(true);

    // Money: per account, the charged events add up to its `usage` movements, to the kopeck.
    const spent = new Map<string, number>();
    for (const e of events) {
      const owner = e.msisdn === '+79000000006' ? '+79000000005' : e.msisdn; // Elena pays for both lines
      spent.set(owner, (spent.get(owner) ?? 0) + e.amount);
    }
    expect(Object.fromEntries(spent)).toEqual({
      '+79000000001': 5_450, // Anna: 54.50 = call to Kazakhstan 102 s × 25.00/min (42.50) + 2 SMS abroad × 6.00
      '+79000000002': 3_760, // Boris: 37.60
      '+79000000003': 27_600, // Citra: 180.00 + 96.00
      '+79000000004': 41_280, // Dmitry: 412.80
      '+79000000005': 2_300, // Elena's account: 23.00 over her two lines
    });

    // Units: each event's bundle units are the sum of its bundle charges, and per bundle they add up to
    // what the bundle has used, inside its validity.
    const bundles = await t.db.selectFrom('bundles').selectAll().execute();
    const taken = new Map<number, number>();
    for (const e of events) {
      const charges = (
        JSON.parse(e.result) as {
          charges: { source: string; bundleId?: number; units: number; amount: number }[];
        }
      ).charges;
      expect(charges.filter((c) => c.source === 'bundle').reduce((sum, c) => sum + c.units, 0)).toBe(
        e.bundle_units,
      );
      expect(charges.reduce((sum, c) => sum + c.amount, 0)).toBe(e.amount);
      for (const c of charges.filter((c) => c.bundleId !== undefined)) {
        const bundle = bundles.find((b) => b.id === c.bundleId)!;
        expect(e.started_at >= bundle.valid_from && e.started_at < bundle.expires_at).toBe(true);
        taken.set(bundle.id, (taken.get(bundle.id) ?? 0) + c.units);
      }
    }
    for (const b of bundles) expect(taken.get(b.id) ?? 0).toBe(b.total - b.remaining);

    // Anna by hand: 800 min × 35 % = 16,800 s; 300 SMS × 10 % = 30; 35 GB × 42 % = 14.7 GB from the
    // tariff and 5 GB × 20 % = 1 GB from the pack.
    const anna = events.filter((e) => e.msisdn === '+79000000001');
    const annaUnits = (type: string) =>
      anna.filter((e) => e.type === type).reduce((sum, e) => sum + e.bundle_units, 0);
    expect(annaUnits('voice')).toBe(16_800);
    expect(annaUnits('sms')).toBe(30);
    expect(annaUnits('data')).toBe(15_700_000_000);

    // Boris's Smart Start bills calls per started minute: rated units are whole minutes covering the call.
    for (const e of events.filter((e) => e.msisdn === '+79000000002' && e.type === 'voice')) {
      expect(e.rated_units % 60).toBe(0);
      expect(e.quantity <= e.rated_units && e.quantity > e.rated_units - 60).toBe(true);
    }
    // Citra's line was blocked four days ago: nothing after that.
    const blockedAt = new Date(now.getTime() - 4 * 86_400_000).toISOString();
    expect(events.filter((e) => e.msisdn === '+79000000003' && e.started_at >= blockedAt)).toEqual([]);
  });

  it('refuses to edit or delete ledger rows', async () => {
    await expect(sql`update ledger_entries set amount = 0`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_entries`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('adds a synthetic population in bulk, with ledger rows, and again after it', async () => {
    const before = await t.db
      .selectFrom('lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(
      await seedSyntheticSubscribers(t.db, {
        count: 1500,
        currency: 'RUB',
        timeZone: 'Europe/Moscow',
        now,
        chunk: 700,
      }),
    ).toBe(1500);
    expect(
      await seedSyntheticSubscribers(t.db, { count: 10, currency: 'RUB', timeZone: 'Europe/Moscow', now }),
    ).toBe(10);
    const after = await t.db
      .selectFrom('lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1510);
    const line = await t.db
      .selectFrom('lines')
      .selectAll()
      .where('msisdn', 'like', '+7901%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(line.msisdn).toMatch(/^\+7901\d{7}$/);
    expect(Number(line.iccid.at(-1))).toBe(luhnCheckDigit(line.iccid.slice(0, -1)));
    const account = await t.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', line.account_id)
      .executeTakeFirstOrThrow();
    expect(account.balance).toBe(50_000);
    // Inserting through the identity after explicit ids must not collide.
    await t.db
      .insertInto('customers')
      .values({ name: 'After bulk', email: null, language: 'en', created_at: now.toISOString() })
      .execute();
  });

  it('computes Luhn check digits for ICCIDs', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3); // the textbook Luhn example
  });
});
