import type { SmsReceiptListener } from '@kabinet/core';
import { OutboxSmsSender } from './outbox-sender';
import { type SmppSettings, SmppSmsSender, type SmsLog } from './smpp-sender';

export { type OutboxMessage, OutboxSmsSender } from './outbox-sender';
export { type SmppSettings, SmppSmsSender, type SmppState, type SmsLog } from './smpp-sender';

export interface SmsSenderOptions {
  nodeEnv: string;
  /** The SMSC; unset sends to the development outbox (which refuses production). */
  smpp?: SmppSettings;
  log: SmsLog;
  /** Told about every delivery receipt. */
  onReceipt?: SmsReceiptListener;
}

/**
 * The SMS sender for this configuration: SMPP when an SMSC host is configured, else the development
 * outbox. The outbox throws in production, so a production server without SMPP_HOST does not start.
 */
export function createSmsSender(options: SmsSenderOptions): SmppSmsSender | OutboxSmsSender {
  const { smpp, log, onReceipt } = options;
  if (smpp?.host) return new SmppSmsSender({ ...smpp, log, ...(onReceipt ? { onReceipt } : {}) });
  return new OutboxSmsSender({ nodeEnv: options.nodeEnv, ...(onReceipt ? { onReceipt } : {}) });
}
