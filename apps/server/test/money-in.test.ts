import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCreditDue } from '../src/jobs/credit-due';
import { type Signed, signIn } from './support/sign-in';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

/**
 * Vouchers and the promised payment on the demo subscribers, at DEMO_NOW = 26 Nov 2026 09:00 UTC.
 * Amounts in kopecks. Boris (+79000000002) starts with 400.00 − 350.00 − 37.60 = 12.40 = 1_240 and topped
 * up 400.00 27 days ago; his line is 210 days old, so the promised payment rules below let him take one.
 */
const KEY = 'operator-key-for-tests-0123456789';
const operator = { authorization: `Bearer ${KEY}` };
const ANNA = '+79000000001';
const BORIS = '+79000000002';
const CITRA = '+79000000003';
const DMITRY = '+79000000004';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let t: TestApp;
let boris: Signed;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
  t = await createTestApp({
    OPERATOR_API_KEY: KEY,
    VOUCHER_MAX_FAILURES_PER_LINE: '3',
    VOUCHER_MAX_FAILURES_PER_CLIENT: '5',
    VOUCHER_LOCKOUT_MINUTES: '60',
    PROMISED_PAYMENT_AMOUNTS: '100,300',
    PROMISED_PAYMENT_FEE: '10',
    PROMISED_PAYMENT_TERM_DAYS: '3',
    PROMISED_PAYMENT_MIN_LINE_AGE_DAYS: '60',
    PROMISED_PAYMENT_MIN_TOP_UPS: '100',
    PROMISED_PAYMENT_EXPIRY_ACTION: 'limit',
  });
  boris = await signIn(t.app, BORIS);
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

async function issue(count: number, amount: number, extra: Record<string, unknown> = {}): Promise<string[]> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/operator/vouchers',
    headers: operator,
    payload: { count, amount, batch: 'test', ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().codes;
}

const redeem = (msisdn: string, code: string, headers: Record<string, string>, remoteAddress = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: `/api/lines/${msisdn}/vouchers/redeem`,
    headers,
    payload: { code },
    remoteAddress,
  });

async function account(msisdn: string) {
  return t.database.db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select(['accounts.id', 'accounts.balance', 'lines.status', 'lines.blocked_for'])
    .where('lines.msisdn', '=', msisdn)
    .executeTakeFirstOrThrow();
}

async function ledgerSum(accountId: number) {
  const row = await t.database.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.sum<number>('amount').as('total'))
    .where('account_id', '=', accountId)
    .where('unit', '=', 'money')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

