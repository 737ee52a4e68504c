import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { maskMsisdn, type SmsReceipt, SmsRejectedError, SmsUnavailableError } from '@kabinet/core';
import Fastify from 'fastify';
import type { Pdu } from 'smpp';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseDeliveryReceipt } from '../src/adapters/sms/delivery-receipt';
import { createSmsSender, OutboxSmsSender, SmppSmsSender, type SmsLog } from '../src/adapters/sms/index';
import { relativeValidity, type SmppSenderOptions, sourceAddressOf } from '../src/adapters/sms/smpp-sender';
import { decodeSmsText, encodeSmsText, isGsm7 } from '../src/adapters/sms/sms-text';
import type { AppInstance } from '../src/app';
import { devOutboxRoutes } from '../src/routes/dev-outbox';
import { startTestSmsc, type TestSmsc } from './support/test-smsc';

const CREDENTIALS = { systemId: 'kabinet', password: 'secret12' };
const TO = '+79001234501';
const RUSSIAN_CODE = 'Kabinet: ваш код 123456. Никому его не сообщайте.';
const INDONESIAN_CODE = 'Kabinet: kode Anda 654321. Jangan berikan kode ini kepada siapa pun.';

/** Everything the adapter logged, to prove what never appears there. */
function recordingLog(): SmsLog & {
  lines: { level: string; fields: Record<string, unknown>; message: string }[];
} {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Text of a short_message as node-smpp's server side decodes it (UDH split off, alphabet decoded). */
function textOf(pdu: Pdu): string {
  return (pdu.short_message as { message: string }).message;
}
function udhOf(pdu: Pdu): number[] {
  const udh = (pdu.short_message as { udh?: Buffer[] }).udh ?? [];
  return udh.length > 0 ? [...udh[0]!] : [];
}

let smsc: TestSmsc | undefined;
const senders: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(senders.splice(0).map((sender) => sender.close()));
  await smsc?.close();
  smsc = undefined;
});

