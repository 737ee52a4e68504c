import type { DetailsMailOrder, DetailsMailOrders } from '@kabinet/contracts';
import { testEngine } from '@kabinet/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutboxMail } from '../src/adapters/mail/outbox-sender';
import { type Signed, signIn } from './support/sign-in';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

const KEY = 'k'.repeat(32);
const auth = { authorization: `Bearer ${KEY}` };
const ANNA = '+79000000001';
const BORIS = '+79000000002';
const CITRA = '+79000000003';
const DMITRY = '+79000000004';
const ELENA = '+79000000005';
const path = (msisdn: string) => `/api/lines/${encodeURIComponent(msisdn)}/usage/email-orders`;

let t: TestApp;
let anna: Signed;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(DEMO_NOW); // 2026-11-26 12:00 in Moscow
  t = await createTestApp({
    OPERATOR_API_KEY: KEY,
    SIGN_IN_REQUESTS_PER_MINUTE: '100000',
    DETAILS_MAIL_PER_LINE_PER_HOUR: '3',
  });
  anna = await signIn(t.app, ANNA);
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

const outbox = () => t.app.deps.services.mailOutbox!;
const mailsTo = (address: string): OutboxMail[] =>
  outbox()
    .list()
    .filter((m) => m.to === address);

async function order(msisdn: string, body: Record<string, unknown>, headers: Record<string, string> = auth) {
  const response = await t.app.inject({ method: 'POST', url: path(msisdn), headers, payload: body });
  // The answer does not wait for the mail; the service finishes it in the background.
  await t.app.deps.services.detailsMail.idle();
  return response;
}

async function rowsOf(msisdn: string) {
  return t.database.db
    .selectFrom('details_mail_orders')
    .innerJoin('lines', 'lines.id', 'details_mail_orders.line_id')
    .selectAll('details_mail_orders')
    .where('lines.msisdn', '=', msisdn)
    .execute();
}