describe('vouchers', () => {
  it('are issued only with the operator key, and stored hashed', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/operator/vouchers',
      payload: { count: 1, amount: 100, batch: 'x' },
    });
    expect(refused.statusCode).toBe(401);
    const [code] = await issue(1, 50_000);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
    const stored = await t.database.db.selectFrom('vouchers').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code!.replaceAll('-', ''));
    expect(stored[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('credits the account once, with a ledger row, typed in any case and spacing', async () => {
    const anna = await signIn(t.app, ANNA);
    const [code] = await issue(1, 50_000);
    const before = await account(ANNA);
    const typed = code!.toLowerCase().replaceAll('-', ' ');
    const first = await redeem(ANNA, typed, anna.headers);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      amount: 50_000,
      repaidAmount: 0,
      balance: before.balance + 50_000,
      currency: 'RUB',
    });
    const again = await redeem(ANNA, code!, anna.headers);
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('wrong_voucher_code');
    const after = await account(ANNA);
    expect(after.balance).toBe(before.balance + 50_000);
    expect(await ledgerSum(after.id)).toBe(after.balance);
    const rows = await t.database.db
      .selectFrom('ledger_entries')
      .select(['kind', 'amount'])
      .where('account_id', '=', after.id)
      .where('kind', '=', 'voucher')
      .execute();
    expect(rows).toEqual([{ kind: 'voucher', amount: 50_000 }]);
    const history = await t.app.inject({ url: `/api/lines/${ANNA}/vouchers`, headers: anna.headers });
    expect(history.json().redemptions).toEqual([
      { amount: 50_000, repaidAmount: 0, redeemedAt: DEMO_NOW.toISOString() },
    ]);
  });

  it('are refused once expired, and a bad batch is refused whole', async () => {
    const [stale] = await issue(1, 5_000, { expiresAt: '2026-11-26T08:59:59Z' }); // a second before DEMO_NOW
    const [fresh] = await issue(1, 5_000, { expiresAt: '2026-11-26T09:00:01Z' });
    const before = await account('+79000000005');
    const expired = await redeem('+79000000005', stale!, operator, '10.7.0.1');
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('wrong_voucher_code');
    const valid = await redeem('+79000000005', fresh!, operator, '10.7.0.1');
    expect(valid.statusCode, valid.body).toBe(200);
    expect((await account('+79000000005')).balance).toBe(before.balance + 5_000);
    const count = await t.database.db.selectFrom('vouchers').select('id').execute();
    for (const payload of [
      { count: 0, amount: 100, batch: 'x' },
      { count: 1, amount: -5, batch: 'x' },
      { count: 1, amount: 100, batch: 'has space' },
      { count: 1, amount: 100, batch: 'x', expiresAt: 'tomorrow' },
      { count: 1001, amount: 100, batch: 'x' },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/operator/vouchers',
        headers: operator,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
    expect(await t.database.db.selectFrom('vouchers').select('id').execute()).toHaveLength(count.length);
  });

  it('is refused for a malformed code with 400 and no guess counted', async () => {
    const failures = async () =>
      (await t.database.db.selectFrom('voucher_failures').selectAll().execute()).length;
    const before = await failures();
    const response = await redeem(BORIS, 'not-a-code-at-all!', boris.headers);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    const wrongLength = await redeem(BORIS, 'ABCD-EFGH-JKMN-234', boris.headers);
    expect(wrongLength.statusCode).toBe(400);
    expect(wrongLength.json().code).toBe('validation_failed');
    expect(await failures()).toBe(before);
  });

  it('locks a line out after 3 wrong codes, even for a right one, until the hour has passed', async () => {
    const [good] = await issue(1, 10_000);
    const before = await account(DMITRY);
    const dmitry = await signIn(t.app, DMITRY);
    for (const triesLeft of [2, 1, 0]) {
      const wrong = await redeem(DMITRY, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', dmitry.headers, '10.0.0.2');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ code: 'wrong_voucher_code', triesLeft });
    }
    const locked = await redeem(DMITRY, good!, dmitry.headers, '10.0.0.3');
    expect(locked.statusCode).toBe(429);
    // All three failures were at DEMO_NOW: the lockout ends 60 minutes = 3,600 s later.
    expect(locked.json()).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 3600 });
    expect(locked.headers['retry-after']).toBe('3600');
    expect((await account(DMITRY)).balance).toBe(before.balance);

    vi.setSystemTime(new Date(DEMO_NOW.getTime() + HOUR - 1000));
    const stillLocked = await redeem(DMITRY, good!, dmitry.headers, '10.0.0.3');
    expect(stillLocked.json()).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 1 });
    vi.setSystemTime(new Date(DEMO_NOW.getTime() + HOUR));
    const credited = await redeem(DMITRY, good!, dmitry.headers, '10.0.0.3');
    expect(credited.statusCode, credited.body).toBe(200);
    expect((await account(DMITRY)).balance).toBe(before.balance + 10_000);
    vi.setSystemTime(DEMO_NOW);
  });

  it('locks a client address out after 5 wrong codes, whatever the lines', async () => {
    const anna = await signIn(t.app, ANNA);
    const citra = await signIn(t.app, CITRA);
    // Anna already entered one used code (above); one more here, three for Citra, one for Elena's second line.
    expect((await redeem(ANNA, 'YYYY-YYYY-YYYY-YYYY', anna.headers, '10.9.9.9')).statusCode).toBe(400);
    for (let i = 0; i < 3; i++) {
      expect((await redeem(CITRA, 'YYYY-YYYY-YYYY-YYYY', citra.headers, '10.9.9.9')).statusCode).toBe(400);
    }
    expect((await redeem('+79000000006', 'YYYY-YYYY-YYYY-YYYY', operator, '10.9.9.9')).statusCode).toBe(400);
    // Anna has 2 failures of her 3, but the address has used its 5.
    const locked = await redeem(ANNA, 'YYYY-YYYY-YYYY-YYYY', anna.headers, '10.9.9.9');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('too_many_attempts');
    // From another address Anna still has her last try.
    const elsewhere = await redeem(ANNA, 'YYYY-YYYY-YYYY-YYYY', anna.headers, '10.9.9.8');
    expect(elsewhere.json()).toMatchObject({ code: 'wrong_voucher_code', triesLeft: 0 });
  });

  it('credits exactly once when the same code is redeemed in parallel', async () => {
    vi.setSystemTime(new Date(DEMO_NOW.getTime() + 3 * HOUR));
    const [code] = await issue(1, 7_000);
    const elena = { authorization: `Bearer ${KEY}` };
    const lines = ['+79000000005', '+79000000006', ANNA, CITRA];
    const before = await Promise.all(lines.map(account));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => redeem(lines[i % lines.length]!, code!, elena, `10.1.0.${i}`)),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 400)).toBe(true);
    const after = await Promise.all(lines.map(account));
    // Lines +…05 and +…06 share Elena's account: count the increase once per account.
    const gained = new Map<number, number>();
    for (const [i, a] of after.entries()) gained.set(a.id, a.balance - before[i]!.balance);
    expect([...gained.values()].reduce((s, n) => s + n, 0)).toBe(7_000);
    const voucher = await t.database.db
      .selectFrom('vouchers')
      .select(['id', 'status'])
      .where('amount', '=', 7_000)
      .executeTakeFirstOrThrow();
    expect(voucher.status).toBe('redeemed');
    const rows = await t.database.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('reference_type', '=', 'voucher')
      .where('reference_id', '=', String(voucher.id))
      .execute();
    expect(rows).toEqual([{ amount: 7_000 }]);
    vi.setSystemTime(DEMO_NOW);
  });
});

