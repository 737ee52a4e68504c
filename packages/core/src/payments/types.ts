/** Where a payment is in its life. Only `pending` may change; the other three are final. */
export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

/** Why a payment did not go through, in the words shown to the subscriber (translated by code). */
export type PaymentFailureReason =
  | 'card_declined'
  | 'insufficient_funds'
  | 'authentication_failed'
  | 'authentication_required'
  | 'expired_card'
  | 'cancelled_by_payer'
  | 'expired'
  | 'provider_error';

export const PAYMENT_FAILURE_REASONS: readonly PaymentFailureReason[] = [
  'card_declined',
  'insufficient_funds',
  'authentication_failed',
  'authentication_required',
  'expired_card',
  'cancelled_by_payer',
  'expired',
  'provider_error',
];

/**
 * What a card payment is for: a top-up by the subscriber on the payment page, one by the auto top-up
 * job off-session, or the payment of a postpaid bill.
 */
export type PaymentKind = 'top_up' | 'auto_top_up' | 'bill_payment';

/** What a card may be shown as: never more than brand, last four digits and expiry. */
export interface CardSummary {
  brand: string;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
}

/** The provider's word on a payment, from a webhook or from asking it. */
export interface ProviderPaymentState {
  providerPaymentId: string;
  status: PaymentStatus;
  /** What the provider says it took, to be checked against what we asked for. */
  amount: number;
  currency: string;
  failureReason: PaymentFailureReason | null;
  card: CardSummary | null;
  /** A reusable token for the card, when the payer agreed to save it. */
  cardToken: string | null;
}
