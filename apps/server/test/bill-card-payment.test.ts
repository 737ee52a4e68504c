import { testEngine } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Signed, signIn } from './support/sign-in';
import { balanceOfLine, createTestApp, type TestApp } from './support/test-app';

/**
 * Paying postpaid bills by card through the sandbox provider, on the demo subscribers (kopecks):
 * - Dmitry (+79000000004): the bill for 35..5 days ago is the 2,500.00 fee + 412.80 usage = 291_280,
 *   sent, not yet due; his balance is −2,500 + 2,500 − 2,500 − 412.80 = −291_280.
 * - Citra (+79000000003): the bill for 55..25 days ago is 1,200.00 fee + 180.00 usage = 138_000, overdue,
 *   and her line is blocked for it; her balance is −1,200 − 180 − 1,200 − 96 = −267_600.
 */
const KEY = 'operator-key-for-tests-0123456789';
const operator = { authorization: `Bearer ${KEY}` };
const SECRET = 'a-test-webhook-secret-of-enough-length';
const ANNA = '+79000000001';
const CITRA = '+79000000003';
const DMITRY = '+79000000004';

let t: TestApp;
const signed: Record<string, Signed> = {};
let keyNo = 0;
const newKey = () => `bill-key-${++keyNo}-${Date.now()}`;

beforeAll(async () => {
  t = await createTestApp({
    SIGN_IN_REQUESTS_PER_MINUTE: '100000',
    OPERATOR_API_KEY: KEY,
    PAYMENT_WEBHOOK_SECRET: SECRET,
    PAYMENT_SANDBOX_WEBHOOK_URL: 'off',
    PUBLIC_URL: 'http://kabinet.test',
  });
  for (const msisdn of [ANNA, CITRA, DMITRY]) signed[msisdn] = await signIn(t.app, msisdn);
});
afterAll(async () => t?.close());

const balanceOf = (msisdn: string) => balanceOfLine(t, msisdn);

async function lineStatus(msisdn: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('lines')
    .select('status')
    .where('msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
  return row.status;
}

async function billNumberOf(msisdn: string): Promise<string> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/lines/${msisdn}/bills`,
    headers: signed[msisdn]!.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  const { bills } = response.json() as { bills: { number: string }[] };
  expect(bills).toHaveLength(1);
  return bills[0]!.number;
}

interface BillView {
  status: string;
  totalAmount: number;
  paidAmount: number;
  payments: { amount: number; source: string }[];
}

async function billOf(msisdn: string, number: string): Promise<BillView> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/lines/${msisdn}/bills/${number}`,
    headers: signed[msisdn]!.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as BillView;
}

function pay(msisdn: string, number: string, body: Record<string, unknown>, as = msisdn) {
  return t.app.inject({
    method: 'POST',
    url: `/api/lines/${msisdn}/bills/${number}/card-payments`,
    headers: signed[as]!.headers,
    payload: body,
  });
}

interface Started {
  payment: { id: number; kind: string; amount: number; status: string };
  redirectUrl: string;
}

const chargeIdOf = (redirectUrl: string) => /\/sandbox\/pay\/(sbx_[0-9a-f]{24})/.exec(redirectUrl)![1]!;

async function submitCard(redirectUrl: string, number: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/sandbox/pay/${chargeIdOf(redirectUrl)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ number, expiry: '12/30', cvc: '123', action: 'pay' }).toString(),
  });
  expect(response.statusCode, response.body).toBe(303);
  return response.headers.location as string;
}

