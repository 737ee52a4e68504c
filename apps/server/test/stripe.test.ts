import { testEngine } from '@kabinet/db/testing';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripeProvider } from '../src/payments/stripe-provider';
import { createTestApp, type TestApp } from './support/test-app';

/** Stripe is never called over the network here: webhooks are signed locally with the test helper. */
const WEBHOOK_SECRET = 'whsec_test_0123456789abcdefghijklmnop';
const stripe = new Stripe('sk_test_offline_0000000000000000');

function intentEvent(type: string, intent: Record<string, unknown>) {
  return JSON.stringify({
    id: `evt_${Math.random().toString(16).slice(2)}`,
    object: 'event',
    type,
    api_version: '2025-01-01',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        object: 'payment_intent',
        currency: 'rub',
        customer: null,
        payment_method: 'pm_card_visa',
        setup_future_usage: null,
        last_payment_error: null,
        next_action: null,
        ...intent,
      },
    },
  });
}

const sign = (payload: string, secret = WEBHOOK_SECRET, timestamp = Math.floor(Date.now() / 1000)) =>
  stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

describe('Stripe webhook verification (offline)', () => {
  const provider = new StripeProvider('sk_test_offline_0000000000000000', WEBHOOK_SECRET, 300);
  const body = intentEvent('payment_intent.succeeded', {
    id: 'pi_1',
    amount: 30_000,
    amount_received: 30_000,
    status: 'succeeded',
  });

  it('reads a validly signed event', async () => {
    expect(await provider.parseWebhook(body, sign(body), new Date())).toMatchObject({
      providerPaymentId: 'pi_1',
      status: 'succeeded',
      amount: 30_000,
      currency: 'RUB',
    });
  });

  it('maps a declined intent to its reason', async () => {
    const failed = intentEvent('payment_intent.payment_failed', {
      id: 'pi_2',
      amount: 30_000,
      amount_received: 0,
      status: 'requires_payment_method',
      last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
    });
    expect(await provider.parseWebhook(failed, sign(failed), new Date())).toMatchObject({
      status: 'failed',
      failureReason: 'insufficient_funds',
    });
  });

  it('refuses a forged body, a wrong secret and a stale signature', async () => {
    const forged = body.replace('30000', '3000000');
    const cases = [
      [forged, sign(body)],
      [body, sign(body, 'whsec_someone_else_0000000000000000')],
      // 301 s old against a 300 s tolerance.
      [body, sign(body, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 301)],
      [body, 'not a signature'],
    ] as const;
    for (const [payload, header] of cases) {
      await expect(provider.parseWebhook(payload, header, new Date())).rejects.toThrow(
        expect.objectContaining({ code: 'invalid_signature' }),
      );
    }
  });

  it('ignores events about other things', async () => {
    const other = JSON.stringify({
      id: 'evt_x',
      object: 'event',
      type: 'customer.created',
      data: { object: {} },
    });
    expect(await provider.parseWebhook(other, sign(other), new Date())).toBeNull();
  });
});

