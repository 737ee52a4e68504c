import {
  type AutoTopUpReport,
  type AutoTopUpStore,
  DomainError,
  expireAbandonedPayment,
  type PaymentProvider,
  type ProviderPaymentState,
  refreshPayment,
  runAutoTopUps,
  type SettleOutcome,
  type StartedTopUp,
  type StoredPayment,
  settlePayment,
  startBillPayment,
  startTopUp,
} from '@kabinet/core';
import { type AfterTopUpCredited, type Database, findPayableBill, sqlPaymentStore } from '@kabinet/db';
import type { Config } from '../config';
import { type SandboxLog, SandboxProvider } from './sandbox-provider';
import { StripeProvider } from './stripe-provider';
import { verifyWebhook } from './webhook-signature';

const STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'];

export interface WebhookResult {
  outcome: SettleOutcome['outcome'] | 'ignored';
  paymentId: number | null;
}

/**
 * Card payments as the routes and the job use them: the configured provider, the payment store (with
 * the after-credit hook the composition root passes in), and the rules from @kabinet/core.
 */
export class PaymentService {
  readonly provider: PaymentProvider;
  readonly sandbox: SandboxProvider | undefined;
  readonly stripe: StripeProvider | undefined;
  readonly store: AutoTopUpStore;

  constructor(
    private readonly deps: {
      config: Config;
      database: Database;
      log: SandboxLog;
      afterCredit?: AfterTopUpCredited;
      now?: () => Date;
    },
  ) {
    const { payments } = deps.config;
    this.store = sqlPaymentStore(deps.database.db, { afterCredit: deps.afterCredit });
    if (payments.provider === 'stripe') {
      this.stripe = new StripeProvider(
        payments.stripeSecretKey!,
        payments.stripeWebhookSecret!,
        payments.webhookToleranceSeconds,
      );
      this.provider = this.stripe;
    } else {
      this.sandbox = new SandboxProvider({
        db: deps.database.db,
        publicUrl: deps.config.publicUrl,
        webhookSecret: payments.webhookSecret,
        webhookUrl: payments.sandboxWebhookUrl,
        log: deps.log,
        now: deps.now,
      });
      this.provider = this.sandbox;
    }
  }

