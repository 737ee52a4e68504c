import { randomUUID } from 'node:crypto';
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
import { encodeSmsText } from './sms-text';

export interface OutboxMessage {
  messageId: string;
  to: string;
  text: string;
  reference: string;
  /** When it was "sent" (ISO-8601 UTC). */
  at: string;
  /** How the SMPP adapter would send it: alphabet and number of parts, to catch texts that grew long. */
  encoding: 'gsm7' | 'ucs2';
  parts: number;
}

export interface OutboxSenderOptions {
  nodeEnv: string;
  /** How many recent messages are kept. Default 100. */
  capacity?: number;
  /** Where the one line per message goes. Default: standard output. */
  print?: (line: string) => void;
  /** Told `delivered` right after each send, like an SMSC that delivers at once. */
  onReceipt?: SmsReceiptListener;
}

/**
 * The development SMS outbox: nothing leaves the machine; the last messages are kept in memory, listed
 * at /dev/outbox, and printed on the console with their text, because reading the code is the point in
 * development. It refuses production, where it would swallow every subscriber's sign-in code.
 */
export class OutboxSmsSender implements SmsSender {
  readonly #messages: OutboxMessage[] = [];
  readonly #capacity: number;
  readonly #print: (line: string) => void;
  readonly #onReceipt: SmsReceiptListener | undefined;
  readonly #pendingReceipts = new Set<NodeJS.Immediate>();
  #closed = false;

  constructor(options: OutboxSenderOptions) {
    if (options.nodeEnv === 'production') {
      throw new Error('the development SMS outbox cannot run in production: configure SMPP_HOST');
    }
    this.#capacity = options.capacity ?? 100;
    this.#print = options.print ?? ((line) => process.stdout.write(`${line}\n`));
    this.#onReceipt = options.onReceipt;
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    if (this.#closed) throw new SmsUnavailableError('closed', 'The SMS sender is closed.');
    if (!isE164(message.to)) {
      throw new SmsRejectedError(
        'invalid_destination',
        'An SMS destination must be an E.164 number (+79001234501).',
      );
    }
    const encoded = encodeSmsText(message.text);
    const entry: OutboxMessage = {
      messageId: `outbox-${randomUUID()}`,
      to: message.to,
      text: message.text,
      reference: message.reference,
      at: new Date().toISOString(),
      encoding: encoded.dataCoding === 8 ? 'ucs2' : 'gsm7',
      parts: encoded.parts.length,
    };
    this.#messages.push(entry);
    if (this.#messages.length > this.#capacity) this.#messages.shift();
    this.#print(`[dev SMS outbox] to ${maskMsisdn(message.to)} (ref ${message.reference}): ${message.text}`);

    const listener = this.#onReceipt;
    if (listener) {
      const handle = setImmediate(() => {
        this.#pendingReceipts.delete(handle);
        void Promise.resolve()
          .then(() =>
            listener({
              messageId: entry.messageId,
              reference: entry.reference,
              status: 'delivered',
              at: new Date().toISOString(),
            }),
          )
          .catch((error: unknown) =>
            this.#print(
              `[dev SMS outbox] recording the receipt of ${entry.messageId} failed: ${String(error)}`,
            ),
          );
      });
      this.#pendingReceipts.add(handle);
    }
    return { messageId: entry.messageId, messageIds: [entry.messageId] };
  }

  /** Recent messages, newest first. */
  list(): OutboxMessage[] {
    return this.#messages.toReversed();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const handle of this.#pendingReceipts) clearImmediate(handle);
    this.#pendingReceipts.clear();
  }
}
