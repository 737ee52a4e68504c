import {
  DomainError,
  type PromisedPaymentRefusal,
  type PromisedPaymentRules,
  promisedPaymentRefusals,
} from '@kabinet/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../schema';
import { inTransaction, lockAccounts, postMoney } from './ledger-repository';

const DAY = 86_400_000;

/** Ledger kinds that bring money in and so count as "top-ups" for eligibility. */
export const MONEY_IN_KINDS = ['top_up', 'voucher', 'bill_payment'] as const;

export interface PromisedPaymentView {
  id: number;
  amount: number;
  feeAmount: number;
  outstanding: number;
  status: 'open' | 'overdue' | 'repaid';
  takenAt: string;
  dueAt: string;
  repaidAt: string | null;
}

function view(r: {
  id: number;
  amount: number;
  fee_amount: number;
  outstanding: number;
  status: string;
  taken_at: string;
  due_at: string;
  repaid_at: string | null;
}): PromisedPaymentView {
  return {
    id: r.id,
    amount: r.amount,
    feeAmount: r.fee_amount,
    outstanding: r.outstanding,
    status: r.status as PromisedPaymentView['status'],
    takenAt: r.taken_at,
    dueAt: r.due_at,
    repaidAt: r.repaid_at,
  };
}

const COLUMNS = [
  'id',
  'amount',
  'fee_amount',
  'outstanding',
  'status',
  'taken_at',
  'due_at',
  'repaid_at',
] as const;

/** What a line sees on the promised payment screen: whether it may take one, and its latest ones. */
export async function loadPromisedPaymentState(
  db: Kysely<DB> | Transaction<DB>,
  line: { id: number; accountId: number },
  rules: PromisedPaymentRules,
  now: Date,
): Promise<{
  refusals: PromisedPaymentRefusal[];
  current: PromisedPaymentView | null;
  history: PromisedPaymentView[];
}> {
  const row = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select(['lines.status', 'lines.activated_at', 'lines.status_changed_at', 'accounts.payment_type'])
    .where('lines.id', '=', line.id)
    .executeTakeFirstOrThrow();
  const since = new Date(now.getTime() - rules.topUpWindowDays * DAY).toISOString();
  const toppedUp = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('total'))
    .where('account_id', '=', line.accountId)
    .where('unit', '=', 'money')
    .where('kind', 'in', [...MONEY_IN_KINDS])
    .where('amount', '>', 0)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  const history = (
    await db
      .selectFrom('promised_payments')
      .select([...COLUMNS])
      .where('account_id', '=', line.accountId)
      .orderBy('id', 'desc')
      .limit(20)
      .execute()
  ).map(view);
  const current = history.find((p) => p.status !== 'repaid') ?? null;
  const refusals = promisedPaymentRefusals(
    {
      paymentType: row.payment_type === 'postpaid' ? 'postpaid' : 'prepaid',
      lineStatus: row.status,
      lineActivatedAt: new Date(row.activated_at),
      statusChangedAt: new Date(row.status_changed_at),
      toppedUpInWindow: Number(toppedUp.total),
      hasOpenPromisedPayment: current !== null,
    },
    rules,
    now,
  );
  return { refusals, current, history };
}

/** The open or overdue promised payment of an account, if any (what the Home alert shows). */
export async function findOpenPromisedPayment(
  db: Kysely<DB>,
  accountId: number,
): Promise<PromisedPaymentView | null> {
  const row = await db
    .selectFrom('promised_payments')
    .select([...COLUMNS])
    .where('account_id', '=', accountId)
    .where('status', 'in', ['open', 'overdue'])
    .orderBy('id')
    .executeTakeFirst();
  return row ? view(row) : null;
}

/**
 * Takes a promised payment: once per client key (a repeat answers with the first one), only when the
 * rules allow it, checked under the account lock so two at once cannot both pass "none open". The
 * amount is credited and the fee debited, each with its ledger row; a line blocked for debt whose
 * balance is no longer negative is unblocked.
 */
