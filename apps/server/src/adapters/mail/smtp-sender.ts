import {
  type MailMessage,
  MailRejectedError,
  type MailSender,
  type MailSendResult,
  MailUnavailableError,
} from '@kabinet/core';
import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; may carry a password. */
  url: string;
  /** The From header: `Kabinet Mobile <no-reply@operator.example>`. */
  from: string;
  /** How long to wait for the connection, the greeting and any reply before giving up. */
  timeoutMs: number;
}

/** An SMTP reply of the 5xx class to the message is a permanent refusal; anything else may work later. */
function classify(error: unknown): MailRejectedError | MailUnavailableError {
  const e = error as { responseCode?: number; code?: string; command?: string; message?: string };
  // The reply text and the command, never the URL (it may hold the relay's password).
  const diagnostic = [
    e.code,
    e.command,
    e.responseCode,
    (e.message ?? String(error))
      .replace(/\/\/[^@/\s]*@/g, '//')
      // Relays quote the recipient in refusals; logs and the order row keep it masked at most.
      .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+)/g, '$1•••@$2'),
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
  // A refused login is our configuration, not this message: it may work once an operator fixes it.
  const permanent =
    typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH';
  if (permanent) {
    return new MailRejectedError(diagnostic);
  }
  return new MailUnavailableError(diagnostic);
}

/**
 * Mail through the operator's SMTP relay (nodemailer, a connection per mail: details are ordered a
 * few times an hour, not worth an idle pooled connection). Timeouts are short and
 * explicit: the sender runs in the details-mail job, which retries later, so a stuck relay must not
 * hold a claim for long.
 */
export class SmtpMailSender implements MailSender {
  readonly #transport: Transporter;
  readonly #from: string;
  #closed = false;

  constructor(settings: SmtpSettings) {
    this.#from = settings.from;
    this.#transport = nodemailer.createTransport({
      url: settings.url,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
      // nodemailer's own logger would print envelopes; ours logs what it decides to.
      logger: false,
      debug: false,
    });
  }

  async send(message: MailMessage): Promise<MailSendResult> {
    if (this.#closed) throw new MailUnavailableError('The mail sender is closed.');
    try {
      const info = await this.#transport.sendMail({
        from: this.#from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments.map((a) => ({
          filename: a.fileName,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
        headers: { 'X-Kabinet-Reference': message.reference },
      });
      if ((info.rejected ?? []).length > 0) throw new MailRejectedError('The relay refused the recipient.');
      return { messageId: info.messageId };
    } catch (error) {
      if (error instanceof MailRejectedError || error instanceof MailUnavailableError) throw error;
      throw classify(error);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#transport.close();
  }
}
