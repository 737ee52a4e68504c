import { testEngine } from '@kabinet/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../src/payments/webhook-signature';
import { type Signed, signIn } from './support/sign-in';
import { balanceOfLine, createTestApp, type TestApp } from './support/test-app';

const ANNA = '+79000000001';
const BORIS = '+79000000002';
const SECRET = 'a-test-webhook-secret-of-enough-length';
const logLines: string[] = [];

let t: TestApp;
let anna: Signed;
let keyNo = 0;
const newKey = () => `test-key-${++keyNo}-${Date.now()}`;

beforeAll(async () => {
  t = await createTestApp(
    {
      SIGN_IN_REQUESTS_PER_MINUTE: '100000',
      PAYMENT_WEBHOOK_SECRET: SECRET,
      PAYMENT_SANDBOX_WEBHOOK_URL: 'off',
      PUBLIC_URL: 'http://kabinet.test',
      TOP_UP_MIN: '1000',
      TOP_UP_MAX: '1500000',
      LOG_LEVEL: 'trace',
    },
    { logStream: { write: (line) => void logLines.push(line) } },
  );
  anna = await signIn(t.app, ANNA);
});
afterAll(async () => t?.close());

const balanceOf = (msisdn: string) => balanceOfLine(t, msisdn);

async function creditRows(paymentId: number) {
  return t.database.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('reference_type', '=', 'payment')
    .where('reference_id', '=', String(paymentId))
    .execute();
}

async function startTopUp(amount: number, extra: Record<string, unknown> = {}, key = newKey()) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/lines/${ANNA}/top-ups`,
    headers: anna.headers,
    payload: { amount, idempotencyKey: key, ...extra },
  });
  return response;
}

const chargeIdOf = (redirectUrl: string) => /\/sandbox\/pay\/(sbx_[0-9a-f]{24})/.exec(redirectUrl)![1]!;

async function submitCard(chargeId: string, number: string, expiry = '12/30', cvc = '123') {
  return t.app.inject({
    method: 'POST',
    url: `/sandbox/pay/${chargeId}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ number, expiry, cvc, action: 'pay' }).toString(),
  });
}

