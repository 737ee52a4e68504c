import { DomainError } from '../errors/domain-error';

/**
 * The port through which the domain sends SMS (sign-in codes, number-control codes, notices).
 * Adapters: SMPP 3.4 to the operator's SMSC, or a development outbox. No protocol leaks in here.
 */
export interface SmsMessage {
  /** Destination in E.164 form: `+79001234501`. */
  to: string;
  /** The text as the subscriber reads it; the adapter picks the alphabet and splits long texts. */
  text: string;
  /** Our own id for the message (e.g. the sign-in challenge id); delivery receipts carry it back. */
  reference: string;
  /**
   * How long the SMSC should keep trying to deliver. A sign-in code that arrives after it has expired
   * only confuses, so code messages pass their validity here. Unset: the SMSC's default.
   */
  validitySeconds?: number;
}

export interface SmsSendResult {
  /** The SMSC's id of the message (of its first part when the text needed several). */
  messageId: string;
  /** Every part's id in order (one element for a short text); each part gets its own receipt. */
  messageIds: readonly string[];
}

export type SmsDeliveryStatus = 'delivered' | 'failed' | 'expired' | 'rejected' | 'unknown';

export interface SmsReceipt {
  /** The SMSC's message id, as `send` returned it when this node sent the message. */
  messageId: string;
  /**
   * Our reference, when the receipt arrives on the node that sent the message. With several app nodes
   * bound to one SMSC a receipt may arrive on another node: match on `messageId` then.
   */
  reference?: string;
  status: SmsDeliveryStatus;
  /** When the receipt reached us (ISO-8601 UTC); SMSC "done date"s carry no time zone. */
  at: string;
  /** The SMSC's or network's error code from the receipt (`err:`), when it gave one other than 000. */
  errorCode?: string;
}

export type SmsReceiptListener = (receipt: SmsReceipt) => void | Promise<void>;

export interface SmsSender {
  /**
   * Hands the message to the SMSC and resolves with its id once the SMSC has accepted it (not once it
   * is delivered: that is what receipts are for). Rejects quickly with `SmsUnavailableError` when the
   * SMSC cannot take messages now, or `SmsRejectedError` when it refuses this message for good.
   */
  send(message: SmsMessage): Promise<SmsSendResult>;
  /** Stops sending, says goodbye to the SMSC (unbind) and releases the connection. */
  close(): Promise<void>;
}

export type SmsUnavailableReason =
  /** No bound SMSC session right now (connecting, connection lost, backing off before a retry). */
  | 'not_bound'
  /** The SMSC refused our credentials; an operator has to fix SMPP_SYSTEM_ID / SMPP_PASSWORD. */
  | 'bind_refused'
  /** The SMSC did not answer the submit in time; the message may or may not go out. */
  | 'timeout'
  /** The SMSC asked us to slow down (throttled, queue full). */
  | 'throttled'
  /** The SMSC answered with another error; the log names its status. */
  | 'smsc_error'
  /** The sender was closed (the server is stopping). */
  | 'closed';

/**
 * SMS cannot go out right now; trying again later may work. Maps to 503 so a subscriber is told
 * "temporarily unavailable, try again later" instead of waiting for a code that will not come.
 * `message` is what a subscriber may read; `diagnostic` (SMSC address, SMPP status) is for logs only.
 */
export class SmsUnavailableError extends DomainError {
  constructor(
    readonly reason: SmsUnavailableReason,
    readonly diagnostic: string,
  ) {
    super('unavailable', 'SMS cannot be sent right now. Please try again in a few minutes.', { reason });
    this.name = 'SmsUnavailableError';
  }
}

export type SmsRejectedReason = 'invalid_destination';

/**
 * This message can never be sent as it is (e.g. the SMSC does not accept the destination number).
 * `diagnostic` is for logs only.
 */
export class SmsRejectedError extends DomainError {
  constructor(
    readonly reason: SmsRejectedReason,
    readonly diagnostic: string,
  ) {
    super('validation_failed', 'SMS cannot be sent to this number.', { reason });
    this.name = 'SmsRejectedError';
  }
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/**
 * A number as logs may show it: the country and operator prefix and the last two digits, so that an
 * engineer can tell messages apart without the log holding anyone's full number (`+7900•••••01`).
 */
export function maskMsisdn(value: string): string {
  const digits = value.replace(/[^\d+]/g, '');
  if (digits.length < 8) return `${'•'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
  const head = digits.startsWith('+') ? 5 : 4;
  return `${digits.slice(0, head)}${'•'.repeat(digits.length - head - 2)}${digits.slice(-2)}`;
}
