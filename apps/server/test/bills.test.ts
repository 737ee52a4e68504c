import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BillingRules, inTransaction, issueDueBills, postMoney } from '@kabinet/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCreditDue } from '../src/jobs/credit-due';
import { signIn } from './support/sign-in';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

/**
 * Postpaid bills on three accounts made here, each with the same November: fees 1,000.00 (tariff) +
 * 333.33 (a pack) = 133_333, usage 123.45 + 67.89 = 19_134, a discount of 50.00 = 5_000 (50.02 on C).
 * Billing time zone Europe/Moscow (UTC+3); bill-cycle day 1, so on 1 Dec the period 1–30 Nov closes.
 */
const KEY = 'operator-key-for-tests-0123456789';
const operator = { authorization: `Bearer ${KEY}` };
const TZ = 'Europe/Moscow';
let t: TestApp;
const accounts: Record<'A' | 'B' | 'C', { id: number; lineId: number; number: string; msisdn: string }> =
  {} as never;

const at = (iso: string) => new Date(iso);
const DEC_1 = at('2026-12-01T09:00:00Z');

async function makeAccount(key: 'A' | 'B' | 'C', serial: number, discount: number) {
  const { db } = t.database;
  const tariff = await db
    .selectFrom('tariffs')
    .select('id')
    .where('code', '=', 'business-pro')
    .executeTakeFirstOrThrow();
  const customer = await db
    .insertInto('customers')
    .values({ name: `Bill Test ${key}`, email: null, language: 'en', created_at: '2026-01-01T00:00:00Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const number = `T00000000${serial}`;
  const account = await db
    .insertInto('accounts')
    .values({
      customer_id: customer.id,
      number,
      payment_type: 'postpaid',
      balance: 0,
      credit_limit: 1_000_000,
      status: 'active',
      bill_cycle_day: null,
      created_at: '2026-01-01T00:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const msisdn = `+7900100000${serial}`;
  const line = await db
    .insertInto('lines')
    .values({
      account_id: account.id,
      msisdn,
      iccid: `8970100000000000${serial}`,
      imsi: `25001000000000${serial}`,
      tariff_id: tariff.id,
      status: 'active',
      status_changed_at: '2026-01-01T00:00:00Z',
      activated_at: '2026-01-01T00:00:00Z',
      created_at: '2026-01-01T00:00:00Z',
      fee_anchor_day: null,
      next_fee_at: null,
      pending_tariff_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('accounts').set({ owner_line_id: line.id }).where('id', '=', account.id).execute();
  const moves: [string, number, string][] = [
    // Just outside the period on both sides: 31 Oct 23:59 and 1 Dec 00:00 Moscow time.
    ['fee', -777, '2026-10-31T20:59:59Z'],
    ['fee', -100_000, '2026-10-31T21:00:00Z'], // 1 Nov 00:00 Moscow: the first instant of the period
    ['pack_purchase', -33_333, '2026-11-10T10:00:00Z'],
    ['usage', -12_345, '2026-11-15T10:00:00Z'],
    ['usage', -6_789, '2026-11-30T20:59:59Z'], // 30 Nov 23:59:59 Moscow: the last second
    ['discount', discount, '2026-11-20T10:00:00Z'],
    ['usage', -999, '2026-11-30T21:00:00Z'], // 1 Dec 00:00 Moscow: next period
  ];
  for (const [kind, amount, when] of moves) {
    await inTransaction(t.database.db, (trx) =>
      postMoney(trx, {
        accountId: account.id,
        lineId: line.id,
        kind,
        amount,
        referenceType: 'test',
        referenceId: null,
        at: when,
        mayExceedLimit: true,
      }),
    );
  }
  accounts[key] = { id: account.id, lineId: line.id, number, msisdn };
}

/** The text of a PDF (poppler's pdftotext; .ci/run installs poppler-utils). */
function textOf(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kabinet-bill-'));
  try {
    writeFileSync(join(dir, 'b.pdf'), pdf);
    const result = spawnSync('pdftotext', ['-layout', join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
    if (result.error) throw new Error('pdftotext is missing: apt-get install poppler-utils (see .ci/run)');
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rules = (taxRateBasisPoints: number, taxMode: 'inclusive' | 'exclusive'): BillingRules => ({
  taxRateBasisPoints,
  taxMode,
  paymentTermDays: 15,
  timeZone: TZ,
});

async function issueFor(key: 'A' | 'B' | 'C', r: BillingRules) {
  await t.database.db
    .updateTable('accounts')
    .set({ bill_cycle_day: 1 })
    .where('id', '=', accounts[key].id)
    .execute();
  return issueDueBills(t.database.db, r, DEC_1);
}

const billOf = async (key: 'A' | 'B' | 'C') =>
  t.database.db
    .selectFrom('bills')
    .selectAll()
    .where('account_id', '=', accounts[key].id)
    .orderBy('id')
    .executeTakeFirstOrThrow();

const lineOf = async (key: 'A' | 'B' | 'C') =>
  t.database.db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select(['lines.status', 'lines.blocked_for', 'accounts.balance'])
    .where('lines.id', '=', accounts[key].lineId)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW);
  t = await createTestApp({ OPERATOR_API_KEY: KEY, DUNNING_STEPS: '3:reminder,10:limit,20:block' });
  // The demo's postpaid accounts (cycle day 21) get their November bills first, so counts below are ours.
  await issueDueBills(t.database.db, rules(2000, 'inclusive'), DEC_1);
  await makeAccount('A', 1, 5_000);
  await makeAccount('B', 2, 5_000);
  await makeAccount('C', 3, 5_002);
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

describe('postpaid bills', () => {
  it('total fees + usage − discount, with exclusive tax added on top', async () => {
    expect(await issueFor('A', rules(2000, 'exclusive'))).toBe(1);
    const bill = await billOf('A');
    // net 133_333 + 19_134 − 5_000 = 147_467; tax 20 % = 29_493.4 → 29_493; total 176_960
    expect(bill).toMatchObject({
      number: 'T000000001-20261201',
      period_start: '2026-11-01',
      period_end: '2026-11-30',
      due_date: '2026-12-16',
      status: 'new',
      fees_amount: 133_333,
      usage_amount: 19_134,
      discount_amount: 5_000,
      tax_amount: 29_493,
      total_amount: 176_960,
      paid_amount: 0,
      tax_mode: 'exclusive',
      tax_rate_basis_points: 2000,
    });
    // The added tax is owed, so it is a ledger row: −777 −147_467 −999 (outside) … balance is their sum.
    // −777 − 133_333 − 19_134 + 5_000 − 999 − 29_493 = −178_736
    expect((await lineOf('A')).balance).toBe(-178_736);
  });

  it('split inclusive tax out of the total', async () => {
    expect(await issueFor('B', rules(2000, 'inclusive'))).toBe(1);
    // 147_467 × 20 / 120 = 24_577.83… → 24_578; the total is the net, 147_467; no ledger row for the tax.
    expect(await billOf('B')).toMatchObject({ tax_amount: 24_578, total_amount: 147_467 });
    expect((await lineOf('B')).balance).toBe(-777 - 133_333 - 19_134 + 5_000 - 999);
  });

  it('round an exact half up', async () => {
    expect(await issueFor('C', rules(1000, 'exclusive'))).toBe(1);
    // net 147_465 × 10 % = 14_746.5 → 14_747; total 162_212
    expect(await billOf('C')).toMatchObject({
      discount_amount: 5_002,
      tax_amount: 14_747,
      total_amount: 162_212,
    });
  });

  it('are issued once, however often the job runs', async () => {
    expect(await issueDueBills(t.database.db, rules(2000, 'exclusive'), DEC_1)).toBe(0);
    const credit = t.app.deps.config.credit;
    expect((await runCreditDue(t.database, { credit, timeZone: TZ }, DEC_1)).billsIssued).toBe(0);
    const count = await t.database.db
      .selectFrom('bills')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', 'in', [accounts.A.id, accounts.B.id, accounts.C.id])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('are sent to the account owner by SMS once, in their language', async () => {
    const notices = { sms: t.app.deps.services.sms, currency: 'RUB', log: { warn: () => undefined } };
    const credit = t.app.deps.config.credit;
    const first = await runCreditDue(t.database, { credit, timeZone: TZ, notices }, DEC_1);
    expect(first.billsSent).toBeGreaterThanOrEqual(3);
    const second = await runCreditDue(t.database, { credit, timeZone: TZ, notices }, DEC_1);
    expect(second.billsSent).toBe(0);
    expect((await billOf('A')).status).toBe('sent');
    const outbox = t.app.deps.services.smsOutbox!.list().filter((m) => m.to === accounts.A.msisdn);
    // 176_960 kopecks = RUB 1,769.60 (the code, not ₽, keeps the SMS in the GSM alphabet), due 16 Dec.
    expect(outbox.map((m) => m.text)).toEqual([
      'Your bill T000000001-20261201 is ready: RUB\u00a01,769.60 to pay by 2026-12-16. Details and PDF in the app.',
    ]);
  });

  it('are shown with their lines and as a PDF, only to their own subscriber', async () => {
    vi.setSystemTime(DEC_1);
    const url = `/api/lines/${accounts.A.msisdn}/bills`;
    const list = await t.app.inject({ url, headers: operator });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().bills).toEqual([
      {
        number: 'T000000001-20261201',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        issuedAt: DEC_1.toISOString(),
        dueDate: '2026-12-16',
        status: 'sent',
        totalAmount: 176_960,
        paidAmount: 0,
      },
    ]);
    const detail = await t.app.inject({ url: `${url}/T000000001-20261201`, headers: operator });
    expect(detail.json()).toMatchObject({
      currency: 'RUB',
      taxMode: 'exclusive',
      lines: [
        { kind: 'fee', amount: 133_333 },
        { kind: 'usage', amount: 19_134 },
        { kind: 'discount', amount: -5_000 },
        { kind: 'tax', amount: 29_493 },
      ],
      payments: [],
    });
    const pdf = await t.app.inject({ url: `${url}/T000000001-20261201/pdf?lang=ru`, headers: operator });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // In Russian: the lines, the 20 % exclusive tax, the total 176_960 = 1 769,60 and what is left to pay.
    const ru = textOf(pdf.rawPayload);
    expect(ru).toContain('Счёт T000000001-20261201');
    expect(ru).toMatch(/НДС \(20\s%\)\s+294,93 RUB/);
    expect(ru).toMatch(/Итого\s+1\s769,60 RUB/);
    expect(ru).toMatch(/К оплате\s+1\s769,60 RUB/);
    const en = textOf(
      (await t.app.inject({ url: `${url}/T000000001-20261201/pdf?lang=en`, headers: operator })).rawPayload,
    );
    expect(en).toMatch(/Fees\s+1,333.33 RUB/);
    expect(en).toMatch(/Usage\s+191.34 RUB/);
    expect(en).toMatch(/Discounts\s+-50.00 RUB/);
    expect(en).toMatch(/Total\s+1,769.60 RUB/);
    // Another account's bill through this line is not found; Anna cannot see this line at all.
    const foreign = await t.app.inject({ url: `${url}/T000000002-20261201`, headers: operator });
    expect(foreign.statusCode).toBe(404);
    const anna = await signIn(t.app, '+79000000001');
    expect((await t.app.inject({ url, headers: anna.headers })).statusCode).toBe(404);
    vi.setSystemTime(DEMO_NOW);
  });
});

describe('dunning', () => {
  const credit = () => t.app.deps.config.credit;
  const notices = () => ({ sms: t.app.deps.services.sms, currency: 'RUB', log: { warn: () => undefined } });
  const run = (when: string) =>
    runCreditDue(t.database, { credit: credit(), timeZone: TZ, notices: notices() }, at(when));
  const pay = (number: string, amount: number, reference: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/operator/bills/${number}/payments`,
      headers: operator,
      payload: { amount, reference },
    });

  it('marks the bill overdue after its due date, reminds, limits, then blocks the line', async () => {
    // Bill A is due 16 Dec. On 16 Dec it is not overdue yet.
    await run('2026-12-16T20:00:00Z');
    expect((await billOf('A')).status).toBe('sent');
    // 17 Dec: 1 day overdue, no step yet.
    const d1 = await run('2026-12-17T09:00:00Z');
    expect((await billOf('A')).status).toBe('overdue');
    expect(d1.overdue).toBeGreaterThanOrEqual(1);
    expect(await lineOf('A')).toMatchObject({ status: 'active', blocked_for: null });
    // 19 Dec: 3 days, the reminder.
    await run('2026-12-19T09:00:00Z');
    const applied = async () =>
      (
        await t.database.db
          .selectFrom('dunning_actions')
          .innerJoin('bills', 'bills.id', 'dunning_actions.bill_id')
          .select(['dunning_actions.days_overdue', 'dunning_actions.action'])
          .where('bills.account_id', '=', accounts.A.id)
          .orderBy('dunning_actions.days_overdue')
          .execute()
      ).map((a) => `${a.days_overdue}:${a.action}`);
    expect(await applied()).toEqual(['3:reminder']);
    const reminders = t.app.deps.services
      .smsOutbox!.list()
      .filter((m) => m.to === accounts.A.msisdn && m.text.includes('overdue'));
    expect(reminders.map((m) => m.text)).toEqual([
      'Bill T000000001-20261201 is overdue: RUB\u00a01,769.60 was due on 2026-12-16. Please pay to keep your line working.',
    ]);
    expect((await lineOf('A')).status).toBe('active');
    // 26 Dec: 10 days, limited; a second run the same day changes nothing.
    await run('2026-12-26T09:00:00Z');
    expect(await lineOf('A')).toMatchObject({ status: 'limited', blocked_for: 'bill' });
    const rerun = await run('2026-12-26T09:00:00Z');
    expect(rerun).toMatchObject({ limited: 0, blocked: 0 });
    expect(await applied()).toEqual(['3:reminder', '10:limit']);
    // 5 Jan: 20 days, blocked.
    await run('2027-01-05T09:00:00Z');
    expect(await lineOf('A')).toMatchObject({ status: 'blocked_debt', blocked_for: 'bill' });
    expect(await applied()).toEqual(['3:reminder', '10:limit', '20:block']);
  });

  it('records a payment sent twice at the same moment once', async () => {
    vi.setSystemTime(at('2027-01-06T10:00:00Z'));
    const number = 'T000000003-20261201';
    const answers = await Promise.all([1, 2, 3].map(() => pay(number, 12_212, 'bank-c-0001')));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    // 162_212 − 12_212 = 150_000 left.
    expect(await billOf('C')).toMatchObject({ paid_amount: 12_212, status: 'overdue' });
    const rows = await t.database.db
      .selectFrom('ledger_entries')
      .select('amount')
      .where('account_id', '=', accounts.C.id)
      .where('kind', '=', 'bill_payment')
      .execute();
    expect(rows).toEqual([{ amount: 12_212 }]);
    vi.setSystemTime(DEMO_NOW);
  });

  it('applies every missed step at once when the job did not run for days', async () => {
    // A bill the runs above never saw (written here, due 16 Dec): on 6 Jan, 21 days late, one run
    // applies all three steps, in order, at the same moment.
    const { id } = await t.database.db
      .insertInto('bills')
      .values({
        account_id: accounts.B.id,
        number: 'T000000002-LATE',
        period_start: '2026-10-01',
        period_end: '2026-10-31',
        issued_at: '2026-12-01T09:00:00Z',
        due_date: '2026-12-16',
        status: 'sent',
        total_amount: 1_000,
        paid_amount: 0,
        created_at: '2026-12-01T09:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await run('2027-01-06T09:00:00Z');
    const rows = await t.database.db
      .selectFrom('dunning_actions')
      .select(['days_overdue', 'action', 'applied_at'])
      .where('bill_id', '=', id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { days_overdue: 3, action: 'reminder', applied_at: '2027-01-06T09:00:00.000Z' },
      { days_overdue: 10, action: 'limit', applied_at: '2027-01-06T09:00:00.000Z' },
      { days_overdue: 20, action: 'block', applied_at: '2027-01-06T09:00:00.000Z' },
    ]);
    expect((await billOf('B')).status).toBe('overdue');
    expect(await lineOf('B')).toMatchObject({ status: 'blocked_debt', blocked_for: 'bill' });
  });

  it('records payments once per reference and unblocks the line when the bill is settled', async () => {
    vi.setSystemTime(at('2027-01-07T09:00:00Z'));
    const number = 'T000000001-20261201';
    const part = await pay(number, 100_000, 'bank-2027-0001');
    expect(part.statusCode, part.body).toBe(201);
    // 176_960 − 100_000 = 76_960 left; an overdue bill stays overdue until settled.
    expect(part.json()).toEqual({
      billNumber: number,
      amount: 100_000,
      status: 'overdue',
      paidAmount: 100_000,
      outstanding: 76_960,
      currency: 'RUB',
    });
    const repeat = await pay(number, 100_000, 'bank-2027-0001');
    expect(repeat.statusCode).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect((await billOf('A')).paid_amount).toBe(100_000);
    const reused = await pay(number, 5_000, 'bank-2027-0001');
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('client_key_reused');
    const tooMuch = await pay(number, 76_961, 'bank-2027-0002');
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().code).toBe('amount_exceeds_outstanding');
    expect(await lineOf('A')).toMatchObject({ status: 'blocked_debt' });

    const rest = await pay(number, 76_960, 'bank-2027-0003');
    expect(rest.json()).toMatchObject({ status: 'settled', paidAmount: 176_960, outstanding: 0 });
    // −178_736 + 100_000 + 76_960 = −1_776: what is left is the 7.77 before and the 9.99 after the period.
    expect(await lineOf('A')).toMatchObject({ status: 'active', blocked_for: null, balance: -1_776 });
    const settledAgain = await pay(number, 1, 'bank-2027-0004');
    expect(settledAgain.statusCode).toBe(409);
    expect(settledAgain.json().code).toBe('bill_settled');
    const unknown = await pay('NO-SUCH-BILL', 1, 'bank-2027-0005');
    expect(unknown.statusCode).toBe(404);
    const noKey = await t.app.inject({
      method: 'POST',
      url: `/api/operator/bills/${number}/payments`,
      payload: { amount: 1, reference: 'x' },
    });
    expect(noKey.statusCode).toBe(401);

    const detail = (
      await t.app.inject({ url: `/api/lines/${accounts.A.msisdn}/bills/${number}`, headers: operator })
    ).json();
    expect(detail.payments).toEqual([
      { amount: 100_000, source: 'operator', paidAt: '2027-01-07T09:00:00.000Z' },
      { amount: 76_960, source: 'operator', paidAt: '2027-01-07T09:00:00.000Z' },
    ]);
    const ledger = await t.database.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number>('amount').as('total'))
      .where('account_id', '=', accounts.A.id)
      .executeTakeFirstOrThrow();
    expect(Number(ledger.total)).toBe(-1_776);
    // Settled bills never come back in later runs. The December bill (9.99 of usage on 1 Dec, the
    // configured 20 % inclusive tax, total 999) was issued and sent by the 5 Jan run, due 20 Jan: not
    // overdue yet.
    await run('2027-01-20T09:00:00Z');
    const bills = await t.database.db
      .selectFrom('bills')
      .select(['number', 'status', 'total_amount'])
      .where('account_id', '=', accounts.A.id)
      .orderBy('id')
      .execute();
    expect(bills).toEqual([
      { number, status: 'settled', total_amount: 176_960 },
      { number: 'T000000001-20270101', status: 'sent', total_amount: 999 },
    ]);
    expect((await lineOf('A')).status).toBe('active');
    vi.setSystemTime(DEMO_NOW);
  });
});