describe(`the Stripe webhook route credits once, on ${testEngine}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_offline_0000000000000000',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
  });
  afterAll(async () => t?.close());

  it('settles a payment from payment_intent.succeeded, ignores replays, refuses forgeries', async () => {
    const { db } = t.database;
    const line = await db
      .selectFrom('lines')
      .select(['id', 'account_id'])
      .where('msisdn', '=', '+79000000002')
      .executeTakeFirstOrThrow();
    const store = t.app.deps.services.payments.store;
    const { payment } = await store.insert({
      accountId: line.account_id,
      lineId: line.id,
      kind: 'top_up',
      idempotencyKey: 'stripe-route-1',
      amount: 30_000,
      currency: 'RUB',
      provider: 'stripe',
      cardId: null,
      saveCard: false,
      billId: null,
      createdAt: new Date(),
    });
    await store.attachProvider(payment.id, 'pi_route_1', null);
    const balance = async () =>
      (
        await db
          .selectFrom('accounts')
          .select('balance')
          .where('id', '=', line.account_id)
          .executeTakeFirstOrThrow()
      ).balance;
    const before = await balance();
    const event = intentEvent('payment_intent.succeeded', {
      id: 'pi_route_1',
      amount: 30_000,
      amount_received: 30_000,
      status: 'succeeded',
    });
    const post = (payload: string, signature: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/payments/webhooks/stripe',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        payload,
      });

    const forged = await post(event.replace('30000', '3000000'), sign(event));
    expect(forged.statusCode).toBe(400);
    expect(await balance()).toBe(before);

    const outcomes = await Promise.all([
      post(event, sign(event)),
      post(event, sign(event)),
      post(event, sign(event)),
    ]);
    expect(outcomes.map((o) => o.statusCode)).toEqual([200, 200, 200]);
    expect(outcomes.map((o) => o.json().outcome).sort()).toEqual(['settled', 'unchanged', 'unchanged']);
    // Boris: 12.40 ₽ + 300.00 ₽, once.
    expect(await balance()).toBe(before + 30_000);
    const credits = await db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('reference_type', '=', 'payment')
      .where('reference_id', '=', String(payment.id))
      .execute();
    expect(credits).toEqual([{ amount: 30_000 }]);
  });
});

describe('Stripe API calls, against a local double of the API (no network)', () => {
  interface Seen {
    method: string;
    path: string;
    body: URLSearchParams;
    idempotencyKey: string | undefined;
  }
  const seen: Seen[] = [];
  let answer: (seen: Seen) => { status: number; body: unknown };
  let server: import('node:http').Server;
  let provider: StripeProvider;

  beforeAll(async () => {
    const { createServer } = await import('node:http');
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => {
        raw += chunk;
      });
      request.on('end', () => {
        const entry: Seen = {
          method: request.method ?? '',
          path: request.url ?? '',
          body: new URLSearchParams(raw),
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
        };
        seen.push(entry);
        const { status, body } = answer(entry);
        response.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_test' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    provider = new StripeProvider('sk_test_offline_0000000000000000', WEBHOOK_SECRET, 300, {
      host: '127.0.0.1',
      port,
      protocol: 'http',
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('starts an on-session top-up as a Checkout session, once per payment id, saving the card when asked', async () => {
    answer = () => ({
      status: 200,
      body: {
        id: 'cs_test_1',
        object: 'checkout.session',
        url: 'https://checkout.stripe.com/c/pay/cs_test_1',
      },
    });
    const started = await provider.startPayment({
      paymentId: 42,
      amount: 50_000,
      currency: 'RUB',
      description: 'Top-up',
      returnUrl: 'https://my.example.net/top-up/result?payment=42',
      saveCard: true,
      cardToken: null,
      offSession: false,
    });
    expect(started).toEqual({
      providerPaymentId: 'cs_test_1',
      redirectUrl: 'https://checkout.stripe.com/c/pay/cs_test_1',
      state: null,
    });
    const call = seen.at(-1)!;
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/v1/checkout/sessions');
    expect(call.idempotencyKey).toBe('kabinet-payment-42');
    expect(call.body.get('line_items[0][price_data][unit_amount]')).toBe('50000');
    expect(call.body.get('line_items[0][price_data][currency]')).toBe('rub');
    expect(call.body.get('payment_intent_data[setup_future_usage]')).toBe('off_session');
    expect(call.body.get('payment_intent_data[metadata][kabinet_payment_id]')).toBe('42');
    expect(call.body.get('success_url')).toBe('https://my.example.net/top-up/result?payment=42');
  });

  it('charges a saved card off-session; a decline is an answer with its reason, not an error', async () => {
    answer = () => ({
      status: 402,
      body: {
        error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
          payment_intent: {
            id: 'pi_declined',
            object: 'payment_intent',
            amount: 30_000,
            amount_received: 0,
            currency: 'rub',
            status: 'requires_payment_method',
            customer: 'cus_1',
            payment_method: 'pm_1',
            last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
          },
        },
      },
    });
    const started = await provider.startPayment({
      paymentId: 43,
      amount: 30_000,
      currency: 'RUB',
      description: 'Auto top-up (threshold)',
      returnUrl: '',
      saveCard: false,
      cardToken: 'cus_1|pm_1',
      offSession: true,
    });
    expect(started.providerPaymentId).toBe('pi_declined');
    expect(started.state).toMatchObject({ status: 'failed', failureReason: 'insufficient_funds' });
    const call = seen.at(-1)!;
    expect(call.path).toBe('/v1/payment_intents');
    expect(call.body.get('customer')).toBe('cus_1');
    expect(call.body.get('payment_method')).toBe('pm_1');
    expect(call.body.get('off_session')).toBe('true');
    expect(call.body.get('confirm')).toBe('true');
    expect(call.idempotencyKey).toBe('kabinet-payment-43');
  });

  it('reads a paid Checkout session with its card and reusable token', async () => {
    answer = () => ({
      status: 200,
      body: {
        id: 'cs_test_1',
        object: 'checkout.session',
        status: 'complete',
        payment_status: 'paid',
        amount_total: 50_000,
        currency: 'rub',
        payment_intent: {
          id: 'pi_1',
          object: 'payment_intent',
          customer: 'cus_9',
          setup_future_usage: 'off_session',
          payment_method: {
            id: 'pm_9',
            object: 'payment_method',
            card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 },
          },
        },
      },
    });
    expect(await provider.fetchPayment('cs_test_1')).toEqual({
      providerPaymentId: 'cs_test_1',
      status: 'succeeded',
      amount: 50_000,
      currency: 'RUB',
      failureReason: null,
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
      cardToken: 'cus_9|pm_9',
    });
    expect(seen.at(-1)!.path).toMatch(/^\/v1\/checkout\/sessions\/cs_test_1\?expand/);
  });
});