afterAll(async () => {
  // Every SMSC, client connection and timer of these tests is gone (sockets close asynchronously).
  await vi.waitFor(
    () => expect(process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'))).toEqual([]),
    { timeout: 10_000 },
  );
});

async function startPair(overrides: Partial<SmppSenderOptions> = {}) {
  smsc = await startTestSmsc(CREDENTIALS);
  const log = recordingLog();
  const receipts: SmsReceipt[] = [];
  const sender = new SmppSmsSender({
    host: '127.0.0.1',
    port: smsc.port,
    systemId: CREDENTIALS.systemId,
    password: CREDENTIALS.password,
    systemType: 'OTP',
    sourceAddress: 'Kabinet',
    enquireLinkSeconds: 30,
    submitTimeoutMs: 10_000,
    reconnect: { initialMs: 50, maxMs: 400 },
    log,
    onReceipt: (receipt) => {
      receipts.push(receipt);
    },
    ...overrides,
  });
  senders.push(sender);
  return { smsc, sender, log, receipts };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the send to fail');
}

describe('SMS text encoding', () => {
  it('keeps Latin text in the GSM 7-bit alphabet and sends anything else as UCS-2', () => {
    expect(isGsm7(INDONESIAN_CODE)).toBe(true);
    expect(isGsm7('Saldo {10} € ~ [ok]')).toBe(true); // extension table
    expect(isGsm7(RUSSIAN_CODE)).toBe(false);
    expect(isGsm7('code `123`')).toBe(false); // the backtick is not in GSM 03.38
    expect(isGsm7('ok 👍')).toBe(false);
  });

  it('fits a six-digit code message in one part in Russian and in Indonesian', () => {
    const russian = encodeSmsText(RUSSIAN_CODE);
    expect(russian.dataCoding).toBe(8);
    expect(russian.parts).toHaveLength(1);
    // 50 characters of UCS-2 = 100 octets, big-endian: 'K' is 00 4B
    expect(russian.parts[0]!.length).toBe(RUSSIAN_CODE.length * 2);
    expect([...russian.parts[0]!.subarray(0, 2)]).toEqual([0x00, 0x4b]);
    expect(decodeSmsText(8, russian.parts[0]!)).toBe(RUSSIAN_CODE);

    const indonesian = encodeSmsText(INDONESIAN_CODE);
    expect(indonesian.dataCoding).toBe(0);
    expect(indonesian.parts).toHaveLength(1);
    expect(decodeSmsText(0, indonesian.parts[0]!)).toBe(INDONESIAN_CODE);
  });

  it('splits GSM text at 160/153 septets and never cuts an escape pair', () => {
    expect(encodeSmsText('a'.repeat(160)).parts).toHaveLength(1);
    // 161 septets: 153 + 8
    expect(encodeSmsText('a'.repeat(161)).parts.map((p) => p.length)).toEqual([153, 8]);
    // 152 + '€' (2 septets) + 10 = 164 septets: '€' would end at septet 154, so it opens part two.
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    const encoded = encodeSmsText(text);
    expect(encoded.parts.map((p) => p.length)).toEqual([152, 12]);
    expect(encoded.parts.map((p) => decodeSmsText(0, p)).join('')).toBe(text);
  });

  it('splits UCS-2 text at 70/67 characters and never cuts a surrogate pair', () => {
    expect(encodeSmsText('я'.repeat(70)).parts).toHaveLength(1);
    // 71 characters: 67 + 4, two octets each
    expect(encodeSmsText('я'.repeat(71)).parts.map((p) => p.length)).toEqual([134, 8]);
    // 66 + emoji (2 UTF-16 units) + 5 = 73 units: the emoji would end at unit 68, so it opens part two.
    const text = `${'я'.repeat(66)}😀${'я'.repeat(5)}`;
    const encoded = encodeSmsText(text);
    expect(encoded.parts.map((p) => p.length)).toEqual([132, 14]);
    expect(encoded.parts.map((p) => decodeSmsText(8, p)).join('')).toBe(text);
  });

  it('masks numbers for logs', () => {
    expect(maskMsisdn('+79001234501')).toBe('+7900•••••01');
    expect(maskMsisdn('+6281234567890')).toBe('+6281•••••••90');
  });

  it('classifies the source address and writes a relative validity period', () => {
    expect(sourceAddressOf('Kabinet')).toEqual({ ton: 5, npi: 0, address: 'Kabinet' });
    expect(sourceAddressOf('+79001234567')).toEqual({ ton: 1, npi: 1, address: '79001234567' });
    expect(sourceAddressOf('0500')).toEqual({ ton: 3, npi: 0, address: '0500' });
    expect(() => sourceAddressOf('Much too long sender')).toThrow(/alphanumeric sender id/);
    // 300 s = 0 days 00:05:00
    expect(relativeValidity(300)).toBe('000000000500000R');
    // 90,061 s = 1 day 01:01:01
    expect(relativeValidity(90_061)).toBe('000001010101000R');
  });

  it('tells receipts from messages subscribers send us', () => {
    expect(parseDeliveryReceipt({ esm_class: 0, short_message: { message: 'hello' } })).toBeUndefined();
    expect(
      parseDeliveryReceipt({
        esm_class: 4,
        short_message: { message: 'id:77 sub:001 dlvrd:000 stat:EXPIRED err:0' },
      }),
    ).toEqual({ messageId: '77', status: 'expired' });
    expect(
      parseDeliveryReceipt({ esm_class: 4, receipted_message_id: 'X1', message_state: 8, short_message: '' }),
    ).toEqual({ messageId: 'X1', status: 'rejected' });
  });
});

describe('SMPP adapter against a test SMSC on loopback', () => {
  it('binds as an SMPP 3.4 transceiver and sends Cyrillic as UCS-2 with a receipt requested', async () => {
    const { smsc, sender, receipts } = await startPair();
    const result = await sender.send({
      to: TO,
      text: RUSSIAN_CODE,
      reference: 'challenge-1',
      validitySeconds: 300,
    });

    const bind = smsc.binds[0]!;
    expect(bind).toMatchObject({ system_id: 'kabinet', password: 'secret12', system_type: 'OTP' });
    expect(bind.interface_version).toBe(0x34);

    expect(smsc.submits).toHaveLength(1);
    const submit = smsc.submits[0]!;
    expect(submit).toMatchObject({
      source_addr_ton: 5,
      source_addr_npi: 0,
      source_addr: 'Kabinet',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '79001234501',
      registered_delivery: 1,
      data_coding: 8,
      esm_class: 0,
    });
    expect(textOf(submit)).toBe(RUSSIAN_CODE);
    // Relative validity of 5 minutes, which the server side turns into an instant.
    const validUntil = (submit.validity_period as Date).getTime();
    expect(validUntil).toBeGreaterThan(Date.now() + 60_000);
    expect(validUntil).toBeLessThan(Date.now() + 600_000);

    expect(result.messageId).toBe('m000001');
    expect(result.messageIds).toEqual(['m000001']);
    await vi.waitFor(() => expect(receipts).toHaveLength(1), { timeout: 10_000 });
    expect(receipts[0]).toMatchObject({
      messageId: 'm000001',
      reference: 'challenge-1',
      status: 'delivered',
    });
    expect(Number.isNaN(Date.parse(receipts[0]!.at))).toBe(false);
  });

  it('sends Latin text as GSM 7-bit (data_coding 0)', async () => {
    const { smsc, sender } = await startPair({ sourceAddress: '+79009990000' });
    await sender.send({ to: '+6281234567890', text: INDONESIAN_CODE, reference: 'challenge-2' });
    await sender.send({ to: '+6281234567890', text: 'Saldo {10} € [ok]', reference: 'notice-1' });
    expect(smsc.submits[0]).toMatchObject({
      data_coding: 0,
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '79009990000',
      destination_addr: '6281234567890',
    });
    expect(textOf(smsc.submits[0]!)).toBe(INDONESIAN_CODE);
    // GSM extension characters (escape + code) survive the round trip
    expect(textOf(smsc.submits[1]!)).toBe('Saldo {10} € [ok]');
  });

  it('splits a long text into concatenated parts that the SMSC can reassemble', async () => {
    const { smsc, sender, receipts } = await startPair();
    const text = `Kabinet: ${'Ваш пакет интернета почти израсходован. '.repeat(4)}`.trim();
    // 9 + 4 × 40 - 1 = 168 characters of UCS-2: parts of 67 + 67 + 34
    expect(text.length).toBe(168);
    const result = await sender.send({ to: TO, text, reference: 'notice-2' });

    expect(smsc.submits).toHaveLength(3);
    expect(result.messageIds).toHaveLength(3);
    expect(smsc.submits.map((submit) => textOf(submit).length)).toEqual([67, 67, 34]);
    const headers = smsc.submits.map(udhOf);
    const reference = headers[0]![2];
    expect(headers).toEqual([
      [0x00, 0x03, reference, 3, 1],
      [0x00, 0x03, reference, 3, 2],
      [0x00, 0x03, reference, 3, 3],
    ]);
    for (const submit of smsc.submits) {
      expect(submit.data_coding).toBe(8);
      expect((submit.esm_class as number) & 0x40).toBe(0x40);
    }
    expect(smsc.submits.map(textOf).join('')).toBe(text);
    // One receipt per part, all carrying our reference.
    await vi.waitFor(() => expect(receipts).toHaveLength(3), { timeout: 10_000 });
    expect(new Set(receipts.map((r) => r.reference))).toEqual(new Set(['notice-2']));
    expect(receipts.map((r) => r.messageId).sort()).toEqual([...result.messageIds].sort());
  });

  it('reads receipts from TLVs and from text, including a decimal id for a hexadecimal message id', async () => {
    const { smsc, sender, receipts } = await startPair();
    smsc.answer = () => ({ receipt: 'tlv', messageId: 'tlv-1', messageState: 3 });
    await sender.send({ to: TO, text: 'one', reference: 'ref-tlv' });
    await vi.waitFor(() => expect(receipts).toHaveLength(1), { timeout: 10_000 });
    expect(receipts[0]).toMatchObject({ messageId: 'tlv-1', reference: 'ref-tlv', status: 'expired' });

    // 0xa1b2c3 = 10,597,059
    smsc.answer = () => ({ messageId: 'a1b2c3', receiptId: '10597059', stat: 'UNDELIV', err: '001' });
    await sender.send({ to: TO, text: 'two', reference: 'ref-hex' });
    await vi.waitFor(() => expect(receipts).toHaveLength(2), { timeout: 10_000 });
    expect(receipts[1]).toMatchObject({
      messageId: 'a1b2c3',
      reference: 'ref-hex',
      status: 'failed',
      errorCode: '001',
    });
  });

  it('never logs the text or the full number', async () => {
    const { sender, receipts, log } = await startPair();
    await sender.send({ to: TO, text: RUSSIAN_CODE, reference: 'challenge-3' });
    await vi.waitFor(() => expect(receipts).toHaveLength(1), { timeout: 10_000 });
    const logged = JSON.stringify(log.lines);
    expect(logged).toContain('+7900•••••01');
    expect(logged).toContain('m000001');
    expect(logged).not.toContain('123456');
    expect(logged).not.toContain('79001234501');
    expect(logged).not.toContain(CREDENTIALS.password);
  });

  it('keeps the link alive with enquire_link', async () => {
    const { smsc } = await startPair({ enquireLinkSeconds: 1 });
    await vi.waitFor(() => expect(smsc.enquireLinks).toBeGreaterThanOrEqual(2), {
      timeout: 15_000,
      interval: 100,
    });
  });

  it('rebuilds a link whose SMSC stops answering enquire_link', async () => {
    const { smsc, sender } = await startPair({ enquireLinkSeconds: 1 });
    await sender.send({ to: TO, text: 'before', reference: 'r1' });
    smsc.ignoreEnquireLink = true;
    await vi.waitFor(() => expect(smsc.binds.length).toBeGreaterThanOrEqual(2), { timeout: 15_000 });
    smsc.ignoreEnquireLink = false;
    await vi.waitFor(() => expect(sender.state).toBe('bound'), { timeout: 10_000 });
    await sender.send({ to: TO, text: 'after', reference: 'r2' });
    expect(smsc.submits.map(textOf)).toEqual(['before', 'after']);
  });

  it('fails with bind_refused when the SMSC refuses the password', async () => {
    const { smsc, sender, log } = await startPair({ password: 'wrong' });
    const error = await failureOf(sender.send({ to: TO, text: 'code 111111', reference: 'r' }));
    expect(error).toBeInstanceOf(SmsUnavailableError);
    expect(error).toMatchObject({ reason: 'bind_refused', code: 'unavailable' });
    expect((error as SmsUnavailableError).diagnostic).toMatch(/ESME_RINVPASWD/);
    // What a subscriber may read names no SMSC, account or status.
    expect((error as Error).message).toBe('SMS cannot be sent right now. Please try again in a few minutes.');
    expect(smsc.binds.length).toBeGreaterThanOrEqual(1);
    expect(smsc.submits).toHaveLength(0);
    expect(log.lines.some((l) => l.level === 'error' && l.message === 'SMPP bind refused')).toBe(true);
    expect(JSON.stringify(log.lines)).not.toContain('wrong');
  });

  it('fails fast while the link is down, reconnects, and sends again', async () => {
    const { smsc, sender } = await startPair({ submitTimeoutMs: 20_000 });
    await sender.send({ to: TO, text: 'before', reference: 'r1' });
    expect(sender.state).toBe('bound');

    // The SMSC goes away entirely: the connection drops and reconnects are refused.
    await smsc.close();
    await vi.waitFor(() => expect(sender.state).toBe('waiting'), { timeout: 10_000 });
    const started = Date.now();
    const error = await failureOf(sender.send({ to: TO, text: 'during', reference: 'r2' }));
    expect(error).toBeInstanceOf(SmsUnavailableError);
    expect(error).toMatchObject({ reason: 'not_bound' });
    // Far sooner than the 20 s submit timeout: nobody waits for a link that is not there.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reconnects after the SMSC drops the connection or unbinds, and later sends succeed', async () => {
    const { smsc, sender } = await startPair();
    await sender.send({ to: TO, text: 'first', reference: 'r1' });
    expect(smsc.binds).toHaveLength(1);

    smsc.dropAll();
    await vi.waitFor(() => expect(smsc.binds).toHaveLength(2), { timeout: 10_000 });
    await vi.waitFor(() => expect(sender.state).toBe('bound'), { timeout: 10_000 });
    await sender.send({ to: TO, text: 'second', reference: 'r2' });

    smsc.unbindAll();
    await vi.waitFor(() => expect(smsc.binds).toHaveLength(3), { timeout: 10_000 });
    await vi.waitFor(() => expect(sender.state).toBe('bound'), { timeout: 10_000 });
    await sender.send({ to: TO, text: 'third', reference: 'r3' });

    expect(smsc.submits.map(textOf)).toEqual(['first', 'second', 'third']);
  });

  it('fails a submit the SMSC never answers after the submit timeout', async () => {
    const { smsc, sender } = await startPair({ submitTimeoutMs: 300 });
    await sender.send({ to: TO, text: 'warm-up', reference: 'r0' });
    smsc.answer = () => ({ receipt: 'silent' });
    const error = await failureOf(sender.send({ to: TO, text: 'lost', reference: 'r1' }));
    expect(error).toBeInstanceOf(SmsUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it('maps SMSC refusals to typed errors', async () => {
    const { smsc, sender } = await startPair();
    smsc.answer = () => ({ commandStatus: 0x58 }); // ESME_RTHROTTLED
    expect(await failureOf(sender.send({ to: TO, text: 'a', reference: 'r1' }))).toMatchObject({
      reason: 'throttled',
    });
    smsc.answer = () => ({ commandStatus: 0x0b }); // ESME_RINVDSTADR
    const rejected = await failureOf(sender.send({ to: TO, text: 'b', reference: 'r2' }));
    expect(rejected).toBeInstanceOf(SmsRejectedError);
    expect(rejected).toMatchObject({ reason: 'invalid_destination' });
    // A number that is not E.164 never reaches the SMSC.
    expect(await failureOf(sender.send({ to: '89001234501', text: 'c', reference: 'r3' }))).toBeInstanceOf(
      SmsRejectedError,
    );
    expect(smsc.submits).toHaveLength(2);
  });

  it('unbinds on close and refuses sends afterwards', async () => {
    const { smsc, sender } = await startPair();
    await sender.send({ to: TO, text: 'hello', reference: 'r1' });
    await sender.close();
    expect(smsc.unbinds).toBe(1);
    await vi.waitFor(() => expect(smsc.sessions).toHaveLength(0), { timeout: 10_000 });
    expect(sender.state).toBe('closed');
    expect(await failureOf(sender.send({ to: TO, text: 'late', reference: 'r2' }))).toMatchObject({
      reason: 'closed',
    });
  });
});

describe('development outbox', () => {
  function outbox(lines: string[] = []) {
    const sender = new OutboxSmsSender({ nodeEnv: 'development', print: (line) => lines.push(line) });
    senders.push(sender);
    return sender;
  }

  it('keeps the last 100 messages, newest first, and prints each with a masked number', async () => {
    const lines: string[] = [];
    const sender = outbox(lines);
    for (let i = 1; i <= 101; i++) await sender.send({ to: TO, text: `message ${i}`, reference: `r${i}` });
    const listed = sender.list();
    expect(listed).toHaveLength(100);
    expect(listed[0]).toMatchObject({ text: 'message 101', reference: 'r101', to: TO });
    expect(listed[99]!.text).toBe('message 2');
    expect(lines).toHaveLength(101);
    expect(lines[0]).toContain('+7900•••••01');
    expect(lines[0]).toContain('message 1');
    expect(lines[0]).not.toContain(TO);
  });

  it('reports each message delivered', async () => {
    const receipts: SmsReceipt[] = [];
    const sender = new OutboxSmsSender({
      nodeEnv: 'test',
      print: () => {},
      onReceipt: (r) => void receipts.push(r),
    });
    senders.push(sender);
    const { messageId } = await sender.send({ to: TO, text: 'x', reference: 'ref-1' });
    await vi.waitFor(() =>
      expect(receipts).toEqual([expect.objectContaining({ messageId, reference: 'ref-1' })]),
    );
    expect(receipts[0]!.status).toBe('delivered');
  });

  it('refuses to run in production', () => {
    expect(() => new OutboxSmsSender({ nodeEnv: 'production' })).toThrow(
      'the development SMS outbox cannot run in production: configure SMPP_HOST',
    );
    expect(() => createSmsSender({ nodeEnv: 'production', log: recordingLog() })).toThrow(
      /configure SMPP_HOST/,
    );
  });

  it('is what the factory builds without an SMSC host; SMPP with one', async () => {
    const local = createSmsSender({ nodeEnv: 'development', log: recordingLog() });
    senders.push(local);
    expect(local).toBeInstanceOf(OutboxSmsSender);

    smsc = await startTestSmsc(CREDENTIALS);
    const remote = createSmsSender({
      nodeEnv: 'production',
      log: recordingLog(),
      smpp: {
        host: '127.0.0.1',
        port: smsc.port,
        ...CREDENTIALS,
        sourceAddress: 'Kabinet',
        enquireLinkSeconds: 30,
        submitTimeoutMs: 5_000,
      },
    });
    senders.push(remote);
    expect(remote).toBeInstanceOf(SmppSmsSender);
    await remote.send({ to: TO, text: 'prod', reference: 'r' });
    expect(smsc.submits).toHaveLength(1);
  });

  it('serves the messages as an escaped HTML page and as JSON', async () => {
    const sender = outbox();
    await sender.send({ to: TO, text: 'Your code: 123456 <script>alert("x")</script>', reference: 'r1' });
    await sender.send({ to: '+6281234567890', text: 'Kode Anda: 654321', reference: 'r2' });
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    devOutboxRoutes(app as unknown as AppInstance, sender);
    try {
      const page = await app.inject({ method: 'GET', url: '/dev/outbox' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).not.toContain('<script>');
      expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(page.body).toContain('http-equiv="refresh"');
      // newest first
      expect(page.body.indexOf('Kode Anda')).toBeLessThan(page.body.indexOf('Your code'));

      const json = await app.inject({ method: 'GET', url: '/dev/outbox.json' });
      expect(json.json().messages.map((m: { reference: string }) => m.reference)).toEqual(['r2', 'r1']);
      // An unencoded '+' arrives as a space; both forms find the number.
      for (const to of ['+79001234501', '%2B79001234501']) {
        const filtered = await app.inject({ method: 'GET', url: `/dev/outbox.json?to=${to}` });
        expect(filtered.json().messages).toEqual([
          expect.objectContaining({
            text: 'Your code: 123456 <script>alert("x")</script>',
            encoding: 'gsm7',
            parts: 1,
          }),
        ]);
      }
    } finally {
      await app.close();
    }
  });
});
