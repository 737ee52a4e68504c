import type { SmsDeliveryStatus } from '@kabinet/core';

/** What a deliver_sm (or data_sm) carries that matters for a receipt, as node-smpp decodes it. */
export interface ReceiptPdu {
  esm_class?: unknown;
  receipted_message_id?: unknown;
  message_state?: unknown;
  short_message?: unknown;
  message_payload?: unknown;
  [field: string]: unknown;
}

export interface ParsedReceipt {
  /** The SMSC message id the receipt is about, as the SMSC wrote it. */
  messageId: string;
  status: SmsDeliveryStatus;
  errorCode?: string;
}

/** esm_class bits 2-5: message type. 0x04 = SMSC delivery receipt, 0x08 = SME delivery acknowledgement. */
const MESSAGE_TYPE_MASK = 0x3c;
const DELIVERY_RECEIPT = 0x04;
const DELIVERY_ACK = 0x08;

/** SMPP 3.4 message_state (5.3.2.35). Intermediate states are reported as unknown. */
const BY_STATE: Record<number, SmsDeliveryStatus> = {
  2: 'delivered',
  3: 'expired',
  4: 'failed', // deleted
  5: 'failed', // undeliverable
  8: 'rejected',
};

/** The `stat:` word of the receipt text (SMPP 3.4 appendix B), plus what some SMSCs write instead. */
const BY_STAT: Record<string, SmsDeliveryStatus> = {
  DELIVRD: 'delivered',
  DELIVERED: 'delivered',
  EXPIRED: 'expired',
  DELETED: 'failed',
  UNDELIV: 'failed',
  UNDELIVERABLE: 'failed',
  FAILED: 'failed',
  REJECTD: 'rejected',
  REJECTED: 'rejected',
};

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value && typeof value === 'object' && 'message' in value) return textOf(value.message);
  return undefined;
}

/**
 * Reads a delivery receipt from a deliver_sm: the receipted_message_id and message_state TLVs when the
 * SMSC sends them (they are exact), else the `id:… stat:… err:…` text of SMPP 3.4 appendix B. Returns
 * undefined for anything that is not a receipt (a message a subscriber sent to our source address).
 * The text also carries the first characters of the original message (`text:`), which may be a
 * sign-in code: it is read here and never kept or logged.
 */
export function parseDeliveryReceipt(pdu: ReceiptPdu): ParsedReceipt | undefined {
  const messageType = (typeof pdu.esm_class === 'number' ? pdu.esm_class : 0) & MESSAGE_TYPE_MASK;
  const tlvId = typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id.trim() : '';
  if (messageType !== DELIVERY_RECEIPT && messageType !== DELIVERY_ACK && tlvId === '') return undefined;

  const text = textOf(pdu.short_message) || textOf(pdu.message_payload) || '';
  const textId = /\bid:\s*([^\s]+)/i.exec(text)?.[1];
  const stat = /\bstat:\s*([A-Za-z_]+)/i.exec(text)?.[1]?.toUpperCase();
  const err = /\berr:\s*([0-9A-Za-z]+)/i.exec(text)?.[1];

  const messageId = tlvId || textId;
  if (!messageId) return undefined;
  const status =
    typeof pdu.message_state === 'number'
      ? (BY_STATE[pdu.message_state] ?? 'unknown')
      : stat
        ? (BY_STAT[stat] ?? 'unknown')
        : 'unknown';
  const receipt: ParsedReceipt = { messageId, status };
  if (err && !/^0+$/.test(err)) receipt.errorCode = err;
  return receipt;
}

/**
 * The forms one SMSC message id may take. Some SMSCs answer submit_sm with a hexadecimal id and write
 * the same id in decimal in the receipt (or the other way round); trying both lets the receipt find
 * its message.
 */
export function messageIdForms(id: string): string[] {
  const forms = [id, id.toLowerCase()];
  try {
    if (/^\d{1,30}$/.test(id)) forms.push(BigInt(id).toString(16));
    if (/^[0-9a-f]{1,24}$/i.test(id)) forms.push(BigInt(`0x${id}`).toString(10));
  } catch {
    // Not a number in either base: the id as written is all there is.
  }
  return [...new Set(forms)];
}
