import type { PaymentStore, StoredPayment } from './payment-ports';
import { paymentTransition } from './payment-state';
import type { ProviderPaymentState } from './types';

export type SettleOutcome =
  | { outcome: 'settled'; payment: StoredPayment }
  | { outcome: 'unchanged'; payment: StoredPayment }
  | { outcome: 'mismatch'; payment: StoredPayment };

/**
 * Applies the provider's word on a payment, from whichever path brings it first (webhook, return,
 * refresh). Only pending → final moves, and the store makes that move conditional, so a replayed,
 * late or racing report credits nothing a second time. A report whose amount or currency is not what
 * we asked for is never credited.
 */
export async function settlePayment(
  store: PaymentStore,
  payment: StoredPayment,
  state: ProviderPaymentState,
  now: Date,
): Promise<SettleOutcome> {
  if (
    state.status === 'succeeded' &&
    (state.amount !== payment.amount || state.currency !== payment.currency)
  ) {
    return { outcome: 'mismatch', payment };
  }
  if (!paymentTransition(payment.status, state.status).change) return { outcome: 'unchanged', payment };
  const result = await store.settle(payment.id, {
    status: state.status === 'pending' ? 'failed' : state.status,
    failureReason: state.status === 'succeeded' ? null : (state.failureReason ?? 'provider_error'),
    card: state.card,
    cardToken: payment.saveCard ? state.cardToken : null,
    at: now,
  });
  return { outcome: result.changed ? 'settled' : 'unchanged', payment: result.payment };
}
