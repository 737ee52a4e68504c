import type { AddressInfo } from 'node:net';
import { MailRejectedError, MailUnavailableError } from '@kabinet/core';
import { placeDetailsMailOrder } from '@kabinet/db';
import { testEngine } from '@kabinet/db/testing';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender, OutboxMailSender, SmtpMailSender } from '../src/adapters/mail/index';
import { DetailsMailService } from '../src/exports/details-mail';
import { createTestApp, DEMO_NOW, type TestApp } from './support/test-app';

/** A real SMTP server on a loopback port that parses what it receives, as a relay would take it. */
async function startRelay(options: Partial<SMTPServerOptions> = {}) {
  const received: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          envelopes.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        })
        .catch(callback);
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });
const attachment = (name: string, text: string) => ({
  fileName: name,
  contentType: 'text/csv; charset=utf-8',
  content: Buffer.from(text, 'utf8'),
});

describe('the SMTP mail sender against a real SMTP server', () => {
  const relays: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.close()));
  });

  it('delivers subject, text, attachments and our reference, signing in with the URL’s credentials', async () => {
    const logins: string[] = [];
    const relay = await startRelay({
      authOptional: false,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password}`);
        if (auth.username === 'kabinet' && auth.password === 'relay-pass')
          callback(null, { user: 'kabinet' });
        else callback(new Error('Invalid username or password'));
      },
    });
    relays.push(relay);
    const sender = new SmtpMailSender({
      url: `smtp://kabinet:relay-pass@127.0.0.1:${relay.port}`,
      from: 'Kabinet Mobile <no-reply@kabinet.example>',
      timeoutMs: 5000,
    });
    const csv = '\uFEFFlocal_time,amount\r\n2026-11-23 02:24:00,42.50\r\n';
    const result = await sender.send({
      to: 'anna.petrova@example.com',
      subject: 'Детализация +79000000001 за 2026-11-01 – 2026-11-26',
      text: 'Во вложении детализация.',
      attachments: [attachment('details.csv', csv)],
      reference: 'details-mail-7',
    });
    await sender.close();
    expect(result.messageId).toMatch(/^<.+>$/);
    expect(logins).toEqual(['kabinet:relay-pass']);
    expect(relay.envelopes).toEqual([{ from: 'no-reply@kabinet.example', to: ['anna.petrova@example.com'] }]);
    const [mail] = relay.received;
    expect(mail!.subject).toBe('Детализация +79000000001 за 2026-11-01 – 2026-11-26');
    expect(mail!.from?.value).toEqual([{ name: 'Kabinet Mobile', address: 'no-reply@kabinet.example' }]);
    expect(mail!.text?.trim()).toBe('Во вложении детализация.');
    expect(mail!.headers.get('x-kabinet-reference')).toBe('details-mail-7');
    expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([['details.csv', 'text/csv']]);
    // Byte for byte, the byte order mark included.
    expect(mail!.attachments[0]!.content.toString('utf8')).toBe(csv);
  });

  it('calls a 5xx refusal of the recipient permanent and a 4xx at the data stage temporary', async () => {
    const relay = await startRelay({
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody@')) {
          callback(smtpError(`5.1.1 <${address.address}>: No such mailbox`, 550));
        } else callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpError('4.3.0 Try again later', 451)));
      },
    });
    relays.push(relay);
    const sender = new SmtpMailSender({
      url: `smtp://127.0.0.1:${relay.port}`,
      from: 'no-reply@kabinet.example',
      timeoutMs: 5000,
    });
    const message = { subject: 'S', text: 'T', attachments: [], reference: 'r' };
    const refused = await sender.send({ ...message, to: 'nobody@example.com' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MailRejectedError);
    expect((refused as MailRejectedError).diagnostic).toContain('550');
    // The relay quotes the recipient; the diagnostic (logged, stored on the order) keeps it masked.
    expect((refused as MailRejectedError).diagnostic).not.toContain('nobody@');
    expect((refused as MailRejectedError).diagnostic).toContain('<n•••@example.com>');
    const later = await sender.send({ ...message, to: 'anna@example.com' }).catch((e: unknown) => e);
    expect(later).toBeInstanceOf(MailUnavailableError);
    expect((later as MailUnavailableError).diagnostic).toContain('451');
    expect(relay.received).toHaveLength(0);
    await sender.close();
  });

  it('calls a refused login temporary (an operator fixes the password; the order is retried)', async () => {
    const relay = await startRelay({
      authOptional: false,
      onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password')),
    });
    relays.push(relay);
    const sender = new SmtpMailSender({
      url: `smtp://kabinet:wrong-pass@127.0.0.1:${relay.port}`,
      from: 'no-reply@kabinet.example',
      timeoutMs: 5000,
    });
    const error = await sender
      .send({ to: 'anna@example.com', subject: 'S', text: 'T', attachments: [], reference: 'r' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect((error as MailUnavailableError).diagnostic).toContain('EAUTH');
    expect((error as MailUnavailableError).diagnostic).not.toContain('wrong-pass');
    await sender.close();
  });

  it('calls a relay that is not there temporary, without echoing its password', async () => {
    const gone = await startRelay();
    await gone.close(); // a port nothing listens on any more
    const sender = new SmtpMailSender({
      url: `smtp://kabinet:relay-pass@127.0.0.1:${gone.port}`,
      from: 'no-reply@kabinet.example',
      timeoutMs: 2000,
    });
    const error = await sender
      .send({ to: 'anna@example.com', subject: 'S', text: 'T', attachments: [], reference: 'r' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect((error as MailUnavailableError).diagnostic).not.toContain('relay-pass');
    await sender.close();
  });
});

describe('the development mail outbox', () => {
  it('refuses production, so a production server without SMTP_URL does not start', () => {
    expect(() => new OutboxMailSender({ nodeEnv: 'production', from: 'x@y.example' })).toThrow(
      'the development mail outbox cannot run in production: configure SMTP_URL',
    );
    expect(() => createMailSender({ nodeEnv: 'production', smtp: undefined, from: 'x@y.example' })).toThrow();
  });

  it('prints only the masked recipient, the subject and the file names, never the body or the files', async () => {
    const lines: string[] = [];
    const outbox = new OutboxMailSender({
      nodeEnv: 'test',
      from: 'x@y.example',
      print: (l) => lines.push(l),
    });
    await outbox.send({
      to: 'anna.petrova@example.com',
      subject: 'Details',
      text: 'Total charged: 1254.50 RUB',
      attachments: [attachment('d.csv', '+77012345671,42.50')],
      reference: 'details-mail-1',
    });
    expect(lines).toEqual([
      '[dev mail outbox] to a•••@example.com (ref details-mail-1): "Details"; d.csv (18 B)',
    ]);
    await expect(
      outbox.send({ to: 'not an address', subject: 'S', text: 'T', attachments: [], reference: 'r' }),
    ).rejects.toBeInstanceOf(MailRejectedError);
  });
});

describe(`sending queued details mail through a relay that fails, on ${testEngine}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  async function queue(clientKey: string, recipient: string) {
    const line = await t.database.db
      .selectFrom('lines')
      .select('id')
      .where('msisdn', '=', '+79000000001')
      .executeTakeFirstOrThrow();
    const { order } = await placeDetailsMailOrder(
      t.database.db,
      {
        lineId: line.id,
        clientKey,
        recipient,
        periodFrom: '2026-11-20',
        periodTo: '2026-11-26',
        detailType: null,
        formats: 'csv',
        lang: 'en',
      },
      { perLine: 100, windowSeconds: 3600 },
      DEMO_NOW,
    );
    return order.id;
  }
  const rowOf = (id: number) =>
    t.database.db
      .selectFrom('details_mail_orders')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('retries a temporary failure later, sends it once, and gives up on a permanent refusal', async () => {
    let busy = true;
    const relay = await startRelay({
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody@')) callback(smtpError('5.1.1 No such mailbox', 550));
        else if (busy) callback(smtpError('4.7.1 Busy, try later', 451));
        else callback();
      },
    });
    let now = DEMO_NOW;
    const warnings: Record<string, unknown>[] = [];
    const service = new DetailsMailService({
      database: t.database,
      mail: new SmtpMailSender({
        url: `smtp://127.0.0.1:${relay.port}`,
        from: 'no-reply@k.example',
        timeoutMs: 5000,
      }),
      timeZone: 'Europe/Moscow',
      log: {
        info: () => {},
        warn: (fields) => warnings.push(fields as Record<string, unknown>),
        error: () => {},
      },
      now: () => now,
    });
    try {
      const later = await queue('relay-busy-1', 'anna.petrova@example.com');
      service.kick(later);
      await service.idle();
      let row = await rowOf(later);
      // Attempt 1 failed for a reason that may pass: queued again a minute later (RETRY_MINUTES[0]).
      expect(row).toMatchObject({ status: 'queued', attempts: 1, sent_at: null });
      expect(row.next_attempt_at).toBe(new Date(DEMO_NOW.getTime() + 60_000).toISOString());
      expect(row.failure).toContain('451');
      // The log names the order and the masked address, never the address itself.
      expect(warnings[0]).toMatchObject({ detailsMailOrder: later, to: 'a•••@example.com', attempt: 1 });
      expect(JSON.stringify(warnings)).not.toContain('anna.petrova');

      // Not due yet: the job leaves it alone.
      expect(await service.runDue()).toBe(0);
      busy = false;
      now = new Date(DEMO_NOW.getTime() + 61_000);
      expect(await service.runDue()).toBe(1);
      row = await rowOf(later);
      expect(row).toMatchObject({ status: 'sent', attempts: 2, sent_at: now.toISOString(), failure: null });
      expect(relay.received).toHaveLength(1);
      expect(relay.received[0]!.attachments[0]!.filename).toBe(
        'details-79000000001-2026-11-20-2026-11-26.csv',
      );
      // Sent stays sent: another run and another kick send nothing.
      service.kick(later);
      await service.idle();
      expect(await service.runDue()).toBe(0);
      expect(relay.received).toHaveLength(1);

      const never = await queue('relay-refuses-1', 'nobody@example.com');
      service.kick(never);
      await service.idle();
      expect(await rowOf(never)).toMatchObject({ status: 'failed', attempts: 1, sent_at: null });
      now = new Date(now.getTime() + 24 * 3600_000);
      expect(await service.runDue()).toBe(0);
    } finally {
      await relay.close();
    }
  });

  it('sends an order whose claim ran out (its node stopped mid-send), and leaves a live claim alone', async () => {
    const lines: string[] = [];
    const outbox = new OutboxMailSender({
      nodeEnv: 'test',
      from: 'x@k.example',
      print: (l) => lines.push(l),
    });
    let now = DEMO_NOW;
    const service = new DetailsMailService({
      database: t.database,
      mail: outbox,
      timeZone: 'Europe/Moscow',
      log: { info: () => {}, warn: () => {}, error: () => {} },
      now: () => now,
    });
    const id = await queue('stale-claim-1', 'anna.petrova@example.com');
    // Another node claimed it at DEMO_NOW for 10 minutes and never finished.
    await t.database.db
      .updateTable('details_mail_orders')
      .set({
        status: 'sending',
        attempts: 1,
        next_attempt_at: new Date(DEMO_NOW.getTime() + 600_000).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    now = new Date(DEMO_NOW.getTime() + 599_000);
    service.kick(id);
    await service.idle();
    expect(await service.runDue()).toBe(0);
    expect(outbox.list()).toHaveLength(0);
    now = new Date(DEMO_NOW.getTime() + 600_000);
    expect(await service.runDue()).toBe(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(outbox.list().map((m) => m.reference)).toEqual([`details-mail-${id}`]);
  });

  it('shows the outbox at /dev/mail with the files to open', async () => {
    const id = await queue('dev-page-1', 'anna.petrova@example.com');
    t.app.deps.services.detailsMail.kick(id);
    await t.app.deps.services.detailsMail.idle();
    const json = (await t.app.inject({ url: '/dev/mail.json?to=anna.petrova@example.com' })).json() as {
      mails: {
        subject: string;
        reference: string;
        attachments: { fileName: string; url: string; size: number }[];
      }[];
    };
    const mail = json.mails.find((m) => m.reference === `details-mail-${id}`)!;
    expect(mail.subject).toBe('Itemized details of +79000000001 for 2026-11-20 – 2026-11-26');
    const file = await t.app.inject({ url: mail.attachments[0]!.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe(
      'attachment; filename="details-79000000001-2026-11-20-2026-11-26.csv"',
    );
    expect(file.rawPayload.length).toBe(mail.attachments[0]!.size);
    const page = await t.app.inject({ url: '/dev/mail' });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Itemized details of +79000000001 for 2026-11-20 – 2026-11-26');
    expect((await t.app.inject({ url: '/dev/mail/outbox-nope/attachments/0' })).statusCode).toBe(404);
  });
});
