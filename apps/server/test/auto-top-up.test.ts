import { testEngine } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signed, signIn } from './support/sign-in';
import { balanceOfLine, createTestApp, type TestApp } from './support/test-app';

const ANNA = '+79000000001';
const BORIS = '+79000000002';
const ELENA = '+79000000005';

let t: TestApp;
let keyNo = 0;

beforeAll(async () => {
  t = await createTestApp({
    SIGN_IN_REQUESTS_PER_MINUTE: '100000',
    PAYMENT_SANDBOX_WEBHOOK_URL: 'off',
    TOP_UP_MIN: '1000',
    TOP_UP_MAX: '1500000',
  });
});
afterAll(async () => t?.close());

const balanceOf = (msisdn: string) => balanceOfLine(t, msisdn);

/** Pays a small top-up on the hosted page with a card and saves it; returns the saved card's id. */
async function saveCard(msisdn: string, who: Signed, card: string, approve3ds = false): Promise<number> {
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/lines/${msisdn}/top-ups`,
    headers: who.headers,
    payload: { amount: 1_000, idempotencyKey: `save-card-${++keyNo}`, saveCard: true },
  });
  const { payment, redirectUrl } = started.json() as { payment: { id: number }; redirectUrl: string };
  const chargeId = redirectUrl.split('/').pop()!;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  await t.app.inject({
    method: 'POST',
    url: `/sandbox/pay/${chargeId}`,
    headers: form,
    payload: new URLSearchParams({ number: card, expiry: '12/30', cvc: '123', action: 'pay' }).toString(),
  });
  if (approve3ds) {
    await t.app.inject({
      method: 'POST',
      url: `/sandbox/pay/${chargeId}/3ds`,
      headers: form,
      payload: 'action=approve',
    });
  }
  const refreshed = await t.app.inject({
    method: 'POST',
    url: `/api/lines/${msisdn}/top-ups/${payment.id}/refresh`,
    headers: who.headers,
  });
  expect(refreshed.json()).toMatchObject({ status: 'succeeded' });
  const cards = (
    await t.app.inject({ method: 'GET', url: `/api/lines/${msisdn}/cards`, headers: who.headers })
  ).json() as {
    cards: { id: number }[];
  };
  return cards.cards.at(-1)!.id;
}

async function putSettings(msisdn: string, who: Signed, settings: Record<string, unknown>) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/lines/${msisdn}/auto-top-up`,
    headers: who.headers,
    payload: settings,
  });
}

const run = (iso: string) => t.app.deps.services.payments.runAutoTopUps(new Date(iso));

