import { DomainError } from '../errors/domain-error';

/**
 * The port through which the domain sends e-mail (itemized details ordered to an address). Adapters:
 * SMTP to the operator's mail relay, or a development outbox. No protocol leaks in here.
 */
export interface MailAttachment {
  /** The file name the recipient sees, e.g. `details-79000000001-2026-11-01-2026-11-26.csv`. */
  fileName: string;
  /** MIME type with parameters: `text/csv; charset=utf-8`, `application/pdf`. */
  contentType: string;
  content: Uint8Array;
}

export interface MailMessage {
  /** One recipient address (`isEmailAddress`). */
  to: string;
  subject: string;
  /** Plain text body. */
  text: string;
  attachments: readonly MailAttachment[];
  /** Our own id for the message (e.g. `details-order-42`), for logs and the development outbox. */
  reference: string;
}

export interface MailSendResult {
  /** The relay's (or the outbox's) id of the message. */
  messageId: string;
}

export interface MailSender {
  /**
   * Hands the message to the mail relay and resolves once the relay has accepted it (not once it is
   * delivered). Rejects with `MailUnavailableError` when the relay cannot take it now (trying later may
   * work) or `MailRejectedError` when it refuses this message for good (e.g. the recipient).
   */
  send(message: MailMessage): Promise<MailSendResult>;
  close(): Promise<void>;
}

/** The relay cannot take mail now; `diagnostic` (host, SMTP reply) is for logs only. */
export class MailUnavailableError extends DomainError {
  constructor(readonly diagnostic: string) {
    super('unavailable', 'E-mail cannot be sent right now. Please try again later.');
    this.name = 'MailUnavailableError';
  }
}

/** The relay refused this message for good (a 5xx SMTP reply); `diagnostic` is for logs only. */
export class MailRejectedError extends DomainError {
  constructor(readonly diagnostic: string) {
    super('validation_failed', 'This e-mail cannot be delivered to that address.');
    this.name = 'MailRejectedError';
  }
}

/**
 * What we accept as an address to send to: one mailbox `local@domain.tld`, printable ASCII without
 * spaces, quotes, angle brackets or commas (so it can never smuggle a second recipient or a header),
 * at most 254 characters (RFC 5321), a domain with a dot and labels of letters, digits and hyphens.
 */
export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/.test(local)) return false;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

/**
 * An address as logs and other people's screens may show it: the first character of the mailbox and
 * the whole domain (`a•••@example.com`), enough to tell which address without disclosing it.
 */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${value[0]}•••@${value.slice(at + 1)}`;
}