describe(`itemized details by e-mail on ${testEngine}`, () => {
  it("sends Anna's month to the address on file with the CSV and PDF the downloads give", async () => {
    const response = await order(ANNA, { clientKey: 'anna-month-1', formats: ['pdf', 'csv'], lang: 'en' });
    expect(response.statusCode, response.body).toBe(202);
    const placed = response.json() as DetailsMailOrder;
    // Queued when answered: the request never waits for the relay.
    expect(placed).toMatchObject({
      status: 'queued',
      recipient: 'a•••@example.com',
      period: { from: '2026-11-01', to: '2026-11-26' },
      type: null,
      formats: ['csv', 'pdf'],
      sentAt: null,
    });

    const mails = mailsTo('anna.petrova@example.com');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('Itemized details of +79000000001 for 2026-11-01 – 2026-11-26');
    expect(mail.reference).toBe(`details-mail-${placed.id}`);
    // Anna's month: 42.50 + 12.00 of usage and 1,200.00 of fees = 1,254.50 (see usage-details.test.ts).
    expect(mail.text).toContain('Total charged: 1254.50 RUB');
    expect(mail.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['details-79000000001-2026-11-01-2026-11-26.csv', 'text/csv; charset=utf-8'],
      ['details-79000000001-2026-11-01-2026-11-26.pdf', 'application/pdf'],
    ]);

    // The CSV is byte for byte what the download of the same period and language returns…
    const download = await t.app.inject({
      url: `/api/lines/%2B79000000001/usage.csv?from=2026-11-01&to=2026-11-26&lang=en`,
      headers: auth,
    });
    expect(download.statusCode).toBe(200);
    const csv = mail.attachments[0]!.content.toString('utf8');
    expect(csv).toBe(download.body);
    // …and holds the seeded 102-second call to Kazakhstan at 42.50 on 23 November, 02:24 Moscow time.
    expect(csv).toMatch(
      /\r\n2026-11-23 02:24:00,2026-11-22T23:24:00\.000Z,voice,[^\r]*\+77012345671[^\r]*,102,[^\r]*,42\.50,4250,RUB,/,
    );
    expect(mail.attachments[1]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const list = await t.app.inject({ url: path(ANNA), headers: auth });
    expect(list.statusCode).toBe(200);
    const listed = list.json() as DetailsMailOrders;
    // Anna's anna.petrova@example.com, masked: whoever may manage the line reads this.
    expect(listed.emailOnFile).toBe('a•••@example.com');
    expect(listed.perHour).toBe(3);
    expect(listed.orders[0]).toMatchObject({ id: placed.id, status: 'sent', sentAt: DEMO_NOW.toISOString() });
  });

  it('writes in the owner’s language by default and sends one file to a typed address', async () => {
    // Boris's account is in Russian; he wants only the calls of 1–20 November, as CSV, at work.
    const response = await order(BORIS, {
      clientKey: 'boris-calls-1',
      email: 'boris@work.example.org',
      from: '2026-11-01',
      to: '2026-11-20',
      type: 'voice',
      formats: ['csv'],
    });
    expect(response.statusCode, response.body).toBe(202);
    const [mail, ...more] = mailsTo('boris@work.example.org');
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe('Детализация +79000000002 за 2026-11-01 – 2026-11-20');
    expect(mail!.text).toContain('(только звонки)');
    expect(mail!.attachments.map((a) => a.fileName)).toEqual([
      'details-79000000002-2026-11-01-2026-11-20-voice.csv',
    ]);
    const download = await t.app.inject({
      url: `/api/lines/%2B79000000002/usage.csv?from=2026-11-01&to=2026-11-20&type=voice`,
      headers: auth,
    });
    expect(mail!.attachments[0]!.content.toString('utf8')).toBe(download.body);
    // The account's address on file is untouched by a typed one.
    expect((await rowsOf(BORIS))[0]!.recipient).toBe('boris@work.example.org');
    const customer = await t.database.db
      .selectFrom('customers')
      .select('email')
      .where('email', '=', 'boris.ivanov@example.com')
      .executeTakeFirst();
    expect(customer?.email).toBe('boris.ivanov@example.com');
  });

  it('sends one mail per clientKey: a repeat answers the same order; another order under it is refused', async () => {
    const body = { clientKey: 'citra-once-123', formats: ['csv'], from: '2026-11-10', to: '2026-11-12' };
    const first = await order(CITRA, body);
    expect(first.statusCode).toBe(202);
    const again = await order(CITRA, body);
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.json() as DetailsMailOrder).id).toBe((first.json() as DetailsMailOrder).id);
    // Now sent: the repeat reports the order as it is, still one mail.
    expect((again.json() as DetailsMailOrder).status).toBe('sent');
    expect(mailsTo('citra.lestari@example.com')).toHaveLength(1);

    const other = await order(CITRA, { ...body, formats: ['pdf'] });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'client_key_reused' });
    expect(mailsTo('citra.lestari@example.com')).toHaveLength(1);
    expect(await rowsOf(CITRA)).toHaveLength(1);
  });

  it('refuses the fourth order of a line within the hour with 429 and sends nothing more', async () => {
    for (const n of [1, 2, 3]) {
      const response = await order(DMITRY, { clientKey: `dmitry-limit-${n}`, formats: ['csv'] });
      expect(response.statusCode, response.body).toBe(202);
    }
    const fourth = await order(DMITRY, { clientKey: 'dmitry-limit-4', formats: ['csv'] });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.headers['content-type']).toMatch(/^application\/problem\+json/);
    // All three were placed at DEMO_NOW (the clock is stopped): the first leaves the window in an hour.
    expect(fourth.json()).toMatchObject({ code: 'too_many_requests', retryAfterSeconds: 3600 });
    expect(fourth.headers['retry-after']).toBe('3600');
    expect(mailsTo('dmitry.sokolov@example.com')).toHaveLength(3);
    expect(await rowsOf(DMITRY)).toHaveLength(3);
    // A repeat of an order already placed is still answered: it is not a new order.
    const repeat = await order(DMITRY, { clientKey: 'dmitry-limit-2', formats: ['csv'] });
    expect(repeat.statusCode).toBe(202);

    // An hour and a second later the window has room again.
    vi.setSystemTime(new Date(DEMO_NOW.getTime() + 3_601_000));
    try {
      const later = await order(DMITRY, { clientKey: 'dmitry-limit-5', formats: ['csv'] });
      expect(later.statusCode, later.body).toBe(202);
    } finally {
      vi.setSystemTime(DEMO_NOW);
    }
  });

  it("answers 404 for another subscriber's line and sends nothing", async () => {
    const before = outbox().list().length;
    const response = await order(BORIS, { clientKey: 'anna-at-boris', formats: ['csv'] }, anna.headers);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
    expect(outbox().list()).toHaveLength(before);
    expect((await rowsOf(BORIS)).map((r) => r.client_key)).not.toContain('anna-at-boris');
    // Her own line works from the same session.
    const own = await order(ANNA, { clientKey: 'anna-own-1', formats: ['csv'] }, anna.headers);
    expect(own.statusCode, own.body).toBe(202);
  });

  it('refuses bad addresses, formats and periods with 400 and sends nothing', async () => {
    const before = outbox().list().length;
    const rowsBefore = (await rowsOf(ELENA)).length;
    const bad: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-address' }, 'body.email'],
      [{ email: 'a@b' }, 'body.email'],
      [{ email: 'a@example.com, b@example.com' }, 'body.email'],
      [{ email: 'a@example.com\r\nBcc: b@example.com' }, 'body.email'],
      [{ formats: [] }, 'body.formats'],
      [{ formats: ['csv', 'csv'] }, 'body.formats'],
      [{ formats: ['xlsx'] }, 'body.formats.0'],
      [{ from: '2026-11-20', to: '2026-11-01' }, 'body.from'],
      [{ from: '2025-01-01', to: '2026-11-01' }, 'body.from'],
      [{ to: '2026-02-30' }, 'body.to'],
      [{ clientKey: 'short' }, 'body.clientKey'],
      [{ cc: 'x@example.com' }, 'body.cc'],
    ];
    for (const [change, field] of bad) {
      const response = await order(ELENA, { clientKey: 'elena-bad-1', formats: ['csv'], ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(400);
      const problem = response.json() as { code: string; errors: { field: string }[] };
      expect(problem.code).toBe('validation_failed');
      expect(
        problem.errors.map((e) => e.field),
        JSON.stringify(change),
      ).toContain(field);
    }
    expect(outbox().list()).toHaveLength(before);
    expect(await rowsOf(ELENA)).toHaveLength(rowsBefore);
  });

  it('asks for an address when none is on file, and sends to a typed one', async () => {
    const line = await t.database.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select('accounts.customer_id')
      .where('lines.msisdn', '=', ELENA)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('customers')
      .set({ email: null })
      .where('id', '=', line.customer_id)
      .execute();

    const listed = (await t.app.inject({ url: path(ELENA), headers: auth })).json() as DetailsMailOrders;
    expect(listed.emailOnFile).toBeNull();
    const response = await order(ELENA, { clientKey: 'elena-none-1', formats: ['csv'] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', reason: 'no_email_on_file' });
    expect(await rowsOf(ELENA)).toHaveLength(0);

    const typed = await order(ELENA, {
      clientKey: 'elena-typed-1',
      formats: ['pdf'],
      email: 'Elena@Mail.example',
    });
    expect(typed.statusCode, typed.body).toBe(202);
    expect(mailsTo('Elena@Mail.example')).toHaveLength(1);
  });
  it('keeps racing repeats to one order and racing new orders within the limit', async () => {
    // Two taps at once with one key: one order, one mail.
    const mailsBefore = mailsTo('citra.lestari@example.com').length;
    const body = { clientKey: 'citra-race-1234', formats: ['csv'], from: '2026-11-01', to: '2026-11-02' };
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: path(CITRA), headers: auth, payload: body }),
      t.app.inject({ method: 'POST', url: path(CITRA), headers: auth, payload: body }),
    ]);
    await t.app.deps.services.detailsMail.idle();
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect((a.json() as DetailsMailOrder).id).toBe((b.json() as DetailsMailOrder).id);
    expect(mailsTo('citra.lestari@example.com')).toHaveLength(mailsBefore + 1);

    // Boris has placed 1 order this hour (limit 3): of 4 new orders at once exactly 2 pass.
    expect(await rowsOf(BORIS)).toHaveLength(1);
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        t.app.inject({
          method: 'POST',
          url: path(BORIS),
          headers: auth,
          payload: { clientKey: `boris-race-${n}`, formats: ['csv'] },
        }),
      ),
    );
    await t.app.deps.services.detailsMail.idle();
    expect(answers.map((r) => r.statusCode).sort()).toEqual([202, 202, 429, 429]);
    expect(await rowsOf(BORIS)).toHaveLength(3);
  });
});