describe(`auto top-up, on ${testEngine}`, () => {
  it('refuses settings that could never work, naming the fields', async () => {
    const anna = await signIn(t.app, ANNA);
    const response = await putSettings(ANNA, anna, {
      enabled: true,
      cardId: null,
      amount: 500,
      threshold: null,
      monthlyDay: null,
      dailyLimit: 100,
      monthlyLimit: 50,
    });
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['amount', 'cardId', 'dailyLimit', 'monthlyLimit', 'threshold']);
  });

  it('tops up below the threshold once per day, within the daily and monthly limits', async () => {
    const anna = await signIn(t.app, ANNA);
    const cardId = await saveCard(ANNA, anna, '4242424242424242');
    const saved = await putSettings(ANNA, anna, {
      enabled: true,
      cardId,
      amount: 30_000,
      threshold: 1_000_000,
      monthlyDay: null,
      dailyLimit: 30_000,
      monthlyLimit: 100_000,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const start = await balanceOf(ANNA);

    // Two nodes running the job at the same moment: one charge.
    const [a, b] = await Promise.all([run('2026-11-26T12:00:00Z'), run('2026-11-26T12:00:00Z')]);
    expect(a.charged + b.charged).toBe(1);
    expect(await balanceOf(ANNA)).toBe(start + 30_000);
    // Later the same day: the day's trigger is used (and the daily limit reached).
    expect((await run('2026-11-26T18:00:00Z')).charged).toBe(0);
    // 27th and 28th: 300 ₽ each; the month has then taken 900 ₽ of its 1,000 ₽.
    expect((await run('2026-11-27T12:00:00Z')).charged).toBe(1);
    expect((await run('2026-11-28T12:00:00Z')).charged).toBe(1);
    expect(await balanceOf(ANNA)).toBe(start + 90_000);
    // 29th: another 300 ₽ would make 1,200 ₽ > 1,000 ₽ this month.
    expect((await run('2026-11-29T12:00:00Z')).charged).toBe(0);
    expect(await balanceOf(ANNA)).toBe(start + 90_000);

    const history = (
      await t.app.inject({ method: 'GET', url: `/api/lines/${ANNA}/top-ups`, headers: anna.headers })
    ).json() as { payments: { kind: string; amount: number; status: string; receipt: unknown }[] };
    const auto = history.payments.filter((p) => p.kind === 'auto_top_up');
    expect(auto).toHaveLength(3);
    expect(auto.every((p) => p.status === 'succeeded' && p.receipt !== null)).toBe(true);
  });

  it('tops up monthly on its day, once per month', async () => {
    const elena = await signIn(t.app, ELENA);
    const cardId = await saveCard(ELENA, elena, '4242424242424242');
    const saved = await putSettings(ELENA, elena, {
      enabled: true,
      cardId,
      amount: 50_000,
      threshold: null,
      monthlyDay: 1,
      dailyLimit: 50_000,
      monthlyLimit: 50_000,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const start = await balanceOf(ELENA);
    // Other accounts' auto top-ups run too, so this follows Elena's balance.
    // 30 November: the 1st of November has passed and November had none: 500 ₽, once.
    await run('2026-11-30T12:00:00Z');
    await run('2026-11-30T13:00:00Z');
    expect(await balanceOf(ELENA)).toBe(start + 50_000);
    // 1 December 00:30 in Moscow is still 30 November 21:30 UTC: December's 500 ₽.
    await run('2026-11-30T21:30:00Z');
    await run('2026-12-02T12:00:00Z');
    expect(await balanceOf(ELENA)).toBe(start + 100_000);
  });

  it('a card that needs 3-D Secure cannot be charged off-session: failed, nothing credited', async () => {
    const boris = await signIn(t.app, BORIS);
    const cardId = await saveCard(BORIS, boris, '4000000000003220', true);
    await putSettings(BORIS, boris, {
      enabled: true,
      cardId,
      amount: 20_000,
      threshold: 50_000,
      monthlyDay: null,
      dailyLimit: 20_000,
      monthlyLimit: 100_000,
    });
    const start = await balanceOf(BORIS);
    const report = await run('2026-11-26T12:00:00Z');
    expect(report.failed).toBe(1);
    expect(await balanceOf(BORIS)).toBe(start);
    const history = (
      await t.app.inject({ method: 'GET', url: `/api/lines/${BORIS}/top-ups`, headers: boris.headers })
    ).json() as { payments: { kind: string; status: string; failureReason: string }[] };
    expect(history.payments[0]).toMatchObject({
      kind: 'auto_top_up',
      status: 'failed',
      failureReason: 'authentication_required',
    });
    // The failed trigger is not retried the same day (no hammering a card that needs the payer).
    expect((await run('2026-11-26T15:00:00Z')).failed).toBe(0);
  });

  it('removing the card switches auto top-up off', async () => {
    const boris = await signIn(t.app, BORIS);
    const cards = (
      await t.app.inject({ method: 'GET', url: `/api/lines/${BORIS}/cards`, headers: boris.headers })
    ).json() as {
      cards: { id: number }[];
    };
    await t.app.inject({
      method: 'DELETE',
      url: `/api/lines/${BORIS}/cards/${cards.cards[0]!.id}`,
      headers: boris.headers,
    });
    const settings = (
      await t.app.inject({ method: 'GET', url: `/api/lines/${BORIS}/auto-top-up`, headers: boris.headers })
    ).json();
    expect(settings).toMatchObject({ enabled: false, cardId: null });
  });
});