  /** The app's result screen the payer comes back to; with a bill, it speaks of the bill. */
  private resultUrl(msisdn: string, paymentId: number, billNumber?: string): string {
    const bill = billNumber === undefined ? '' : `&bill=${encodeURIComponent(billNumber)}`;
    return `${this.deps.config.publicUrl}/top-up/result?line=${encodeURIComponent(msisdn)}&payment=${paymentId}${bill}`;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  startTopUp(
    line: { id: number; accountId: number; msisdn: string },
    request: { amount: number; idempotencyKey: string; cardId: number | null; saveCard: boolean },
  ): Promise<StartedTopUp> {
    const { config } = this.deps;
    return startTopUp(
      {
        store: this.store,
        provider: this.provider,
        limits: { min: config.payments.topUpMin, max: config.payments.topUpMax },
        currency: config.currency,
        now: this.now(),
      },
      {
        accountId: line.accountId,
        lineId: line.id,
        amount: request.amount,
        idempotencyKey: request.idempotencyKey,
        cardId: request.cardId,
        saveCard: request.saveCard,
        returnUrl: (paymentId) => this.resultUrl(line.msisdn, paymentId),
        description: `${config.operatorName}: top-up of ${line.msisdn}`,
      },
    );
  }

  /** Starts paying one of the account's postpaid bills by card; see startBillPayment in @kabinet/core. */
  startBillPayment(
    line: { id: number; accountId: number; msisdn: string },
    request: {
      billNumber: string;
      amount: number | null;
      idempotencyKey: string;
      cardId: number | null;
      saveCard: boolean;
    },
  ): Promise<StartedTopUp> {
    const { config, database } = this.deps;
    return startBillPayment(
      {
        store: this.store,
        provider: this.provider,
        bills: { findBill: (accountId, number) => findPayableBill(database.db, accountId, number) },
        currency: config.currency,
        now: this.now(),
      },
      {
        ...request,
        accountId: line.accountId,
        lineId: line.id,
        returnUrl: (paymentId) => this.resultUrl(line.msisdn, paymentId, request.billNumber),
        description: `${config.operatorName}: bill ${request.billNumber}`,
      },
    );
  }

  /** A payment of this account, or not_found (another account's payment is not there for you). */
  async paymentOf(accountId: number, paymentId: number): Promise<StoredPayment> {
    const payment = await this.store.get(paymentId);
    if (!payment || payment.accountId !== accountId) throw new DomainError('not_found', 'No such payment.');
    return payment;
  }

  refresh(payment: StoredPayment): Promise<StoredPayment> {
    return refreshPayment({ store: this.store, provider: this.provider, now: this.now() }, payment);
  }

  /** A sandbox webhook: signature first (400 and nothing done when it fails), then the state in it. */
  async sandboxWebhook(rawBody: string, signature: string | undefined): Promise<WebhookResult> {
    if (!this.sandbox) throw new DomainError('not_found', 'The sandbox provider is not in use.');
    const now = this.now();
    verifyWebhook(
      this.deps.config.payments.webhookSecret,
      signature,
      rawBody,
      now,
      this.deps.config.payments.webhookToleranceSeconds,
    );
    const state = parseSandboxEvent(rawBody);
    return this.apply(state, now);
  }

  async stripeWebhook(rawBody: string, signature: string | undefined): Promise<WebhookResult> {
    if (!this.stripe) throw new DomainError('not_found', 'Stripe is not the payment provider in use.');
    const now = this.now();
    let state = await this.stripe.parseWebhook(rawBody, signature, now);
    if (!state) return { outcome: 'ignored', paymentId: null };
    const payment = await this.store.findByProviderId('stripe', state.providerPaymentId);
    // A card to save is only described in full by asking Stripe (the event names its payment method).
    if (payment?.saveCard && state.status === 'succeeded' && state.cardToken === null) {
      state = await this.stripe.fetchPayment(state.providerPaymentId).catch(() => state!);
    }
    return this.apply(state, now);
  }

  private async apply(state: ProviderPaymentState, now: Date): Promise<WebhookResult> {
    const payment = await this.store.findByProviderId(this.provider.name, state.providerPaymentId);
    if (!payment) return { outcome: 'ignored', paymentId: null };
    const result = await settlePayment(this.store, payment, state, now);
    return { outcome: result.outcome, paymentId: payment.id };
  }

  runAutoTopUps(now = this.now()): Promise<AutoTopUpReport> {
    return runAutoTopUps({
      store: this.store,
      provider: this.provider,
      currency: this.deps.config.currency,
      timeZone: this.deps.config.billingTimeZone,
      now,
    });
  }

  /**
   * Closes payments left pending longer than PAYMENT_PENDING_TIMEOUT_MINUTES (the payer left the
   * payment page). Returns how many became final; one that fails is tried again next run.
   */
  async expireAbandoned(now = this.now()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.deps.config.payments.pendingTimeoutMinutes * 60_000);
    let closed = 0;
    for (const payment of await this.store.listAbandoned(cutoff, 100)) {
      try {
        const after = await expireAbandonedPayment(
          { store: this.store, provider: this.provider, now },
          payment,
        );
        if (after.status !== 'pending') closed += 1;
      } catch (error) {
        this.deps.log.warn(
          { payment: payment.id, err: String(error) },
          'abandoned payment not closed; next run retries',
        );
      }
    }
    return closed;
  }

  close(): void {
    this.sandbox?.close();
  }
}

/** The state inside a verified sandbox event; a body that is not one is refused as invalid. */
function parseSandboxEvent(rawBody: string): ProviderPaymentState {
  let data: Partial<ProviderPaymentState> | undefined;
  try {
    data = (JSON.parse(rawBody) as { data?: Partial<ProviderPaymentState> }).data;
  } catch {
    data = undefined;
  }
  if (
    !data ||
    typeof data.providerPaymentId !== 'string' ||
    !STATUSES.includes(String(data.status)) ||
    !Number.isSafeInteger(data.amount) ||
    typeof data.currency !== 'string'
  ) {
    throw new DomainError('validation_failed', 'The webhook body is not a payment event.');
  }
  return {
    providerPaymentId: data.providerPaymentId,
    status: data.status!,
    amount: data.amount!,
    currency: data.currency,
    failureReason: data.failureReason ?? null,
    card: data.card ?? null,
    cardToken: data.cardToken ?? null,
  };
}
