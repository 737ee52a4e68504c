import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServer } from './support/server-process';

/**
 * Two server processes on one PostgreSQL database, as in production. This test always needs
 * PostgreSQL: TEST_DATABASE_URL, or the local server every development and CI machine runs.
 */
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `kabinet_two_nodes_${process.pid}`;
const KEY = 'network-key-for-tests-0123456789';
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

beforeAll(async () => {
  await admin(`drop database if exists ${dbName} with (force)`);
  await admin(`create database ${dbName}`);
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  url = u.toString();
  const env = { DATABASE_URL: url, NETWORK_API_KEY: KEY, CHARGE_DUE_INTERVAL_SECONDS: '0' };
  // Started together: migrations and demo data must still be applied exactly once.
  nodes = await Promise.all([startServer(env), startServer(env)]);
});

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await admin(`drop database if exists ${dbName} with (force)`);
});

async function query<T>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function balanceOf(msisdn: string): Promise<number> {
  const [row] = await query<{ balance: string }>(
    `select a.balance from accounts a join lines l on l.account_id = a.id where l.msisdn = '${msisdn}'`,
  );
  return Number(row!.balance);
}

function sms(id: string, msisdn: string) {
  return { id, msisdn, type: 'sms', startedAt: '2026-11-26T10:00:00Z', otherParty: '+4930123456' };
}

async function sendParallel(msisdn: string, prefix: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const node = nodes[i % nodes.length]!;
      const response = await fetch(`${node.url}/api/network/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: [sms(`${prefix}-${i}`, msisdn)] }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { results: { status: string; reason?: string }[] }).results[0]!;
    }),
  );
}

describe('two server processes on one PostgreSQL', () => {
  it('seeded the demo operator once', async () => {
    const [row] = await query<{ n: string }>('select count(*) as n from operator_settings');
    expect(Number(row!.n)).toBe(1);
    const [lines] = await query<{ n: string }>(
      `select count(*) as n from lines where msisdn like '+7900000000%'`,
    );
    expect(Number(lines!.n)).toBe(6);
  });

  it('50 parallel charges to one account lose no update', async () => {
    // Anna has 1,245.50 ₽; 50 SMS abroad at 6.00 ₽ = 300.00 ₽, all affordable: 945.50 ₽ must remain.
    const results = await sendParallel('+79000000001', 'anna', 50);
    expect(results.every((r) => r.status === 'charged')).toBe(true);
    expect(await balanceOf('+79000000001')).toBe(94_550);
  });

  it('50 parallel calls from one line take each second from the bundle exactly once', async () => {
    // Anna's voice bundle: 800 min = 48,000 s, 35 % used: 31,200 s left. 50 calls × 61 s = 3,050 s.
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const response = await fetch(`${nodes[i % 2]!.url}/api/network/usage`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            events: [
              {
                id: `anna-call-${i}`,
                msisdn: '+79000000001',
                type: 'voice',
                startedAt: '2026-11-26T10:00:00Z',
                seconds: 61,
                otherParty: '+79161234567',
              },
            ],
          }),
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { results: { status: string }[] }).results[0]!;
      }),
    );
    expect(results.every((r) => r.status === 'charged')).toBe(true);
    const [bundle] = await query<{ remaining: string }>(
      `select b.remaining from bundles b join lines l on l.id = b.line_id
       where l.msisdn = '+79000000001' and b.unit = 'voice_seconds' and b.source = 'tariff'`,
    );
    expect(Number(bundle!.remaining)).toBe(28_150); // 31,200 - 3,050
  });

  it('50 parallel charges never overdraw a prepaid account', async () => {
    // Boris has 12.40 ₽: exactly two SMS at 6.00 ₽ fit, leaving 0.40 ₽.
    const results = await sendParallel('+79000000002', 'boris', 50);
    expect(results.filter((r) => r.status === 'charged')).toHaveLength(2);
    expect(results.filter((r) => r.reason === 'insufficient_funds')).toHaveLength(48);
    expect(await balanceOf('+79000000002')).toBe(40);
    const [sum] = await query<{ total: string }>(
      `select sum(l.amount) as total from ledger_entries l join lines x on x.account_id = l.account_id
       where x.msisdn = '+79000000002' and l.unit = 'money'`,
    );
    expect(Number(sum!.total)).toBe(40);
  });
});
