import { randomUUID } from 'node:crypto';
import {
  isEmailAddress,
  type MailMessage,
  MailRejectedError,
  type MailSender,
  type MailSendResult,
  MailUnavailableError,
  maskEmail,
} from '@kabinet/core';

export interface OutboxMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  reference: string;
  /** When it was "sent" (ISO-8601 UTC). */
  at: string;
  attachments: { fileName: string; contentType: string; content: Buffer }[];
}

export interface OutboxMailOptions {
  nodeEnv: string;
  from: string;
  /** How many recent mails are kept (with their attachments). Default 30. */
  capacity?: number;
  /** Where the one line per mail goes. Default: standard output. */
  print?: (line: string) => void;
}

/**
 * The development mail outbox: nothing leaves the machine; the last mails are kept in memory with
 * their attachments and listed at /dev/mail. The console line names only the masked recipient, the
 * subject and the files, never the body or the files' content (itemized details are private). It
 * refuses production, where it would swallow every subscriber's mail.
 */
export class OutboxMailSender implements MailSender {
  readonly #mails: OutboxMail[] = [];
  readonly #capacity: number;
  readonly #print: (line: string) => void;
  readonly #from: string;
  #closed = false;

  constructor(options: OutboxMailOptions) {
    if (options.nodeEnv === 'production') {
      throw new Error('the development mail outbox cannot run in production: configure SMTP_URL');
    }
    this.#capacity = options.capacity ?? 30;
    this.#print = options.print ?? ((line) => process.stdout.write(`${line}\n`));
    this.#from = options.from;
  }

  async send(message: MailMessage): Promise<MailSendResult> {
    if (this.#closed) throw new MailUnavailableError('The mail sender is closed.');
    if (!isEmailAddress(message.to)) throw new MailRejectedError('The recipient is not an e-mail address.');
    const mail: OutboxMail = {
      messageId: `outbox-${randomUUID()}`,
      from: this.#from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      reference: message.reference,
      at: new Date().toISOString(),
      attachments: message.attachments.map((a) => ({
        fileName: a.fileName,
        contentType: a.contentType,
        content: Buffer.from(a.content),
      })),
    };
    this.#mails.push(mail);
    if (this.#mails.length > this.#capacity) this.#mails.shift();
    const files = mail.attachments.map((a) => `${a.fileName} (${a.content.length} B)`).join(', ');
    this.#print(
      `[dev mail outbox] to ${maskEmail(message.to)} (ref ${message.reference}): "${message.subject}"${files ? `; ${files}` : ''}`,
    );
    return { messageId: mail.messageId };
  }

  /** Recent mails, newest first. */
  list(): OutboxMail[] {
    return this.#mails.toReversed();
  }

  find(messageId: string): OutboxMail | undefined {
    return this.#mails.find((m) => m.messageId === messageId);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