async function refresh(paymentId: number) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/lines/${ANNA}/top-ups/${paymentId}/refresh`,
    headers: anna.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    status: string;
    failureReason: string | null;
    receipt: { number: string; amount: number; card: { brand: string; last4: string } | null } | null;
  };
}

/** The webhook the sandbox would send for a charge now, signed with the shared secret. */
async function webhookFor(chargeId: string, at = new Date()) {
  const sandbox = t.app.deps.services.payments.sandbox!;
  const charge = (await sandbox.findCharge(chargeId))!;
  return sandbox.webhookFor(charge, at);
}

function postWebhook(body: string, signature: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/payments/webhooks/sandbox',
    headers: { 'content-type': 'application/json', 'kabinet-signature': signature },
    payload: body,
  });
}

describe(`card top-up through the sandbox provider, on ${testEngine}`, () => {
  it('pays 500.00 ₽ with 4242…: hosted page, redirect back, credited once with a receipt', async () => {
    const before = await balanceOf(ANNA);
    const started = await startTopUp(50_000);
    expect(started.statusCode, started.body).toBe(201);
    const { payment, redirectUrl } = started.json() as {
      payment: { id: number; status: string };
      redirectUrl: string;
    };
    expect(payment.status).toBe('pending');
    expect(redirectUrl).toMatch(/^http:\/\/kabinet\.test\/sandbox\/pay\/sbx_/);
    const chargeId = chargeIdOf(redirectUrl);

    const form = await t.app.inject({ method: 'GET', url: `/sandbox/pay/${chargeId}` });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect(form.body).toContain('500.00');
    expect(form.body).toContain('<label for="number">Card number</label>');

    const paid = await submitCard(chargeId, '4242 4242 4242 4242');
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toBe(
      `http://kabinet.test/top-up/result?line=%2B79000000001&payment=${payment.id}`,
    );
    // Nothing is credited until the provider's word is applied (webhook or refresh).
    expect(await balanceOf(ANNA)).toBe(before);

    const after = await refresh(payment.id);
    expect(after.status).toBe('succeeded');
    expect(after.receipt).toMatchObject({ amount: 50_000, card: { brand: 'visa', last4: '4242' } });
    expect(after.receipt!.number).toMatch(/^R-\d{8}-\d{6}$/);
    // No commission: 500.00 ₽ paid, 500.00 ₽ on the balance.
    expect(await balanceOf(ANNA)).toBe(before + 50_000);
    const rows = await creditRows(payment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'top_up',
      unit: 'money',
      amount: 50_000,
      balance_after: before + 50_000,
    });

    // The webhook arriving after the refresh, and replayed, changes nothing.
    const { body, signature } = await webhookFor(chargeId);
    for (let i = 0; i < 3; i += 1) {
      const hook = await postWebhook(body, signature);
      expect(hook.statusCode, hook.body).toBe(200);
      expect(hook.json()).toEqual({ received: true, outcome: 'unchanged' });
    }
    expect(await balanceOf(ANNA)).toBe(before + 50_000);
    expect(await creditRows(payment.id)).toHaveLength(1);
  });

  it('credits once when the webhook (replayed) and the return refresh race', async () => {
    for (let round = 0; round < 5; round += 1) {
      const before = await balanceOf(ANNA);
      const started = (await startTopUp(12_345)).json() as { payment: { id: number }; redirectUrl: string };
      const chargeId = chargeIdOf(started.redirectUrl);
      expect((await submitCard(chargeId, '4242424242424242')).statusCode).toBe(303);
      const { body, signature } = await webhookFor(chargeId);
      const answers = await Promise.all([
        postWebhook(body, signature),
        refresh(started.payment.id),
        postWebhook(body, signature),
        refresh(started.payment.id),
        postWebhook(body, signature),
      ]);
      const outcomes = [answers[0], answers[2], answers[4]].map(
        (a) => (a as { json(): { outcome: string } }).json().outcome,
      );
      expect(outcomes.every((o) => o === 'settled' || o === 'unchanged')).toBe(true);
      // 123.45 ₽ once.
      expect(await balanceOf(ANNA)).toBe(before + 12_345);
      expect(await creditRows(started.payment.id)).toHaveLength(1);
    }
  });

  it('refuses a forged or a stale webhook with 400 and credits nothing', async () => {
    const before = await balanceOf(ANNA);
    const started = (await startTopUp(20_000)).json() as { payment: { id: number }; redirectUrl: string };
    const chargeId = chargeIdOf(started.redirectUrl);
    expect((await submitCard(chargeId, '4242424242424242')).statusCode).toBe(303);
    const { body } = await webhookFor(chargeId);

    const forgedBody = body.replace('"amount":20000', '"amount":2000000');
    const signedOriginal = signWebhook(SECRET, body, new Date());
    const wrongSecret = signWebhook('someone-elses-secret-value-000000', body, new Date());
    // A minute beyond the 5-minute tolerance either way: signatures carry whole seconds and the check
    // runs a moment later, so a margin of one second would make the case depend on timing.
    const stale = signWebhook(SECRET, body, new Date(Date.now() - 360_000));
    const future = signWebhook(SECRET, body, new Date(Date.now() + 360_000));
    for (const [payload, signature] of [
      [forgedBody, signedOriginal],
      [body, wrongSecret],
      [body, stale],
      [body, future],
      [body, 't=abc,v1=00'],
      [body, ''],
    ] as const) {
      const response = await postWebhook(payload, signature);
      expect(response.statusCode, `${signature}`).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_signature' });
    }
    expect(await balanceOf(ANNA)).toBe(before);
    expect(await creditRows(started.payment.id)).toHaveLength(0);

    // 4 minutes old is still within the 5-minute tolerance.
    const fresh = await webhookFor(chargeId, new Date(Date.now() - 240_000));
    const ok = await postWebhook(fresh.body, fresh.signature);
    expect(ok.json()).toEqual({ received: true, outcome: 'settled' });
    expect(await balanceOf(ANNA)).toBe(before + 20_000);
  });

  it.each([
    ['4000 0000 0000 0002', 'card_declined'],
    ['4000 0000 0000 9995', 'insufficient_funds'],
  ])('%s fails with %s and credits nothing', async (card, reason) => {
    const before = await balanceOf(ANNA);
    const started = (await startTopUp(30_000)).json() as { payment: { id: number }; redirectUrl: string };
    const chargeId = chargeIdOf(started.redirectUrl);
    expect((await submitCard(chargeId, card)).statusCode).toBe(303);
    const after = await refresh(started.payment.id);
    expect(after).toMatchObject({ status: 'failed', failureReason: reason, receipt: null });
    // A late "succeeded" claim cannot turn a failed payment into money (and is refused by signature anyway).
    const { body, signature } = await webhookFor(chargeId);
    expect((await postWebhook(body, signature)).json()).toEqual({ received: true, outcome: 'unchanged' });
    expect(await balanceOf(ANNA)).toBe(before);
    expect(await creditRows(started.payment.id)).toHaveLength(0);
  });

  it.each([
    ['approve', 'succeeded', null, 40_000],
    ['fail', 'failed', 'authentication_failed', 0],
  ])('3-D Secure (4000 0000 0000 3220): %s → %s', async (action, status, reason, credited) => {
    const before = await balanceOf(ANNA);
    const started = (await startTopUp(40_000)).json() as { payment: { id: number }; redirectUrl: string };
    const chargeId = chargeIdOf(started.redirectUrl);
    const submitted = await submitCard(chargeId, '4000000000003220');
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`http://kabinet.test/sandbox/pay/${chargeId}/3ds`);
    // Still pending while the payer is on the challenge.
    expect((await refresh(started.payment.id)).status).toBe('pending');
    const challenge = await t.app.inject({ method: 'GET', url: `/sandbox/pay/${chargeId}/3ds` });
    expect(challenge.statusCode).toBe(200);
    expect(challenge.body).toContain('3220');
    const answered = await t.app.inject({
      method: 'POST',
      url: `/sandbox/pay/${chargeId}/3ds`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `action=${action}`,
    });
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toContain(`payment=${started.payment.id}`);
    expect(await refresh(started.payment.id)).toMatchObject({ status, failureReason: reason });
    expect(await balanceOf(ANNA)).toBe(before + credited);
  });

  it('a cancelled payment is shown as cancelled by the payer', async () => {
    const started = (await startTopUp(10_000)).json() as { payment: { id: number }; redirectUrl: string };
    const chargeId = chargeIdOf(started.redirectUrl);
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/sandbox/pay/${chargeId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=cancel',
    });
    expect(cancelled.statusCode).toBe(303);
    expect(await refresh(started.payment.id)).toMatchObject({
      status: 'cancelled',
      failureReason: 'cancelled_by_payer',
    });
  });

  it('re-shows the form for a card that fails Luhn, an expired card or a short CVC, and charges nothing', async () => {
    const started = (await startTopUp(10_000)).json() as { payment: { id: number }; redirectUrl: string };
    const chargeId = chargeIdOf(started.redirectUrl);
    const bad = await submitCard(chargeId, '4242 4242 4242 4241', '01/20', '12');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The card number is not valid');
    expect(bad.body).toContain('This card has expired');
    expect(bad.body).toContain('The security code is 3 digits');
    expect((await refresh(started.payment.id)).status).toBe('pending');
  });

  it('keeps amounts within TOP_UP_MIN and TOP_UP_MAX (400 amount_out_of_range, nothing created)', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('payments')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const amount of [999, 1_500_001]) {
      const response = await startTopUp(amount);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'amount_out_of_range', min: 1000, max: 1_500_000 });
    }
    for (const amount of [1000, 1_500_000]) expect((await startTopUp(amount)).statusCode).toBe(201);
    expect(await count()).toBe(before + 2);
  });

  it('answers the same key with the same payment, and refuses the key for another amount', async () => {
    const key = newKey();
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/lines/${ANNA}/top-ups`,
      headers: { ...anna.headers, 'idempotency-key': key },
      payload: { amount: 25_000 },
    });
    expect(first.statusCode).toBe(201);
    const again = await startTopUp(25_000, {}, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await startTopUp(26_000, {}, key);
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const none = await t.app.inject({
      method: 'POST',
      url: `/api/lines/${ANNA}/top-ups`,
      headers: anna.headers,
      payload: { amount: 25_000 },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'validation_failed' });
  });

  it("does not show one subscriber's payment on another subscriber's line", async () => {
    const started = (await startTopUp(10_000)).json() as { payment: { id: number } };
    const boris = await signIn(t.app, BORIS);
    for (const url of [
      `/api/lines/${BORIS}/top-ups/${started.payment.id}`,
      `/api/lines/${ANNA}/top-ups/${started.payment.id}`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: boris.headers });
      expect(response.statusCode, url).toBe(404);
    }
  });

  it('saves a card (token only), pays with it at once, lists it in the history, removes it', async () => {
    const before = await balanceOf(ANNA);
    const started = (await startTopUp(15_000, { saveCard: true })).json() as {
      payment: { id: number };
      redirectUrl: string;
    };
    expect(
      (await submitCard(started.redirectUrl.split('/').pop()!, '5555 5555 5555 4444', '11/31', '321'))
        .statusCode,
    ).toBe(303);
    expect((await refresh(started.payment.id)).status).toBe('succeeded');
    const cards = (
      await t.app.inject({ method: 'GET', url: `/api/lines/${ANNA}/cards`, headers: anna.headers })
    ).json() as { cards: { id: number; brand: string; last4: string; expMonth: number; expYear: number }[] };
    expect(cards.cards).toEqual([
      { id: expect.any(Number), brand: 'mastercard', last4: '4444', expMonth: 11, expYear: 2031 },
    ]);
    const stored = await t.database.db.selectFrom('payment_cards').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain('5555555555554444');

    const withCard = await startTopUp(7_000, { cardId: cards.cards[0]!.id });
    expect(withCard.statusCode).toBe(201);
    expect(withCard.json()).toMatchObject({
      redirectUrl: null,
      payment: { status: 'succeeded', card: { last4: '4444' } },
    });
    // 150.00 + 70.00 ₽.
    expect(await balanceOf(ANNA)).toBe(before + 22_000);

    const history = (
      await t.app.inject({ method: 'GET', url: `/api/lines/${ANNA}/top-ups?limit=2`, headers: anna.headers })
    ).json() as { payments: { amount: number; status: string }[]; nextBefore: number | null };
    expect(history.payments.map((p) => [p.amount, p.status])).toEqual([
      [7_000, 'succeeded'],
      [15_000, 'succeeded'],
    ]);
    expect(history.nextBefore).not.toBeNull();

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/lines/${ANNA}/cards/${cards.cards[0]!.id}`,
      headers: anna.headers,
    });
    expect(removed.statusCode).toBe(204);
    const afterRemove = await startTopUp(7_000, { cardId: cards.cards[0]!.id });
    expect(afterRemove.statusCode).toBe(404);
  });

  it('never writes a card number or CVC to the log', async () => {
    const started = (await startTopUp(11_000)).json() as { payment: { id: number }; redirectUrl: string };
    const chargeId = chargeIdOf(started.redirectUrl);
    logLines.length = 0;
    await submitCard(chargeId, '4000 0000 0000 3220', '09/33', '987');
    await t.app.inject({
      method: 'POST',
      url: `/sandbox/pay/${chargeId}/3ds`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=approve',
    });
    await refresh(started.payment.id);
    const log = logLines.join('');
    // The log is really being captured (trace level: request lines are there).
    expect(log).toContain(`/sandbox/pay/${chargeId}`);
    for (const secret of ['4000000000003220', '4000 0000 0000 3220', '4000+0000', 'cvc', 'number=']) {
      expect(log).not.toContain(secret);
    }
    // The CVC on its own: three digits also occur inside request ids (hex) and timestamps, so only
    // where it stands alone.
    expect(log).not.toMatch(/(^|[^0-9a-f])987([^0-9a-f]|$)/);
  });

  it('a webhook about a payment we do not know is acknowledged and ignored', async () => {
    const body = JSON.stringify({
      id: 'evt_x',
      type: 'payment.succeeded',
      data: {
        providerPaymentId: 'sbx_000000000000000000000000',
        status: 'succeeded',
        amount: 100,
        currency: 'RUB',
      },
    });
    const response = await postWebhook(body, signWebhook(SECRET, body, new Date()));
    expect(response.json()).toEqual({ received: true, outcome: 'ignored' });
    const notEvent = '{"hello":1}';
    expect((await postWebhook(notEvent, signWebhook(SECRET, notEvent, new Date()))).statusCode).toBe(400);
  });

  it('closes a payment the payer abandoned after PAYMENT_PENDING_TIMEOUT_MINUTES (60), and a late card is refused', async () => {
    const payments = t.app.deps.services.payments;
    const before = await balanceOf(ANNA);
    const started = (await startTopUp(9_000)).json() as { payment: { id: number }; redirectUrl: string };
    const chargeId = chargeIdOf(started.redirectUrl);
    // 59 minutes on it is still open.
    await payments.expireAbandoned(new Date(Date.now() + 59 * 60_000));
    expect((await refresh(started.payment.id)).status).toBe('pending');
    await payments.expireAbandoned(new Date(Date.now() + 61 * 60_000));
    expect(await refresh(started.payment.id)).toMatchObject({
      status: 'cancelled',
      failureReason: 'expired',
    });
    // The payer coming back to the page is sent to the result; a card typed now charges nothing.
    const page = await t.app.inject({ method: 'GET', url: `/sandbox/pay/${chargeId}` });
    expect(page.statusCode).toBe(303);
    expect((await submitCard(chargeId, '4242424242424242')).statusCode).toBe(303);
    expect((await refresh(started.payment.id)).status).toBe('cancelled');
    expect(await balanceOf(ANNA)).toBe(before);
  });

  it('credits a paid payment whose webhook was lost when the abandoned-payment run asks the provider', async () => {
    const before = await balanceOf(ANNA);
    const started = (await startTopUp(8_000)).json() as { payment: { id: number }; redirectUrl: string };
    expect((await submitCard(chargeIdOf(started.redirectUrl), '4242424242424242')).statusCode).toBe(303);
    await t.app.deps.services.payments.expireAbandoned(new Date(Date.now() + 61 * 60_000));
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/lines/${ANNA}/top-ups/${started.payment.id}`,
      headers: anna.headers,
    });
    expect(after.json()).toMatchObject({ status: 'succeeded' });
    expect(await balanceOf(ANNA)).toBe(before + 8_000);
    expect(await creditRows(started.payment.id)).toHaveLength(1);
  });

  it('answers bad input with 400 problem+json and changes nothing', async () => {
    const before = await balanceOf(ANNA);
    const bodies = [
      { amount: '500', idempotencyKey: newKey() },
      { amount: 10.5, idempotencyKey: newKey() },
      { amount: -100, idempotencyKey: newKey() },
      { amount: 1e20, idempotencyKey: newKey() },
      { amount: 5000, idempotencyKey: 'short' },
      { amount: 5000, idempotencyKey: newKey(), cardId: 1e20 },
      { amount: 5000, idempotencyKey: newKey(), extra: true },
    ];
    for (const payload of bodies) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/lines/${ANNA}/top-ups`,
        headers: anna.headers,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    for (const url of [`/api/lines/${ANNA}/top-ups/1e30/refresh`, `/api/lines/${ANNA}/top-ups/abc/refresh`]) {
      expect((await t.app.inject({ method: 'POST', url, headers: anna.headers })).statusCode).toBe(400);
    }
    const settings = await t.app.inject({
      method: 'PUT',
      url: `/api/lines/${ANNA}/auto-top-up`,
      headers: anna.headers,
      payload: {
        enabled: false,
        cardId: null,
        amount: 30_000,
        threshold: 1e20,
        monthlyDay: null,
        dailyLimit: 30_000,
        monthlyLimit: 90_000,
      },
    });
    expect(settings.statusCode).toBe(400);
    const sandbox = await t.app.inject({
      method: 'POST',
      url: '/sandbox/pay/not-a-charge',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'number=4242424242424242',
    });
    expect(sandbox.statusCode).toBe(400);
    expect(await balanceOf(ANNA)).toBe(before);
  });

  it('keeps the ledger and the balances in agreement', async () => {
    const mismatched = await sql<{ id: number }>`
      select a.id from accounts a
      where a.balance <> coalesce((select sum(amount) from ledger_entries l where l.account_id = a.id and l.unit = 'money'), 0)`.execute(
      t.database.db,
    );
    expect(mismatched.rows).toEqual([]);
  });
});