export async function takePromisedPayment(
  db: Kysely<DB>,
  input: {
    line: { id: number; accountId: number };
    clientKey: string;
    amount: number;
    rules: PromisedPaymentRules;
    now: Date;
  },
): Promise<{ promisedPayment: PromisedPaymentView; balance: number; replayed: boolean }> {
  const { line, rules, now } = input;
  if (!rules.amounts.includes(input.amount)) {
    throw new DomainError('validation_failed', 'Choose one of the offered amounts.', {
      errors: [{ field: 'body.amount', message: `must be one of ${rules.amounts.join(', ')}` }],
    });
  }
  return inTransaction(
    db,
    async (trx) => {
      await lockAccounts(trx, [line.accountId]);
      const at = now.toISOString();
      const earlier = await trx
        .selectFrom('promised_payments')
        .select([...COLUMNS])
        .where('line_id', '=', line.id)
        .where('client_key', '=', input.clientKey)
        .executeTakeFirst();
      if (earlier) {
        if (earlier.amount !== input.amount) {
          throw new DomainError(
            'client_key_reused',
            'This client key was used for another promised payment.',
          );
        }
        const account = await trx
          .selectFrom('accounts')
          .select('balance')
          .where('id', '=', line.accountId)
          .executeTakeFirstOrThrow();
        return { promisedPayment: view(earlier), balance: account.balance, replayed: true };
      }
      const state = await loadPromisedPaymentState(trx, line, rules, now);
      if (state.refusals.length > 0) {
        throw new DomainError('not_eligible', 'A promised payment is not available for this line now.', {
          reason: state.refusals.join(','),
        });
      }
      const dueAt = new Date(now.getTime() + rules.termDays * DAY).toISOString();
      const created = await trx
        .insertInto('promised_payments')
        .values({
          line_id: line.id,
          account_id: line.accountId,
          client_key: input.clientKey,
          amount: input.amount,
          fee_amount: rules.feeAmount,
          outstanding: input.amount,
          status: 'open',
          taken_at: at,
          due_at: dueAt,
          repaid_at: null,
          overdue_at: null,
        })
        .returning([...COLUMNS])
        .executeTakeFirstOrThrow();
      let balance = await postMoney(trx, {
        accountId: line.accountId,
        lineId: line.id,
        kind: 'promised_payment',
        amount: input.amount,
        referenceType: 'promised_payment',
        referenceId: String(created.id),
        at,
      });
      if (rules.feeAmount > 0) {
        // The fee comes out of the credit just made, so it may not be refused for the limit.
        balance = await postMoney(trx, {
          accountId: line.accountId,
          lineId: line.id,
          kind: 'promised_payment_fee',
          amount: -rules.feeAmount,
          referenceType: 'promised_payment',
          referenceId: String(created.id),
          at,
          mayExceedLimit: true,
        });
      }
      // A prepaid line blocked for a negative balance is what a promised payment is for.
      if (balance! >= 0) {
        await trx
          .updateTable('lines')
          .set({ status: 'active', blocked_for: null, status_changed_at: at })
          .where('id', '=', line.id)
          .where('status', '=', 'blocked_debt')
          .where('blocked_for', 'is', null)
          .execute();
      }
      return { promisedPayment: view(created), balance: balance!, replayed: false };
    },
    { alsoRetryUniqueViolation: true },
  );
}

/**
 * Repays open and overdue promised payments of an account from money that has just been credited to
 * it (a top-up, a voucher), oldest first, each repayment a ledger row. Call it in the credit's own
 * transaction, after the credit's ledger row, with the account locked. Returns the amount repaid.
 * When nothing is left outstanding, a line limited for the promised payment is active again.
 */
