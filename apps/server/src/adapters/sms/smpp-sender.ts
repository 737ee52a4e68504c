import {
  isE164,
  maskMsisdn,
  type SmsMessage,
  type SmsReceiptListener,
  SmsRejectedError,
  type SmsSender,
  type SmsSendResult,
  SmsUnavailableError,
} from '@kabinet/core';
import smpp, { type Pdu, type Session } from 'smpp';
import { messageIdForms, parseDeliveryReceipt } from './delivery-receipt';
import { concatenationHeader, encodeSmsText } from './sms-text';

/** The logger the SMS adapters write to (pino and Fastify's logger fit). */
export interface SmsLog {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SmppSettings {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** Alphanumeric sender id (`Kabinet`), an international number (`+79001234567`) or a short code. */
  sourceAddress: string;
  /** Seconds between enquire_link keep-alives; a link that misses one answer is dropped and rebuilt. */
  enquireLinkSeconds: number;
  /** How long one submit_sm (and a wait for a bind in progress) may take before the send fails. */
  submitTimeoutMs: number;
}

export interface SmppSenderOptions extends SmppSettings {
  log: SmsLog;
  onReceipt?: SmsReceiptListener;
  /** How long TCP connect + bind may take before the attempt is abandoned. Default 10 s. */
  bindTimeoutMs?: number;
  /** Reconnect delays: doubling from `initialMs` up to `maxMs`, each with jitter. Default 1 s → 60 s. */
  reconnect?: { initialMs: number; maxMs: number };
  /** Unbind waits this long for unbind_resp on close. Default 2 s. */
  unbindTimeoutMs?: number;
}

export type SmppState = 'connecting' | 'bound' | 'waiting' | 'closed';

interface Address {
  ton: number;
  npi: number;
  address: string;
}

/** TON/NPI values of SMPP 3.4 (5.2.5, 5.2.6). */
const TON_INTERNATIONAL = 1;
const TON_NETWORK_SPECIFIC = 3;
const TON_ALPHANUMERIC = 5;
const NPI_UNKNOWN = 0;
const NPI_ISDN = 1;
/** interface_version 0x34: we speak SMPP 3.4 (node-smpp defaults to 5.0). */
const SMPP_3_4 = 0x34;
const ESM_CLASS_UDHI = 0x40;
/** registered_delivery: a receipt for the final outcome, delivered or not. */
const RECEIPT_ON_FINAL_OUTCOME = 1;
/** Receipts remembered for matching their reference; older ones are matched by message id only. */
const MAX_REMEMBERED = 10_000;

const STATUS_NAMES = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

function statusName(status: number): string {
  return STATUS_NAMES.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`;
}

/**
 * Where our messages come from: an alphanumeric sender id (TON 5, NPI 0, at most 11 characters), a
 * number in international form (TON 1, NPI 1, written without '+'), or a short code of up to 8 digits
 * without '+' (TON 3 network-specific, NPI 0: a short code is not an international number).
 */
export function sourceAddressOf(value: string): Address {
  if (/^\+[1-9]\d{6,14}$/.test(value))
    return { ton: TON_INTERNATIONAL, npi: NPI_ISDN, address: value.slice(1) };
  if (/^\d{9,15}$/.test(value)) return { ton: TON_INTERNATIONAL, npi: NPI_ISDN, address: value };
  if (/^\d{1,8}$/.test(value)) return { ton: TON_NETWORK_SPECIFIC, npi: NPI_UNKNOWN, address: value };
  if (/^[A-Za-z0-9 ._&-]{1,11}$/.test(value) && /[A-Za-z]/.test(value)) {
    return { ton: TON_ALPHANUMERIC, npi: NPI_UNKNOWN, address: value };
  }
  throw new Error(
    'an SMS source address is an alphanumeric sender id of 1-11 Latin letters, digits, space, ".", "_", "&" or "-" ' +
      '(with at least one letter), a number in international form (+79001234567) or a short code of up to 8 digits',
  );
}

/** SMPP relative validity period (5.2.18): YYMMDDhhmmss, tenths, "00R"; at most 99 days. */
export function relativeValidity(seconds: number): string {
  const total = Math.min(Math.max(1, Math.floor(seconds)), 99 * 86_400);
  const two = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  return `0000${two(days)}${two(hours)}${two(minutes)}${two(total % 60)}000R`;
}

/**
 * SMS through an SMPP 3.4 SMSC, bound as a transceiver: messages out as submit_sm, receipts in as
 * deliver_sm, on one connection kept alive with enquire_link and rebuilt with backoff when it drops.
 *
 * Sending never queues. When the session is bound a send goes out at once; while a connect or bind is in
 * progress it waits for it within the submit timeout; while the sender is backing off after a failure it
 * fails at once with SmsUnavailableError. A sign-in code that leaves minutes late is worse than an
 * honest "try again later", and a queue in memory would be lost on restart anyway.
 */
export class SmppSmsSender implements SmsSender {
  readonly #options: SmppSenderOptions;
  readonly #source: Address;
  readonly #log: SmsLog;
  #state: SmppState = 'connecting';
  #session: Session | undefined;
  /** Why the current connection attempt (or connection) ended, when we know better than "closed". */
  #failure: SmsUnavailableError | undefined;
  /** Why sends fail while waiting for the next attempt. */
  #lastFailure: SmsUnavailableError | undefined;
  #attempt = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #bindTimer: NodeJS.Timeout | undefined;
  #enquireTimer: NodeJS.Timeout | undefined;
  #enquireOutstanding = false;
  readonly #boundWaiters = new Set<{ resolve(session: Session): void; reject(error: Error): void }>();
  readonly #inFlight = new Set<(error: Error) => void>();
  /** SMSC message id → what a receipt needs to say whose it is. Insertion order = age. */
  readonly #sent = new Map<string, { reference: string; to: string }>();
  #concatReference = Math.floor(Math.random() * 256);
  #closing: Promise<void> | undefined;

  constructor(options: SmppSenderOptions) {
    this.#options = options;
    this.#log = options.log;
    this.#source = sourceAddressOf(options.sourceAddress);
    this.#connect();
  }

  /** For readiness checks and tests: `bound` means sends go out now. */
  get state(): SmppState {
    return this.#state;
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    if (this.#closing) throw new SmsUnavailableError('closed', 'The SMS sender is closed.');
    if (!isE164(message.to)) {
      throw new SmsRejectedError(
        'invalid_destination',
        'An SMS destination must be an E.164 number (+79001234501).',
      );
    }
    const encoded = encodeSmsText(message.text);
    const total = encoded.parts.length;
    const concatReference = total > 1 ? this.#nextConcatReference() : 0;
    const to = maskMsisdn(message.to);

    const messageIds: string[] = [];
    for (const [index, part] of encoded.parts.entries()) {
      const shortMessage =
        total > 1 ? Buffer.concat([concatenationHeader(concatReference, total, index + 1), part]) : part;
      const fields: Record<string, unknown> = {
        source_addr_ton: this.#source.ton,
        source_addr_npi: this.#source.npi,
        source_addr: this.#source.address,
        dest_addr_ton: TON_INTERNATIONAL,
        dest_addr_npi: NPI_ISDN,
        destination_addr: message.to.slice(1),
        esm_class: total > 1 ? ESM_CLASS_UDHI : 0,
        registered_delivery: RECEIPT_ON_FINAL_OUTCOME,
        data_coding: encoded.dataCoding,
        short_message: shortMessage,
      };
      if (message.validitySeconds !== undefined) {
        fields.validity_period = relativeValidity(message.validitySeconds);
      }
      try {
        const session = await this.#whenBound();
        // Remembered the moment the SMSC accepts a part: its receipt may follow in the same read.
        const messageId = await this.#submit(session, fields, (id) =>
          this.#remember(id, { reference: message.reference, to }),
        );
        messageIds.push(messageId);
      } catch (error) {
        const typed = error instanceof SmsUnavailableError || error instanceof SmsRejectedError;
        this.#log.warn(
          {
            to,
            reference: message.reference,
            part: index + 1,
            parts: total,
            reason: typed ? error.reason : 'error',
            detail: typed ? error.diagnostic : String(error),
            messageIds,
          },
          'SMS not accepted by the SMSC',
        );
        throw error;
      }
    }
    this.#log.info(
      {
        to,
        reference: message.reference,
        messageId: messageIds[0],
        parts: total,
        dataCoding: encoded.dataCoding,
      },
      'SMS accepted by the SMSC',
    );
    return { messageId: messageIds[0]!, messageIds };
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    clearTimeout(this.#reconnectTimer);
    clearTimeout(this.#bindTimer);
    clearInterval(this.#enquireTimer);
    const closed = new SmsUnavailableError('closed', 'The SMS sender is closed.');
    for (const waiter of this.#boundWaiters) waiter.reject(closed);
    this.#boundWaiters.clear();
    const session = this.#session;
    const wasBound = this.#state === 'bound';
    this.#state = 'closed';
    if (!session) return;
    if (wasBound) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#options.unbindTimeoutMs ?? 2_000);
        const written = session.unbind({}, () => {
          clearTimeout(timer);
          resolve();
        });
        if (!written) {
          clearTimeout(timer);
          resolve();
        }
      });
      this.#log.info({ host: this.#options.host }, 'SMPP unbound');
    }
    for (const abort of this.#inFlight) abort(closed);
    if (!session.socket.destroyed) await new Promise<void>((resolve) => session.destroy(resolve));
  }

  #connect(): void {
    const { host, port } = this.#options;
    this.#state = 'connecting';
    this.#failure = undefined;
    const session = smpp.connect({ host, port });
    this.#session = session;
    session.socket.setKeepAlive(true, 30_000);

    this.#bindTimer = setTimeout(() => {
      this.#failure = new SmsUnavailableError(
        'not_bound',
        `The SMSC at ${host}:${port} did not answer the bind in time.`,
      );
      session.destroy();
    }, this.#options.bindTimeoutMs ?? 10_000);
    this.#bindTimer.unref();

    session.on('connect', () => {
      session.bind_transceiver(
        {
          system_id: this.#options.systemId,
          password: this.#options.password,
          system_type: this.#options.systemType ?? '',
          interface_version: SMPP_3_4,
        },
        (response) => this.#onBindResponse(session, response),
      );
    });
    session.on('pdu', (pdu: Pdu) => this.#onPdu(session, pdu));
    session.on('error', (error: NodeJS.ErrnoException) => {
      if (session !== this.#session) return;
      this.#failure ??= new SmsUnavailableError(
        'not_bound',
        `The SMSC at ${host}:${port} cannot be reached (${error.code ?? error.message}).`,
      );
      session.destroy();
    });
    session.on('close', () => this.#onClose(session));
  }

  #onBindResponse(session: Session, response: Pdu): void {
    if (session !== this.#session || this.#state !== 'connecting') return;
    clearTimeout(this.#bindTimer);
    if (response.command_status !== 0) {
      const status = statusName(response.command_status);
      this.#failure = new SmsUnavailableError(
        'bind_refused',
        `The SMSC refused the bind (${status}): check SMPP_SYSTEM_ID, SMPP_PASSWORD and SMPP_SYSTEM_TYPE.`,
      );
      this.#log.error(
        { host: this.#options.host, port: this.#options.port, systemId: this.#options.systemId, status },
        'SMPP bind refused',
      );
      session.destroy();
      return;
    }
    this.#state = 'bound';
    this.#attempt = 0;
    this.#lastFailure = undefined;
    this.#log.info(
      { host: this.#options.host, port: this.#options.port, systemId: this.#options.systemId },
      'SMPP bound (transceiver)',
    );
    this.#enquireOutstanding = false;
    this.#enquireTimer = setInterval(
      () => this.#enquireLink(session),
      this.#options.enquireLinkSeconds * 1000,
    );
    this.#enquireTimer.unref();
    for (const waiter of this.#boundWaiters) waiter.resolve(session);
    this.#boundWaiters.clear();
  }

  /** A link that has not answered the previous enquire_link by the next one is dead: rebuild it. */
  #enquireLink(session: Session): void {
    if (session !== this.#session || this.#state !== 'bound') return;
    if (this.#enquireOutstanding) {
      this.#failure = new SmsUnavailableError('not_bound', 'The SMSC stopped answering enquire_link.');
      this.#log.warn({ host: this.#options.host }, 'SMPP link silent: no enquire_link_resp; reconnecting');
      session.destroy();
      return;
    }
    this.#enquireOutstanding = true;
    session.enquire_link({}, () => {
      this.#enquireOutstanding = false;
    });
  }

  #onClose(session: Session): void {
    if (session !== this.#session) return;
    clearTimeout(this.#bindTimer);
    clearInterval(this.#enquireTimer);
    const wasBound = this.#state === 'bound';
    const failure =
      this.#failure ??
      new SmsUnavailableError('not_bound', 'The connection to the SMSC was lost; reconnecting.');
    this.#failure = undefined;
    for (const abort of this.#inFlight) abort(failure);
    if (this.#closing) {
      this.#state = 'closed';
      return;
    }
    this.#lastFailure = failure;
    for (const waiter of this.#boundWaiters) waiter.reject(failure);
    this.#boundWaiters.clear();

    const { initialMs, maxMs } = this.#options.reconnect ?? { initialMs: 1_000, maxMs: 60_000 };
    // Refused credentials do not fix themselves in a second, and SMSCs lock accounts that keep failing.
    const ceiling =
      failure.reason === 'bind_refused'
        ? maxMs
        : Math.min(maxMs, initialMs * 2 ** Math.min(this.#attempt, 30));
    // Half fixed, half random: nodes that lost the SMSC together do not all come back in the same instant.
    const delayMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.#attempt++;
    this.#state = 'waiting';
    const fields = {
      host: this.#options.host,
      port: this.#options.port,
      reason: failure.reason,
      retryInMs: delayMs,
    };
    if (wasBound) this.#log.warn(fields, 'SMPP connection lost');
    else this.#log.warn({ ...fields, detail: failure.diagnostic }, 'SMPP connection attempt failed');
    this.#reconnectTimer = setTimeout(() => this.#connect(), delayMs);
    this.#reconnectTimer.unref();
  }

  #onPdu(session: Session, pdu: Pdu): void {
    if (pdu.isResponse()) return; // answered through the callback of the request
    switch (pdu.command) {
      case 'deliver_sm':
      case 'data_sm':
        // Acknowledge first: an unanswered deliver_sm is redelivered however we fare with it.
        session.send(pdu.response());
        this.#onDeliver(pdu);
        return;
      case 'enquire_link':
        session.send(pdu.response());
        return;
      case 'unbind':
        // Answer, then hang up ourselves: an SMSC that never closes its side must not leave us half-bound.
        if (!session.send(pdu.response(), () => session.destroy())) session.destroy();
        if (session === this.#session) {
          this.#failure = new SmsUnavailableError(
            'not_bound',
            'The SMSC ended the session (unbind); reconnecting.',
          );
          this.#log.warn({ host: this.#options.host }, 'SMPP unbound by the SMSC');
        }
        return;
      case 'alert_notification':
        return; // has no response
      default:
        session.send(
          new smpp.PDU('generic_nack', {
            sequence_number: pdu.sequence_number,
            command_status: smpp.errors.ESME_RINVCMDID,
          }),
        );
    }
  }

  #onDeliver(pdu: Pdu): void {
    const parsed = parseDeliveryReceipt(pdu);
    if (!parsed) {
      this.#log.debug({}, 'SMPP deliver_sm that is not a receipt ignored');
      return;
    }
    let messageId = parsed.messageId;
    let sent: { reference: string; to: string } | undefined;
    for (const form of messageIdForms(parsed.messageId)) {
      sent = this.#sent.get(form);
      if (sent) {
        messageId = form;
        break;
      }
    }
    if (sent && parsed.status !== 'unknown') this.#sent.delete(messageId);
    const receipt = {
      messageId,
      status: parsed.status,
      at: new Date().toISOString(),
      ...(sent ? { reference: sent.reference } : {}),
      ...(parsed.errorCode ? { errorCode: parsed.errorCode } : {}),
    };
    this.#log.info(
      {
        messageId,
        reference: sent?.reference,
        to: sent?.to,
        status: parsed.status,
        errorCode: parsed.errorCode,
      },
      'SMS receipt',
    );
    const listener = this.#options.onReceipt;
    if (!listener) return;
    try {
      Promise.resolve(listener(receipt)).catch((error: unknown) =>
        this.#log.error({ err: error, messageId }, 'recording an SMS receipt failed'),
      );
    } catch (error) {
      this.#log.error({ err: error, messageId }, 'recording an SMS receipt failed');
    }
  }

  /** The bound session now; during a connect or bind, once it is bound (within the submit timeout). */
  #whenBound(): Promise<Session> {
    if (this.#closing) return Promise.reject(new SmsUnavailableError('closed', 'The SMS sender is closed.'));
    if (this.#state === 'bound' && this.#session) return Promise.resolve(this.#session);
    if (this.#state === 'waiting') {
      return Promise.reject(
        this.#lastFailure ??
          new SmsUnavailableError('not_bound', 'There is no session with the SMSC; reconnecting.'),
      );
    }
    return new Promise<Session>((resolve, reject) => {
      const waiter = {
        resolve: (session: Session) => {
          clearTimeout(timer);
          resolve(session);
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#boundWaiters.delete(waiter);
        reject(
          new SmsUnavailableError('not_bound', 'The SMSC session is still being set up; try again shortly.'),
        );
      }, this.#options.submitTimeoutMs);
      this.#boundWaiters.add(waiter);
    });
  }

  /** One submit_sm: resolves with the SMSC's message id, or rejects when refused, late or cut off. */
  #submit(
    session: Session,
    fields: Record<string, unknown>,
    onAccepted: (messageId: string) => void,
  ): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#inFlight.delete(abort);
        action();
      };
      const abort = (error: Error) => settle(() => reject(error));
      const timer = setTimeout(
        () =>
          abort(
            new SmsUnavailableError(
              'timeout',
              `The SMSC did not confirm the message within ${this.#options.submitTimeoutMs} ms; it may or may not be delivered.`,
            ),
          ),
        this.#options.submitTimeoutMs,
      );
      this.#inFlight.add(abort);
      const written = session.submit_sm(fields, (response) => {
        if (response.command_status === 0) {
          const messageId = String(response.message_id ?? '');
          onAccepted(messageId);
          settle(() => resolve(messageId));
          return;
        }
        settle(() => reject(this.#submitError(session, response.command_status)));
      });
      if (!written) abort(new SmsUnavailableError('not_bound', 'The connection to the SMSC is closing.'));
    });
  }

  #submitError(session: Session, status: number): Error {
    const name = statusName(status);
    switch (name) {
      case 'ESME_RINVDSTADR':
      case 'ESME_RINVDSTTON':
      case 'ESME_RINVDSTNPI':
      case 'ESME_RINVDESTFLAG':
        return new SmsRejectedError(
          'invalid_destination',
          `The SMSC does not accept this destination (${name}).`,
        );
      case 'ESME_RTHROTTLED':
      case 'ESME_RMSGQFUL':
        return new SmsUnavailableError('throttled', `The SMSC asked us to slow down (${name}).`);
      case 'ESME_RINVBNDSTS':
        // The SMSC no longer thinks we are bound: start again.
        if (session === this.#session) {
          this.#failure = new SmsUnavailableError(
            'not_bound',
            'The SMSC reported the session unbound; rebinding.',
          );
          session.destroy();
        }
        return new SmsUnavailableError('not_bound', `The SMSC reported the session unbound (${name}).`);
      default:
        this.#log.error({ status: name }, 'SMSC refused submit_sm');
        return new SmsUnavailableError('smsc_error', `The SMSC refused the message (${name}).`);
    }
  }

  #remember(messageId: string, sent: { reference: string; to: string }): void {
    this.#sent.set(messageId, sent);
    if (this.#sent.size > MAX_REMEMBERED) {
      const oldest = this.#sent.keys().next().value;
      if (oldest !== undefined) this.#sent.delete(oldest);
    }
  }

  #nextConcatReference(): number {
    this.#concatReference = (this.#concatReference + 1) % 256;
    return this.#concatReference;
  }
}
