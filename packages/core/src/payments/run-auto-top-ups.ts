import { localDateOf, startOfLocalDate } from '../time/zoned';
import { type AutoTopUpSettings, decideAutoTopUp } from './decide-auto-top-up';
import type { PaymentProvider, PaymentStore } from './payment-ports';
import { settlePayment } from './settle-payment';

export interface AutoTopUpCandidate {
  accountId: number;
  /** The account owner's line, which the payment is shown on. */
  lineId: number | null;
  balance: number;
  settings: AutoTopUpSettings;
  card: { id: number; token: string; provider: string };
}

export interface AutoTopUpStore extends PaymentStore {
  /** Accounts with auto top-up switched on and a saved card. */
  listAutoTopUps(): Promise<AutoTopUpCandidate[]>;
  /** This account's auto top-ups since `monthStart`: their keys, and what pending or succeeded ones took. */
  autoTopUpHistory(
    accountId: number,
    since: { dayStart: Date; monthStart: Date },
  ): Promise<{ keys: Set<string>; takenToday: number; takenThisMonth: number }>;
}

export interface AutoTopUpReport {
  charged: number;
  failed: number;
  skipped: number;
}

/**
 * One auto top-up run: for each account decide (decideAutoTopUp), claim the trigger by inserting the
 * payment under the trigger's key (UNIQUE per account: a node that loses the insert does nothing), then
 * charge the saved card off-session and settle the answer through the same once-only path as any
 * top-up. A card that needs the payer (3-D Secure) fails with `authentication_required`.
 */
export async function runAutoTopUps(deps: {
  store: AutoTopUpStore;
  provider: PaymentProvider;
  currency: string;
  timeZone: string;
  now: Date;
}): Promise<AutoTopUpReport> {
  const { store, provider, now, timeZone } = deps;
  const report: AutoTopUpReport = { charged: 0, failed: 0, skipped: 0 };
  const today = localDateOf(now, timeZone);
  const dayStart = startOfLocalDate(today, timeZone);
  const monthStart = startOfLocalDate({ ...today, day: 1 }, timeZone);

  for (const candidate of await store.listAutoTopUps()) {
    if (candidate.card.provider !== provider.name) {
      report.skipped += 1;
      continue;
    }
    const history = await store.autoTopUpHistory(candidate.accountId, { dayStart, monthStart });
    const decision = decideAutoTopUp({
      settings: candidate.settings,
      balance: candidate.balance,
      now,
      timeZone,
      usedKeys: history.keys,
      takenToday: history.takenToday,
      takenThisMonth: history.takenThisMonth,
    });
    if (!decision.charge) {
      report.skipped += 1;
      continue;
    }
    const { payment, created } = await store.insert({
      accountId: candidate.accountId,
      lineId: candidate.lineId,
      kind: 'auto_top_up',
      idempotencyKey: decision.idempotencyKey,
      amount: decision.amount,
      currency: deps.currency,
      provider: provider.name,
      cardId: candidate.card.id,
      saveCard: false,
      billId: null,
      createdAt: now,
    });
    if (!created) {
      report.skipped += 1;
      continue;
    }
    try {
      const started = await provider.startPayment({
        paymentId: payment.id,
        amount: payment.amount,
        currency: payment.currency,
        description: `Auto top-up (${decision.trigger})`,
        returnUrl: '',
        saveCard: false,
        cardToken: candidate.card.token,
        offSession: true,
      });
      await store.attachProvider(payment.id, started.providerPaymentId, null);
      const state = started.state ?? (await provider.fetchPayment(started.providerPaymentId));
      const settled = await settlePayment(
        store,
        { ...payment, providerPaymentId: started.providerPaymentId },
        state.status === 'pending'
          ? { ...state, status: 'failed', failureReason: 'authentication_required' }
          : state,
        now,
      );
      if (settled.payment.status === 'succeeded') report.charged += 1;
      else report.failed += 1;
    } catch {
      await store.settle(payment.id, {
        status: 'failed',
        failureReason: 'provider_error',
        card: null,
        cardToken: null,
        at: now,
      });
      report.failed += 1;
    }
  }
  return report;
}