export async function repayPromisedPayment(
  trx: Transaction<DB>,
  accountId: number,
  creditAmount: number,
  at: string,
): Promise<number> {
  if (creditAmount <= 0) return 0;
  const open = await trx
    .selectFrom('promised_payments')
    .select(['id', 'line_id', 'outstanding', 'status'])
    .where('account_id', '=', accountId)
    .where('status', 'in', ['open', 'overdue'])
    .where('outstanding', '>', 0)
    .orderBy('id')
    .execute();
  let left = creditAmount;
  let repaid = 0;
  for (const p of open) {
    if (left <= 0) break;
    const amount = Math.min(p.outstanding, left);
    const after = p.outstanding - amount;
    const updated = await trx
      .updateTable('promised_payments')
      .set({
        outstanding: after,
        status: after === 0 ? 'repaid' : p.status,
        repaid_at: after === 0 ? at : null,
      })
      .where('id', '=', p.id)
      .where('outstanding', '=', p.outstanding)
      .executeTakeFirst();
    // Callers hold the account lock, so this only fails if one did not: refuse rather than repay twice.
    if (Number(updated.numUpdatedRows) !== 1)
      throw new Error('promised payment changed under the account lock');
    await postMoney(trx, {
      accountId,
      lineId: p.line_id,
      kind: 'promised_payment_repayment',
      amount: -amount,
      referenceType: 'promised_payment',
      // One row per step of the debt: the outstanding amount before it only ever falls.
      referenceId: `${p.id}:${p.outstanding}`,
      at,
      // Never more than the credit just posted, so the balance ends where it was before the credit.
      mayExceedLimit: true,
    });
    left -= amount;
    repaid += amount;
  }
  if (repaid > 0) await unblockWhenPaidUp(trx, accountId, at);
  return repaid;
}

/**
 * Lines limited or blocked for a promised payment are active again once nothing is outstanding and the
 * balance is not below the account's limit.
 */
async function unblockWhenPaidUp(trx: Transaction<DB>, accountId: number, at: string): Promise<void> {
  const owed = await trx
    .selectFrom('promised_payments')
    .select('id')
    .where('account_id', '=', accountId)
    .where('status', 'in', ['open', 'overdue'])
    .where('outstanding', '>', 0)
    .executeTakeFirst();
  if (owed) return;
  await trx
    .updateTable('lines')
    .set({ status: 'active', blocked_for: null, status_changed_at: at })
    .where('account_id', '=', accountId)
    .where('blocked_for', '=', 'promised_payment')
    .where('status', 'in', ['limited', 'blocked_debt'])
    .execute();
}

/**
 * Promised payments whose term has passed with money outstanding become overdue and their line is
 * limited (or blocked) as the operator configured. Each in its own transaction under the account lock;
 * the conditional update makes a second node's run a no-op. Returns how many became overdue.
 */
export async function expirePromisedPayments(
  db: Kysely<DB>,
  now: Date,
  action: 'limit' | 'block',
): Promise<number> {
  const at = now.toISOString();
  const due = await db
    .selectFrom('promised_payments')
    .select(['id', 'account_id', 'line_id'])
    .where('status', '=', 'open')
    .where('due_at', '<=', at)
    .orderBy('id')
    .execute();
  let expired = 0;
  for (const p of due) {
    expired += await inTransaction(db, async (trx) => {
      await lockAccounts(trx, [p.account_id]);
      const updated = await trx
        .updateTable('promised_payments')
        .set({ status: 'overdue', overdue_at: at })
        .where('id', '=', p.id)
        .where('status', '=', 'open')
        .where('outstanding', '>', 0)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return 0;
      await trx
        .updateTable('lines')
        .set({
          status: action === 'block' ? 'blocked_debt' : 'limited',
          blocked_for: 'promised_payment',
          status_changed_at: at,
        })
        .where('id', '=', p.line_id)
        .where('status', '=', 'active')
        .execute();
      return 1;
    });
  }
  return expired;
}
