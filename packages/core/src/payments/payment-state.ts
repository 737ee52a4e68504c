import type { PaymentStatus } from './types';

/**
 * What a provider report does to a payment. Only a pending payment moves; a final payment never
 * changes again, so a replayed, late or out-of-order report (a "failed" arriving after "succeeded")
 * is harmless. A report that it is still pending changes nothing.
 */
export function paymentTransition(
  current: PaymentStatus,
  reported: PaymentStatus,
): { change: false } | { change: true; to: Exclude<PaymentStatus, 'pending'> } {
  if (current !== 'pending' || reported === 'pending') return { change: false };
  return { change: true, to: reported };
}

export function isFinal(status: PaymentStatus): boolean {
  return status !== 'pending';
}