describe(`a card top-up and an open promised payment, on ${testEngine}`, () => {
  it('repays the promised payment first, in the same transaction, and the rest stays on the balance', async () => {
    const boris = await signIn(t.app, BORIS);
    const start = await balanceOf(BORIS);
    // Default terms: 100.00 ₽ offered, 10.00 ₽ fee → start + 10_000 − 1_000.
    const taken = await t.app.inject({
      method: 'POST',
      url: `/api/lines/${BORIS}/promised-payment`,
      headers: boris.headers,
      payload: { clientKey: 'boris-card-repay-1', amount: 10_000 },
    });
    expect(taken.statusCode, taken.body).toBe(201);
    expect(await balanceOf(BORIS)).toBe(start + 9_000);

    const started = await t.app.inject({
      method: 'POST',
      url: `/api/lines/${BORIS}/top-ups`,
      headers: boris.headers,
      payload: { amount: 15_000, idempotencyKey: newKey() },
    });
    expect(started.statusCode, started.body).toBe(201);
    const { payment, redirectUrl } = started.json() as { payment: { id: number }; redirectUrl: string };
    expect((await submitCard(chargeIdOf(redirectUrl), '4242 4242 4242 4242')).statusCode).toBe(303);
    // The webhook and the return may both arrive: the repayment happens once, with the one credit.
    const { body, signature } = await webhookFor(chargeIdOf(redirectUrl));
    expect((await postWebhook(body, signature)).statusCode).toBe(200);
    expect((await postWebhook(body, signature)).statusCode).toBe(200);
    const refreshed = await t.app.inject({
      method: 'POST',
      url: `/api/lines/${BORIS}/top-ups/${payment.id}/refresh`,
      headers: boris.headers,
    });
    expect(refreshed.json().status).toBe('succeeded');

    // 150.00 ₽ arrive, 100.00 ₽ repay the promised payment: start + 9_000 + 15_000 − 10_000.
    expect(await balanceOf(BORIS)).toBe(start + 14_000);
    const repayments = await t.database.db
      .selectFrom('ledger_entries')
      .select(['amount', 'kind'])
      .where('reference_type', '=', 'promised_payment')
      .where('kind', '=', 'promised_payment_repayment')
      .execute();
    expect(repayments).toEqual([{ amount: -10_000, kind: 'promised_payment_repayment' }]);
    const offer = await t.app.inject({ url: `/api/lines/${BORIS}/promised-payment`, headers: boris.headers });
    expect(offer.json().current).toBeNull();
  });
});
