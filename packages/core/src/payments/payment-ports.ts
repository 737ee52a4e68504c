import type {
  CardSummary,
  PaymentFailureReason,
  PaymentKind,
  PaymentStatus,
  ProviderPaymentState,
} from './types';

/** A payment as we keep it. */
export interface StoredPayment {
  id: number;
  accountId: number;
  lineId: number | null;
  kind: PaymentKind;
  idempotencyKey: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  failureReason: PaymentFailureReason | null;
  provider: string;
  providerPaymentId: string | null;
  /** Where the payer goes to pay (the provider's hosted page), while the payment waits for them. */
  redirectUrl: string | null;
  /** The saved card paid with, when one was chosen. */
  cardId: number | null;
  saveCard: boolean;
  card: CardSummary | null;
  receiptNumber: string | null;
  createdAt: string;
  succeededAt: string | null;
  /** The postpaid bill this payment pays; null for a top-up. */
  billId: number | null;
}

export interface NewPayment {
  accountId: number;
  lineId: number | null;
  kind: PaymentKind;
  idempotencyKey: string;
  amount: number;
  currency: string;
  provider: string;
  cardId: number | null;
  saveCard: boolean;
  billId: number | null;
  createdAt: Date;
}

export interface SavedCard extends CardSummary {
  id: number;
  accountId: number;
  provider: string;
  /** The provider's reusable token; the card number itself is never known to us. */
  token: string;
  createdAt: string;
}

export interface PaymentSettlement {
  status: Exclude<PaymentStatus, 'pending'>;
  failureReason: PaymentFailureReason | null;
  card: CardSummary | null;
  cardToken: string | null;
  at: Date;
}

/** Storage of payments; the SQL implementation lives in @kabinet/db. */
export interface PaymentStore {
  findByKey(accountId: number, idempotencyKey: string): Promise<StoredPayment | undefined>;
  /** Inserts a pending payment unless its key is taken; `created` says which. */
  insert(payment: NewPayment): Promise<{ payment: StoredPayment; created: boolean }>;
  get(paymentId: number): Promise<StoredPayment | undefined>;
  findByProviderId(provider: string, providerPaymentId: string): Promise<StoredPayment | undefined>;
  attachProvider(paymentId: number, providerPaymentId: string, redirectUrl: string | null): Promise<void>;
  /**
   * Makes a pending payment final, once: a conditional update pending → status in one transaction
   * with, on success, the ledger credit (UNIQUE per payment), the receipt, the saved card and the
   * after-credit hook. `changed` is false when the payment was already final (nothing written).
   */
  settle(
    paymentId: number,
    settlement: PaymentSettlement,
  ): Promise<{ payment: StoredPayment; changed: boolean }>;
  findCard(accountId: number, cardId: number): Promise<SavedCard | undefined>;
  /** Payments still pending that were created before `createdBefore`, oldest first. */
  listAbandoned(createdBefore: Date, limit: number): Promise<StoredPayment[]>;
}

export interface StartPaymentInput {
  paymentId: number;
  amount: number;
  currency: string;
  description: string;
  /** Where the payer comes back to after the hosted page. */
  returnUrl: string;
  saveCard: boolean;
  /** A saved card's token; absent means the payer types a card on the hosted page. */
  cardToken: string | null;
  /** Charged without the payer present (auto top-up): no page, no 3-D Secure challenge possible. */
  offSession: boolean;
}

export interface StartedPayment {
  providerPaymentId: string;
  /** The hosted page the payer must visit, or null when the provider decided at once. */
  redirectUrl: string | null;
  /** The provider's decision when it made one at once (a saved card charged). */
  state: ProviderPaymentState | null;
}

/** A card payment provider: the sandbox built in, or a real one (Stripe). */
export interface PaymentProvider {
  readonly name: string;
  startPayment(input: StartPaymentInput): Promise<StartedPayment>;
  /** Asks the provider where a payment stands (the return path and refresh use this). */
  fetchPayment(providerPaymentId: string): Promise<ProviderPaymentState>;
  /**
   * Closes a payment the payer abandoned, if it is still open at the provider, and answers its state
   * after: cancelled, or final already when the payer finished first (the provider decides the race).
   */
  cancelPayment(providerPaymentId: string): Promise<ProviderPaymentState>;
}