describe('promised payment', () => {
  const take = (clientKey: string, amount: number, headers = boris.headers, msisdn = BORIS) =>
    t.app.inject({
      method: 'POST',
      url: `/api/lines/${msisdn}/promised-payment`,
      headers,
      payload: { clientKey, amount },
    });

  it('is offered to Boris on the configured terms', async () => {
    const offer = await t.app.inject({ url: `/api/lines/${BORIS}/promised-payment`, headers: boris.headers });
    expect(offer.statusCode, offer.body).toBe(200);
    expect(offer.json()).toMatchObject({
      currency: 'RUB',
      eligible: true,
      refusals: [],
      amounts: [10_000, 30_000],
      feeAmount: 1_000,
      termDays: 3,
      current: null,
    });
  });

  it('is refused to a postpaid line, and for an amount not offered', async () => {
    const dmitry = await signIn(t.app, DMITRY);
    const postpaid = await take('dmitry-key-1', 10_000, dmitry.headers, DMITRY);
    expect(postpaid.statusCode).toBe(409);
    expect(postpaid.json()).toMatchObject({ code: 'not_eligible', reason: 'postpaid' });
    const odd = await take('boris-odd-1', 20_000);
    expect(odd.statusCode).toBe(400);
    expect(odd.json().code).toBe('validation_failed');
  });

  it('lives from credit to automatic repayment, through expiry and the limit on the line', async () => {
    const start = await account(BORIS);
    expect(start.balance).toBe(1_240);

    // Take 300.00 with a 10.00 fee: 1_240 + 30_000 − 1_000 = 30_240.
    const taken = await take('boris-pp-1', 30_000);
    expect(taken.statusCode, taken.body).toBe(201);
    const dueAt = new Date(DEMO_NOW.getTime() + 3 * DAY).toISOString(); // 29 Nov 09:00 UTC
    expect(taken.json()).toEqual({
      promisedPayment: {
        amount: 30_000,
        feeAmount: 1_000,
        outstanding: 30_000,
        status: 'open',
        takenAt: DEMO_NOW.toISOString(),
        dueAt,
        repaidAt: null,
      },
      balance: 30_240,
      currency: 'RUB',
    });
    // The same key again: the same promised payment, nothing credited twice.
    const repeat = await take('boris-pp-1', 30_000);
    expect(repeat.statusCode).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect((await account(BORIS)).balance).toBe(30_240);
    // A second one while this is open is refused.
    const second = await take('boris-pp-2', 10_000);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'not_eligible', reason: 'already_open' });

    const summary = await t.app.inject({ url: `/api/lines/${BORIS}/summary`, headers: boris.headers });
    expect(summary.json().alerts).toContainEqual({
      code: 'promised_payment_due',
      severity: 'warning',
      amount: 30_000,
      dueAt,
      overdue: false,
    });

    // A 200.00 voucher goes first to the debt: balance 30_240 + 20_000 − 20_000, 100.00 still owed.
    const [code1] = await issue(1, 20_000);
    const partly = await redeem(BORIS, code1!, boris.headers);
    expect(partly.json()).toEqual({ amount: 20_000, repaidAmount: 20_000, balance: 30_240, currency: 'RUB' });

    // The term ends with 100.00 outstanding: the promised payment is overdue and the line limited.
    const afterTerm = new Date(DEMO_NOW.getTime() + 3 * DAY + 60_000);
    vi.setSystemTime(afterTerm);
    const credit = t.app.deps.config.credit;
    const run = await runCreditDue(t.database, { credit, timeZone: 'Europe/Moscow' }, afterTerm);
    expect(run.promisedPaymentsOverdue).toBe(1);
    expect(await account(BORIS)).toMatchObject({ status: 'limited', blocked_for: 'promised_payment' });
    const again = await runCreditDue(t.database, { credit, timeZone: 'Europe/Moscow' }, afterTerm);
    expect(again.promisedPaymentsOverdue).toBe(0);
    const limited = (
      await t.app.inject({ url: `/api/lines/${BORIS}/summary`, headers: boris.headers })
    ).json();
    expect(limited.line.status).toBe('limited');
    expect(limited.alerts.slice(0, 2)).toEqual([
      { code: 'line_blocked', severity: 'critical', status: 'limited' },
      { code: 'promised_payment_due', severity: 'critical', amount: 10_000, dueAt, overdue: true },
    ]);
    // A limited line may not order anything.
    const order = await t.app.inject({
      method: 'POST',
      url: `/api/lines/${BORIS}/orders/quote`,
      headers: boris.headers,
      payload: { kind: 'buy_pack', code: 'internet-1gb-7d' },
    });
    expect(order.statusCode).toBe(409);
    expect(order.json().code).toBe('line_blocked');

    // A 150.00 voucher repays the last 100.00: 30_240 + 15_000 − 10_000 = 35_240, and the line is active.
    const [code2] = await issue(1, 15_000);
    const rest = await redeem(BORIS, code2!, boris.headers);
    expect(rest.json()).toEqual({ amount: 15_000, repaidAmount: 10_000, balance: 35_240, currency: 'RUB' });
    expect(await account(BORIS)).toMatchObject({ status: 'active', blocked_for: null, balance: 35_240 });
    const offer = (
      await t.app.inject({ url: `/api/lines/${BORIS}/promised-payment`, headers: boris.headers })
    ).json();
    expect(offer.current).toBeNull();
    expect(offer.history[0]).toMatchObject({
      status: 'repaid',
      outstanding: 0,
      repaidAt: afterTerm.toISOString(),
    });
    const home = (await t.app.inject({ url: `/api/lines/${BORIS}/summary`, headers: boris.headers })).json();
    expect(home.alerts.map((a: { code: string }) => a.code)).not.toContain('promised_payment_due');

    // Every kopeck is in the ledger: 1_240 + 30_000 − 1_000 + 20_000 − 20_000 + 15_000 − 10_000 = 35_240.
    const rows = await t.database.db
      .selectFrom('ledger_entries')
      .select(['kind', 'amount'])
      .where('account_id', '=', start.id)
      .where('kind', 'like', 'promised_payment%')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { kind: 'promised_payment', amount: 30_000 },
      { kind: 'promised_payment_fee', amount: -1_000 },
      { kind: 'promised_payment_repayment', amount: -20_000 },
      { kind: 'promised_payment_repayment', amount: -10_000 },
    ]);
    expect(await ledgerSum(start.id)).toBe(35_240);
    vi.setSystemTime(DEMO_NOW);
  });

  it('is taken once when asked twice at the same moment, with different keys or the same', async () => {
    const anna = await signIn(t.app, ANNA);
    const before = await account(ANNA);
    const [a, b] = await Promise.all([
      take('anna-pp-a', 10_000, anna.headers, ANNA),
      take('anna-pp-b', 10_000, anna.headers, ANNA),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    // Either may win the race; asking again with the winner's key answers its promised payment again.
    const winner = a.statusCode === 201 ? 'anna-pp-a' : 'anna-pp-b';
    const [c, d] = await Promise.all([
      take(winner, 10_000, anna.headers, ANNA),
      take(winner, 10_000, anna.headers, ANNA),
    ]);
    expect([c.statusCode, d.statusCode]).toEqual([201, 201]);
    const taken = await t.database.db
      .selectFrom('promised_payments')
      .select('amount')
      .where('account_id', '=', before.id)
      .execute();
    expect(taken).toEqual([{ amount: 10_000 }]);
    // 100.00 credited, 10.00 fee: +9_000 once.
    expect((await account(ANNA)).balance).toBe(before.balance + 9_000);
  });

  it('lifts a short block for debt, and is refused after a long one', async () => {
    const FAMILY = '+79000000006';
    const block = (daysAgo: number) =>
      t.database.db
        .updateTable('lines')
        .set({
          status: 'blocked_debt',
          blocked_for: null,
          status_changed_at: new Date(DEMO_NOW.getTime() - daysAgo * DAY).toISOString(),
        })
        .where('msisdn', '=', FAMILY)
        .execute();
    // Blocked 31 days: longer than the 30 allowed.
    await block(31);
    const refused = await take('family-pp-1', 10_000, operator, FAMILY);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'not_eligible', reason: 'blocked_too_long' });
    // Blocked 2 days: the promised payment is granted and the line is active again.
    await block(2);
    const granted = await take('family-pp-2', 10_000, operator, FAMILY);
    expect(granted.statusCode, granted.body).toBe(201);
    expect(await account(FAMILY)).toMatchObject({ status: 'active', blocked_for: null });
  });

  it('is, like every line route, 404 on another subscriber’s line', async () => {
    const doc = (await t.app.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const lineRoutes = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/lines/{msisdn}'));
    expect(lineRoutes.map(([path]) => path)).toEqual(
      expect.arrayContaining([
        '/api/lines/{msisdn}/vouchers/redeem',
        '/api/lines/{msisdn}/vouchers',
        '/api/lines/{msisdn}/promised-payment',
        '/api/lines/{msisdn}/bills',
        '/api/lines/{msisdn}/bills/{number}',
        '/api/lines/{msisdn}/bills/{number}/pdf',
      ]),
    );
    // Bodies that pass validation, so the answer is the line check's, not the schema's.
    const bodies: Record<string, unknown> = {
      '/api/lines/{msisdn}/vouchers/redeem': { code: 'ABCD-EFGH-JKMN-2345' },
      '/api/lines/{msisdn}/promised-payment': { clientKey: 'walker-key-1', amount: 10_000 },
      '/api/lines/{msisdn}/orders': { clientKey: 'walker-key-1', kind: 'buy_pack', code: 'internet-1gb-7d' },
      '/api/lines/{msisdn}/orders/quote': { kind: 'buy_pack', code: 'internet-1gb-7d' },
    };
    for (const [path, methods] of lineRoutes) {
      for (const method of Object.keys(methods)) {
        if (method !== 'get' && !(path in bodies)) continue;
        const response = await t.app.inject({
          method: method.toUpperCase() as 'GET' | 'POST',
          url: path.replace('{msisdn}', encodeURIComponent(ANNA)).replace('{number}', 'B-000001-20261122'),
          headers: boris.headers,
          ...(method === 'get' ? {} : { payload: bodies[path] as object }),
        });
        expect(response.statusCode, `${method} ${path}`).toBe(404);
      }
    }
  });

  it('is not available to another subscriber’s line', async () => {
    const offer = await t.app.inject({ url: `/api/lines/${ANNA}/promised-payment`, headers: boris.headers });
    expect(offer.statusCode).toBe(404);
    const taking = await take('boris-on-anna', 10_000, boris.headers, ANNA);
    expect(taking.statusCode).toBe(404);
  });
});
