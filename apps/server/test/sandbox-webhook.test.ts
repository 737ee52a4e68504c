import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer } from './support/server-process';

/**
 * The sandbox's webhook really travels: a server process whose sandbox posts signed webhooks to its own
 * PUBLIC_URL settles a payment with nobody asking the provider (GET reads storage only).
 */
const OPERATOR_KEY = 'operator-key-for-tests-0123456789';
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({
    OPERATOR_API_KEY: OPERATOR_KEY,
    PUBLIC_URL: 'http://127.0.0.1:{port}',
    CHARGE_DUE_INTERVAL_SECONDS: '0',
    AUTO_TOP_UP_INTERVAL_SECONDS: '0',
  });
});
afterAll(async () => server?.stop());

const line = encodeURIComponent('+79000000004');
const auth = { authorization: `Bearer ${OPERATOR_KEY}` };

describe('sandbox webhooks over HTTP', () => {
  it('credits the payment from the asynchronous signed webhook alone', async () => {
    const started = await fetch(`${server.url}/api/lines/${line}/top-ups`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 25_000, idempotencyKey: 'webhook-over-http-1' }),
    });
    expect(started.status).toBe(201);
    const { payment, redirectUrl } = (await started.json()) as {
      payment: { id: number };
      redirectUrl: string;
    };
    expect(redirectUrl.startsWith(`${server.url}/sandbox/pay/`)).toBe(true);
    const paid = await fetch(redirectUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'number=4242424242424242&expiry=12%2F30&cvc=123&action=pay',
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);

    let status = 'pending';
    for (let i = 0; i < 50 && status === 'pending'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const read = await fetch(`${server.url}/api/lines/${line}/top-ups/${payment.id}`, { headers: auth });
      status = ((await read.json()) as { status: string }).status;
    }
    expect(status).toBe('succeeded');
    expect(server.stderr()).not.toContain('4242424242424242');
    expect(server.stdout()).not.toContain('4242424242424242');
  });
});
