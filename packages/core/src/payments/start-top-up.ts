import { DomainError } from '../errors/domain-error';
import type { PaymentProvider, PaymentStore, StoredPayment } from './payment-ports';
import { settlePayment } from './settle-payment';
import { checkTopUpAmount, type TopUpLimits } from './top-up-amount';
import type { PaymentKind } from './types';

export interface TopUpRequest {
  accountId: number;
  lineId: number;
  amount: number;
  idempotencyKey: string;
  /** Pay with this saved card instead of typing one. */
  cardId: number | null;
  saveCard: boolean;
  returnUrl: (paymentId: number) => string;
  description: string;
}

export interface StartedTopUp {
  payment: StoredPayment;
  redirectUrl: string | null;
  /** The same key was sent before: this is the first attempt's payment, nothing new was started. */
  replayed: boolean;
}

/**
 * Starts a card top-up, once per idempotency key: the same key returns the same payment (and refuses
 * a different amount or card with `idempotency_key_reused`). The amount is what is credited: there is
 * no commission. The balance is credited later, when the provider confirms.
 */
export async function startTopUp(
  deps: { store: PaymentStore; provider: PaymentProvider; limits: TopUpLimits; currency: string; now: Date },
  request: TopUpRequest,
): Promise<StartedTopUp> {
  checkTopUpAmount(request.amount, deps.limits);
  return startCardPayment(deps, { ...request, kind: 'top_up', billId: null });
}

/** What every card payment the payer starts has in common: a top-up's fields, what it is for. */
export interface CardPaymentRequest extends TopUpRequest {
  kind: Extract<PaymentKind, 'top_up' | 'bill_payment'>;
  billId: number | null;
}

/**
 * Creates the payment once per idempotency key and sends it to the provider. A replayed key answers
 * with the first payment; the same key for a different amount, card or purpose is refused.
 */
export async function startCardPayment(
  deps: { store: PaymentStore; provider: PaymentProvider; currency: string; now: Date },
  request: CardPaymentRequest,
): Promise<StartedTopUp> {
  const { store, provider } = deps;
  const card = request.cardId === null ? undefined : await store.findCard(request.accountId, request.cardId);
  if (request.cardId !== null && !card) throw new DomainError('not_found', 'No such saved card.');

  const { payment, created } = await store.insert({
    accountId: request.accountId,
    lineId: request.lineId,
    kind: request.kind,
    idempotencyKey: request.idempotencyKey,
    amount: request.amount,
    currency: deps.currency,
    provider: provider.name,
    cardId: request.cardId,
    saveCard: request.cardId === null && request.saveCard,
    billId: request.billId,
    createdAt: deps.now,
  });
  if (!created) {
    if (
      payment.amount !== request.amount ||
      payment.cardId !== request.cardId ||
      payment.kind !== request.kind ||
      payment.billId !== request.billId
    ) {
      throw new DomainError(
        'idempotency_key_reused',
        'This idempotency key was used for a different payment; use a new key for a new attempt.',
      );
    }
    // A first attempt that never reached the provider is started now; the provider's own idempotency
    // (keyed by our payment id) makes a second start of the same payment harmless.
    if (payment.providerPaymentId !== null || payment.status !== 'pending') {
      return { payment, redirectUrl: payment.redirectUrl, replayed: true };
    }
  }

  let started: Awaited<ReturnType<PaymentProvider['startPayment']>>;
  try {
    started = await provider.startPayment({
      paymentId: payment.id,
      amount: payment.amount,
      currency: payment.currency,
      description: request.description,
      returnUrl: request.returnUrl(payment.id),
      saveCard: payment.saveCard,
      cardToken: card?.token ?? null,
      offSession: false,
    });
  } catch (error) {
    throw new DomainError('unavailable', 'The payment provider did not answer; try again in a minute.', {
      cause: String(error),
    });
  }
  await store.attachProvider(payment.id, started.providerPaymentId, started.redirectUrl);
  let current: StoredPayment = {
    ...payment,
    providerPaymentId: started.providerPaymentId,
    redirectUrl: started.redirectUrl,
  };
  if (started.state) current = (await settlePayment(store, current, started.state, deps.now)).payment;
  return { payment: current, redirectUrl: started.redirectUrl, replayed: !created };
}

/**
 * Asks the provider about a pending payment and applies the answer (the return from the payment
 * page and the result screen's polling come here). A final payment is answered from storage.
 */
export async function refreshPayment(
  deps: { store: PaymentStore; provider: PaymentProvider; now: Date },
  payment: StoredPayment,
): Promise<StoredPayment> {
  if (payment.status !== 'pending' || payment.providerPaymentId === null) return payment;
  if (payment.provider !== deps.provider.name) return payment;
  let state: Awaited<ReturnType<PaymentProvider['fetchPayment']>>;
  try {
    state = await deps.provider.fetchPayment(payment.providerPaymentId);
  } catch (error) {
    throw new DomainError('unavailable', 'The payment provider did not answer; try again in a minute.', {
      cause: String(error),
    });
  }
  return (await settlePayment(deps.store, payment, state, deps.now)).payment;
}

/**
 * Closes a payment nobody finished (the payer left the payment page): first asks the provider, since
 * a lost webhook may hide a success, then cancels it there and settles what the provider answers, so a
 * payer finishing at the same moment is either credited or told the payment expired, never both.
 */
export async function expireAbandonedPayment(
  deps: { store: PaymentStore; provider: PaymentProvider; now: Date },
  payment: StoredPayment,
): Promise<StoredPayment> {
  const current = await refreshPayment(deps, payment);
  if (current.status !== 'pending') return current;
  const expired = { card: null, cardToken: null, failureReason: 'expired' as const };
  if (current.providerPaymentId === null || current.provider !== deps.provider.name) {
    return (await deps.store.settle(current.id, { status: 'cancelled', ...expired, at: deps.now })).payment;
  }
  const state = await deps.provider.cancelPayment(current.providerPaymentId);
  const final = state.status === 'pending' ? { ...state, status: 'cancelled' as const, ...expired } : state;
  return (await settlePayment(deps.store, current, final, deps.now)).payment;
}