async function refresh(msisdn: string, paymentId: number) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/lines/${msisdn}/top-ups/${paymentId}/refresh`,
    headers: signed[msisdn]!.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { status: string; kind: string; failureReason: string | null };
}

async function postWebhookFor(redirectUrl: string) {
  const sandbox = t.app.deps.services.payments.sandbox!;
  const { body, signature } = sandbox.webhookFor(
    (await sandbox.findCharge(chargeIdOf(redirectUrl)))!,
    new Date(),
  );
  return t.app.inject({
    method: 'POST',
    url: '/api/payments/webhooks/sandbox',
    headers: { 'content-type': 'application/json', 'kabinet-signature': signature },
    payload: body,
  });
}

async function ledgerOfPayment(paymentId: number) {
  return t.database.db
    .selectFrom('ledger_entries')
    .select(['kind', 'amount'])
    .where('reference_type', '=', 'payment')
    .where('reference_id', '=', String(paymentId))
    .execute();
}

describe(`paying a postpaid bill by card, on ${testEngine}`, () => {
  it('refuses what it cannot pay and changes nothing', async () => {
    const dmitryBill = await billNumberOf(DMITRY);
    const before = await balanceOf(DMITRY);
    // More than the 2,912.80 outstanding.
    const tooMuch = await pay(DMITRY, dmitryBill, { amount: 291_281, idempotencyKey: newKey() });
    expect(tooMuch.statusCode, tooMuch.body).toBe(409);
    expect(tooMuch.json()).toMatchObject({ code: 'amount_exceeds_outstanding', max: 291_280 });
    // No such bill on Dmitry's account, and Dmitry's bill asked for from Anna's line.
    expect((await pay(DMITRY, 'B-0000-NOPE', { idempotencyKey: newKey() })).statusCode).toBe(404);
    expect((await pay(ANNA, dmitryBill, { idempotencyKey: newKey() })).statusCode).toBe(404);
    // Dmitry's line from Anna's session: not there for her.
    expect((await pay(DMITRY, dmitryBill, { idempotencyKey: newKey() }, ANNA)).statusCode).toBe(404);
    // No key, a zero amount, an unknown field.
    expect((await pay(DMITRY, dmitryBill, {})).statusCode).toBe(400);
    expect((await pay(DMITRY, dmitryBill, { amount: 0, idempotencyKey: newKey() })).statusCode).toBe(400);
    expect((await pay(DMITRY, dmitryBill, { idempotencyKey: newKey(), tip: 1 })).statusCode).toBe(400);

    const payments = await t.database.db
      .selectFrom('payments')
      .select('id')
      .where('kind', '=', 'bill_payment')
      .execute();
    expect(payments).toHaveLength(0);
    expect(await balanceOf(DMITRY)).toBe(before);
    expect((await billOf(DMITRY, dmitryBill)).paidAmount).toBe(0);
  });

  it('pays the whole bill: one ledger credit, the bill settled, replays harmless', async () => {
    const number = await billNumberOf(DMITRY);
    expect(await balanceOf(DMITRY)).toBe(-291_280);
    const key = newKey();
    const started = await pay(DMITRY, number, { idempotencyKey: key });
    expect(started.statusCode, started.body).toBe(201);
    const { payment, redirectUrl } = started.json() as Started;
    // No amount given: everything outstanding.
    expect(payment).toMatchObject({ kind: 'bill_payment', amount: 291_280, status: 'pending' });

    const form = await t.app.inject({ method: 'GET', url: `/sandbox/pay/${chargeIdOf(redirectUrl)}` });
    expect(form.body).toMatch(/RUB\s2,912\.80/);

    // The same key again: the same payment, nothing new at the provider; another amount under it is refused.
    const again = await pay(DMITRY, number, { idempotencyKey: key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.json() as Started).payment.id).toBe(payment.id);
    const other = await pay(DMITRY, number, { idempotencyKey: key, amount: 1_000 });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });

    const back = await submitCard(redirectUrl, '4242424242424242');
    expect(back).toBe(
      `http://kabinet.test/top-up/result?line=%2B79000000004&payment=${payment.id}&bill=${number}`,
    );
    // Nothing moves before the provider's word is applied.
    expect((await billOf(DMITRY, number)).paidAmount).toBe(0);

    expect((await refresh(DMITRY, payment.id)).status).toBe('succeeded');
    const bill = await billOf(DMITRY, number);
    expect(bill).toMatchObject({ status: 'settled', totalAmount: 291_280, paidAmount: 291_280 });
    expect(bill.payments).toEqual([expect.objectContaining({ amount: 291_280, source: 'card' })]);
    expect(await balanceOf(DMITRY)).toBe(0);
    // The payment's own credit is the only money movement: no second row for the bill.
    expect(await ledgerOfPayment(payment.id)).toEqual([{ kind: 'bill_payment', amount: 291_280 }]);
    const billRows = await t.database.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('reference_type', '=', 'bill_payment')
      .execute();
    expect(billRows).toHaveLength(0);

    // The webhook after the refresh, three times: nothing more.
    for (let i = 0; i < 3; i += 1) {
      const hook = await postWebhookFor(redirectUrl);
      expect(hook.json()).toEqual({ received: true, outcome: 'unchanged' });
    }
    expect(await balanceOf(DMITRY)).toBe(0);
    expect((await billOf(DMITRY, number)).payments).toHaveLength(1);

    // A settled bill takes no new payment; the old key still answers with its payment.
    const settled = await pay(DMITRY, number, { idempotencyKey: newKey() });
    expect(settled.statusCode).toBe(409);
    expect(settled.json()).toMatchObject({ code: 'bill_settled' });
    const replay = await pay(DMITRY, number, { idempotencyKey: key });
    expect(replay.statusCode).toBe(201);
    expect((replay.json() as Started).payment).toMatchObject({ id: payment.id, status: 'succeeded' });
  });

  it('pays an overdue bill in parts; the line is unblocked only when it is settled', async () => {
    const number = await billNumberOf(CITRA);
    expect(await lineStatus(CITRA)).toBe('blocked_debt');
    expect(await balanceOf(CITRA)).toBe(-267_600);

    // A declined card changes nothing.
    const declined = (
      await pay(CITRA, number, { amount: 50_000, idempotencyKey: newKey() })
    ).json() as Started;
    await submitCard(declined.redirectUrl, '4000000000000002');
    expect(await refresh(CITRA, declined.payment.id)).toMatchObject({
      status: 'failed',
      failureReason: 'card_declined',
    });
    expect((await billOf(CITRA, number)).paidAmount).toBe(0);
    expect(await balanceOf(CITRA)).toBe(-267_600);

    // 500.00 of 1,380.00: still overdue, still blocked.
    const part = (await pay(CITRA, number, { amount: 50_000, idempotencyKey: newKey() })).json() as Started;
    await submitCard(part.redirectUrl, '4242424242424242');
    expect((await postWebhookFor(part.redirectUrl)).json()).toEqual({ received: true, outcome: 'settled' });
    expect(await billOf(CITRA, number)).toMatchObject({ status: 'overdue', paidAmount: 50_000 });
    expect(await lineStatus(CITRA)).toBe('blocked_debt');
    expect(await balanceOf(CITRA)).toBe(-217_600);

    // The rest, 880.00, by default: settled, and the line blocked for this bill is active again.
    const rest = (await pay(CITRA, number, { idempotencyKey: newKey() })).json() as Started;
    expect(rest.payment.amount).toBe(88_000);
    await submitCard(rest.redirectUrl, '4242424242424242');
    expect((await refresh(CITRA, rest.payment.id)).status).toBe('succeeded');
    const bill = await billOf(CITRA, number);
    expect(bill).toMatchObject({ status: 'settled', paidAmount: 138_000 });
    expect(bill.payments.map((p) => [p.amount, p.source])).toEqual([
      [50_000, 'card'],
      [88_000, 'card'],
    ]);
    expect(await lineStatus(CITRA)).toBe('active');
    // What is still owed is the 1,296.00 charged after the bill's period: 267_600 − 138_000.
    expect(await balanceOf(CITRA)).toBe(-129_600);
  });

  it('keeps the money as an advance when the bill was paid another way meanwhile', async () => {
    // A fresh bill for Citra's next period, issued by hand: 1,296.00 (the fee and usage after the last one).
    const { db } = t.database;
    const account = await db
      .selectFrom('lines')
      .select('account_id')
      .where('msisdn', '=', CITRA)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('bills')
      .values({
        account_id: account.account_id,
        number: 'B-TEST-ADVANCE',
        period_start: '2026-10-02',
        period_end: '2026-11-01',
        issued_at: '2026-11-02T09:00:00.000Z',
        due_date: '2026-12-20',
        status: 'sent',
        total_amount: 129_600,
        paid_amount: 0,
        fees_amount: 120_000,
        usage_amount: 9_600,
        discount_amount: 0,
        tax_amount: 0,
        tax_mode: null,
        tax_rate_basis_points: null,
        settled_at: null,
        created_at: '2026-11-02T09:00:00.000Z',
      })
      .execute();
    const before = await balanceOf(CITRA);

    // Two card payments of the whole 1,296.00 started side by side, and a bank transfer of 1,000.00
    // recorded by the operator before either card is charged.
    const first = (await pay(CITRA, 'B-TEST-ADVANCE', { idempotencyKey: newKey() })).json() as Started;
    const second = (await pay(CITRA, 'B-TEST-ADVANCE', { idempotencyKey: newKey() })).json() as Started;
    const transfer = await t.app.inject({
      method: 'POST',
      url: '/api/operator/bills/B-TEST-ADVANCE/payments',
      headers: operator,
      payload: { amount: 100_000, reference: 'bank-transfer-777' },
    });
    expect(transfer.statusCode, transfer.body).toBe(201);

    await submitCard(first.redirectUrl, '4242424242424242');
    await submitCard(second.redirectUrl, '4242424242424242');
    const [a, b] = await Promise.all([postWebhookFor(first.redirectUrl), postWebhookFor(second.redirectUrl)]);
    expect([a.json().outcome, b.json().outcome]).toEqual(['settled', 'settled']);

    // The bill took 1,000.00 + 296.00 and no more; the account got every kopeck: 1,000 + 2 × 1,296.
    const bill = await billOf(CITRA, 'B-TEST-ADVANCE');
    expect(bill).toMatchObject({ status: 'settled', paidAmount: 129_600 });
    expect(bill.payments.map((p) => [p.amount, p.source])).toEqual([
      [100_000, 'operator'],
      [29_600, 'card'],
    ]);
    expect(await balanceOf(CITRA)).toBe(before + 100_000 + 2 * 129_600);
    expect(await ledgerOfPayment(first.payment.id)).toEqual([{ kind: 'bill_payment', amount: 129_600 }]);
    expect(await ledgerOfPayment(second.payment.id)).toEqual([{ kind: 'bill_payment', amount: 129_600 }]);
  });
});
