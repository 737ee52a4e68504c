import {
  type AutoTopUpCandidate,
  type AutoTopUpSettings,
  type AutoTopUpStore,
  type PaymentFailureReason,
  type PaymentKind,
  type PaymentSettlement,
  type PaymentStatus,
  receiptNumberOf,
  type SavedCard,
  type StoredPayment,
} from '@kabinet/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, PaymentCardsTable, PaymentsTable } from '../schema';
import { applyCardPaymentToBill } from './bill-repository';
import { inTransaction, lockAccounts, postMoney } from './ledger-repository';

type Db = Kysely<DB> | Transaction<DB>;

/** A top-up just credited, as the after-credit hook sees it (inside the crediting transaction). */
export interface CreditedTopUp {
  paymentId: number;
  accountId: number;
  lineId: number | null;
  amount: number;
  balanceAfter: number;
  at: string;
}

/**
 * Runs inside the transaction that credits a top-up, after the ledger credit: e.g. repaying a promised
 * payment from the money just arrived. Throwing rolls the credit back (the payment stays pending and
 * the next report tries again). A bill's payment does not run it: that money pays the bill.
 */
export type AfterTopUpCredited = (trx: Transaction<DB>, credit: CreditedTopUp) => Promise<void>;

function storedPayment(row: Selectable<PaymentsTable>): StoredPayment {
  return {
    id: row.id,
    accountId: row.account_id,
    lineId: row.line_id,
    kind: row.kind as PaymentKind,
    idempotencyKey: row.idempotency_key,
    amount: row.amount,
    currency: row.currency,
    status: row.status as PaymentStatus,
    failureReason: row.failure_reason as PaymentFailureReason | null,
    provider: row.provider,
    providerPaymentId: row.provider_payment_id,
    redirectUrl: row.redirect_url,
    cardId: row.card_id,
    saveCard: row.save_card === 1,
    card:
      row.card_last4 === null
        ? null
        : { brand: row.card_brand ?? 'card', last4: row.card_last4, expMonth: null, expYear: null },
    receiptNumber: row.receipt_number,
    createdAt: row.created_at,
    succeededAt: row.succeeded_at,
    billId: row.bill_id,
  };
}

function savedCard(row: Selectable<PaymentCardsTable>): SavedCard {
  return {
    id: row.id,
    accountId: row.account_id,
    provider: row.provider,
    token: row.token,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.exp_month,
    expYear: row.exp_year,
    createdAt: row.created_at,
  };
}

export async function findPayment(db: Db, paymentId: number): Promise<StoredPayment | undefined> {
  const row = await db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  return row ? storedPayment(row) : undefined;
}

async function findByKey(db: Db, accountId: number, key: string): Promise<StoredPayment | undefined> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row ? storedPayment(row) : undefined;
}

