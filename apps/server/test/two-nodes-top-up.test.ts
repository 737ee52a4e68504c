import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../src/payments/webhook-signature';
import { type ServerProcess, startServer } from './support/server-process';

/**
 * Two server processes on one PostgreSQL database: the webhook goes to one node while the payer's
 * refresh goes to the other, at the same moment, many times. Always needs PostgreSQL
 * (TEST_DATABASE_URL, or the local server every development and CI machine runs).
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `kabinet_two_nodes_top_up_${process.pid}`;
const OPERATOR_KEY = 'operator-key-for-tests-0123456789';
const SECRET = 'two-nodes-webhook-secret-0123456789';
const ANNA = '+79000000001';
let url: string;
let nodes: ServerProcess[] = [];

async function admin(query: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(query);
  } finally {
    await client.end();
  }
}

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`drop database if exists ${dbName} with (force)`);
  await admin(`create database ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  url = u.toString();
  const env = {
    DATABASE_URL: url,
    OPERATOR_API_KEY: OPERATOR_KEY,
    PAYMENT_WEBHOOK_SECRET: SECRET,
    PAYMENT_SANDBOX_WEBHOOK_URL: 'off',
    CHARGE_DUE_INTERVAL_SECONDS: '0',
    AUTO_TOP_UP_INTERVAL_SECONDS: '0',
  };
  nodes = await Promise.all([startServer(env), startServer(env)]);
});

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await admin(`drop database if exists ${dbName} with (force)`);
});

const auth = { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' };

async function balance(): Promise<number> {
  const [row] = await query<{ balance: string }>(
    'select a.balance from accounts a join lines l on l.account_id = a.id where l.msisdn = $1',
    [ANNA],
  );
  return Number(row!.balance);
}

describe('exactly-once crediting across two server processes on PostgreSQL', () => {
  it('webhook to one node and refresh to the other, racing, 20 times: each payment credited once', async () => {
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    const start = await balance();
    const rounds = 20;
    const amount = 10_000;
    for (let round = 0; round < rounds; round += 1) {
      const started = await fetch(`${a.url}/api/lines/${encodeURIComponent(ANNA)}/top-ups`, {
        method: 'POST',
        headers: { ...auth, 'idempotency-key': `two-nodes-${round}` },
        body: JSON.stringify({ amount }),
      });
      expect(started.status).toBe(201);
      const { payment, redirectUrl } = (await started.json()) as {
        payment: { id: number };
        redirectUrl: string;
      };
      const chargeId = /sbx_[0-9a-f]{24}/.exec(redirectUrl)![0];
      const paid = await fetch(`${b.url}/sandbox/pay/${chargeId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'number=4242424242424242&expiry=12%2F30&cvc=123&action=pay',
        redirect: 'manual',
      });
      expect(paid.status).toBe(303);

      const body = JSON.stringify({
        id: `evt_${round}`,
        type: 'payment.succeeded',
        data: {
          providerPaymentId: chargeId,
          status: 'succeeded',
          amount,
          currency: 'RUB',
          failureReason: null,
          card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
          cardToken: null,
        },
      });
      const webhook = (node: ServerProcess) =>
        fetch(`${node.url}/api/payments/webhooks/sandbox`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'kabinet-signature': signWebhook(SECRET, body, new Date()),
          },
          body,
        });
      const refresh = (node: ServerProcess) =>
        fetch(`${node.url}/api/lines/${encodeURIComponent(ANNA)}/top-ups/${payment.id}/refresh`, {
          method: 'POST',
          headers: { authorization: `Bearer ${OPERATOR_KEY}` },
        });
      const answers = await Promise.all([webhook(a), refresh(b), webhook(b), refresh(a)]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);

      const credits = await query<{ n: string }>(
        `select count(*) as n from ledger_entries where reference_type = 'payment' and reference_id = $1`,
        [String(payment.id)],
      );
      expect(Number(credits[0]!.n), `round ${round}`).toBe(1);
    }
    // 20 × 100.00 ₽ = 2,000.00 ₽, each once.
    expect(await balance()).toBe(start + rounds * amount);
    const [payments] = await query<{ n: string }>(
      `select count(*) as n from payments where status = 'succeeded'`,
    );
    expect(Number(payments!.n)).toBe(rounds);
  });
});