/** The payment storage used by the payment use cases in @kabinet/core. */
export function sqlPaymentStore(
  db: Kysely<DB>,
  options: { afterCredit?: AfterTopUpCredited } = {},
): AutoTopUpStore {
  return {
    findByKey: (accountId, key) => findByKey(db, accountId, key),
    get: (paymentId) => findPayment(db, paymentId),

    async insert(p) {
      const at = p.createdAt.toISOString();
      const row = await db
        .insertInto('payments')
        .values({
          account_id: p.accountId,
          line_id: p.lineId,
          kind: p.kind,
          idempotency_key: p.idempotencyKey,
          amount: p.amount,
          currency: p.currency,
          status: 'pending',
          failure_reason: null,
          provider: p.provider,
          provider_payment_id: null,
          redirect_url: null,
          card_id: p.cardId,
          save_card: p.saveCard ? 1 : 0,
          card_brand: null,
          card_last4: null,
          receipt_number: null,
          created_at: at,
          updated_at: at,
          succeeded_at: null,
          bill_id: p.billId,
        })
        .onConflict((oc) => oc.columns(['account_id', 'idempotency_key']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return { payment: storedPayment(row), created: true };
      const existing = await findByKey(db, p.accountId, p.idempotencyKey);
      if (!existing) throw new Error('payment key conflict without a row');
      return { payment: existing, created: false };
    },

    async findByProviderId(provider, providerPaymentId) {
      const row = await db
        .selectFrom('payments')
        .selectAll()
        .where('provider', '=', provider)
        .where('provider_payment_id', '=', providerPaymentId)
        .executeTakeFirst();
      return row ? storedPayment(row) : undefined;
    },

    async attachProvider(paymentId, providerPaymentId, redirectUrl) {
      await db
        .updateTable('payments')
        .set({ provider_payment_id: providerPaymentId, redirect_url: redirectUrl })
        .where('id', '=', paymentId)
        .where('provider_payment_id', 'is', null)
        .execute();
    },

    settle: (paymentId, settlement) => settlePaymentRow(db, paymentId, settlement, options.afterCredit),

    async findCard(accountId, cardId) {
      const row = await db
        .selectFrom('payment_cards')
        .selectAll()
        .where('id', '=', cardId)
        .where('account_id', '=', accountId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      return row ? savedCard(row) : undefined;
    },

    async listAbandoned(createdBefore, limit) {
      const rows = await db
        .selectFrom('payments')
        .selectAll()
        .where('status', '=', 'pending')
        .where('created_at', '<', createdBefore.toISOString())
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(storedPayment);
    },

    async listAutoTopUps(): Promise<AutoTopUpCandidate[]> {
      const rows = await db
        .selectFrom('auto_top_ups')
        .innerJoin('accounts', 'accounts.id', 'auto_top_ups.account_id')
        .innerJoin('payment_cards', 'payment_cards.id', 'auto_top_ups.card_id')
        .select([
          'auto_top_ups.account_id',
          'auto_top_ups.amount',
          'auto_top_ups.threshold',
          'auto_top_ups.monthly_day',
          'auto_top_ups.daily_limit',
          'auto_top_ups.monthly_limit',
          'accounts.balance',
          'accounts.owner_line_id',
          'payment_cards.id as card_id',
          'payment_cards.token',
          'payment_cards.provider',
        ])
        .where('auto_top_ups.enabled', '=', 1)
        .where('payment_cards.removed_at', 'is', null)
        .where('accounts.status', '=', 'active')
        .orderBy('auto_top_ups.account_id')
        .execute();
      return rows.map((r) => ({
        accountId: r.account_id,
        lineId: r.owner_line_id,
        balance: r.balance,
        settings: {
          enabled: true,
          amount: r.amount,
          threshold: r.threshold,
          monthlyDay: r.monthly_day,
          dailyLimit: r.daily_limit,
          monthlyLimit: r.monthly_limit,
        },
        card: { id: r.card_id, token: r.token, provider: r.provider },
      }));
    },

    async autoTopUpHistory(accountId, since) {
      const rows = await db
        .selectFrom('payments')
        .select(['idempotency_key', 'amount', 'status', 'created_at'])
        .where('account_id', '=', accountId)
        .where('kind', '=', 'auto_top_up')
        .where('created_at', '>=', since.monthStart.toISOString())
        .execute();
      const dayStart = since.dayStart.toISOString();
      let takenToday = 0;
      let takenThisMonth = 0;
      for (const r of rows) {
        if (r.status !== 'pending' && r.status !== 'succeeded') continue;
        takenThisMonth += r.amount;
        if (r.created_at >= dayStart) takenToday += r.amount;
      }
      return { keys: new Set(rows.map((r) => r.idempotency_key)), takenToday, takenThisMonth };
    },
  };
}

/**
 * The one place a payment becomes final. The account is locked first (the order every money writer
 * uses), then one conditional UPDATE moves the payment out of `pending`; only the caller that wins it
 * writes the ledger credit, so the webhook, the return and a refresh racing on several nodes credit
 * once. The ledger's UNIQUE (reference_type 'payment', reference_id) index backs this up.
 */
async function settlePaymentRow(
  db: Kysely<DB>,
  paymentId: number,
  s: PaymentSettlement,
  afterCredit: AfterTopUpCredited | undefined,
): Promise<{ payment: StoredPayment; changed: boolean }> {
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom('payments')
      .select('account_id')
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    await lockAccounts(trx, [current.account_id]);
    const at = s.at.toISOString();
    const succeeded = s.status === 'succeeded';
    const row = await trx
      .updateTable('payments')
      .set({
        status: s.status,
        failure_reason: succeeded ? null : s.failureReason,
        ...(s.card ? { card_brand: s.card.brand, card_last4: s.card.last4 } : {}),
        receipt_number: succeeded ? receiptNumberOf(paymentId, s.at) : null,
        succeeded_at: succeeded ? at : null,
        updated_at: at,
      })
      .where('id', '=', paymentId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const unchanged = await trx
        .selectFrom('payments')
        .selectAll()
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow();
      return { payment: storedPayment(unchanged), changed: false };
    }
    if (succeeded) {
      const balanceAfter = await postMoney(trx, {
        accountId: row.account_id,
        lineId: row.line_id,
        kind: row.kind,
        amount: row.amount,
        referenceType: 'payment',
        referenceId: String(row.id),
        at,
      });
      if (balanceAfter === null) throw new Error(`account ${row.account_id} refused a credit`);
      if (s.cardToken && s.card && row.save_card === 1) {
        await trx
          .insertInto('payment_cards')
          .values({
            account_id: row.account_id,
            provider: row.provider,
            token: s.cardToken,
            brand: s.card.brand,
            last4: s.card.last4,
            exp_month: s.card.expMonth,
            exp_year: s.card.expYear,
            created_at: at,
            removed_at: null,
          })
          .onConflict((oc) => oc.columns(['provider', 'token']).doNothing())
          .execute();
      }
      if (row.bill_id !== null) {
        await applyCardPaymentToBill(trx, row.bill_id, row.id, row.amount, at);
      } else {
        await afterCredit?.(trx, {
          paymentId: row.id,
          accountId: row.account_id,
          lineId: row.line_id,
          amount: row.amount,
          balanceAfter,
          at,
        });
      }
    }
    return { payment: storedPayment(row), changed: true };
  });
}

/** An account's payments, newest first, `limit` at a time before the payment id `before`. */
export async function listPayments(
  db: Kysely<DB>,
  accountId: number,
  options: { limit: number; before?: number | undefined },
): Promise<StoredPayment[]> {
  let query = db.selectFrom('payments').selectAll().where('account_id', '=', accountId);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(storedPayment);
}

/** The cards an account saved and has not removed, oldest first. */
export async function listSavedCards(db: Kysely<DB>, accountId: number): Promise<SavedCard[]> {
  const rows = await db
    .selectFrom('payment_cards')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(savedCard);
}

/**
 * Forgets a saved card (the row stays, as payments refer to it). Auto top-up that used it is switched
 * off in the same transaction, since it could no longer charge. Returns false for a card not on the account.
 */
export async function removeSavedCard(
  db: Kysely<DB>,
  accountId: number,
  cardId: number,
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('payment_cards')
      .set({ removed_at: now.toISOString() })
      .where('id', '=', cardId)
      .where('account_id', '=', accountId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await trx
      .updateTable('auto_top_ups')
      .set({ enabled: 0, card_id: null, updated_at: now.toISOString() })
      .where('account_id', '=', accountId)
      .where('card_id', '=', cardId)
      .execute();
    return true;
  });
}

export interface StoredAutoTopUp extends AutoTopUpSettings {
  cardId: number | null;
  updatedAt: string | null;
}

export async function getAutoTopUp(db: Kysely<DB>, accountId: number): Promise<StoredAutoTopUp | undefined> {
  const row = await db
    .selectFrom('auto_top_ups')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    enabled: row.enabled === 1,
    cardId: row.card_id,
    amount: row.amount,
    threshold: row.threshold,
    monthlyDay: row.monthly_day,
    dailyLimit: row.daily_limit,
    monthlyLimit: row.monthly_limit,
    updatedAt: row.updated_at,
  };
}

export async function saveAutoTopUp(
  db: Kysely<DB>,
  accountId: number,
  settings: AutoTopUpSettings & { cardId: number | null },
  now: Date,
): Promise<void> {
  const values = {
    enabled: settings.enabled ? 1 : 0,
    card_id: settings.cardId,
    amount: settings.amount,
    threshold: settings.threshold,
    monthly_day: settings.monthlyDay,
    daily_limit: settings.dailyLimit,
    monthly_limit: settings.monthlyLimit,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('auto_top_ups')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .execute();
}
