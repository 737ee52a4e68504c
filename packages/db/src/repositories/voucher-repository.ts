import { DomainError } from '@kabinet/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema';
import { inTransaction, lockAccounts, postMoney } from './ledger-repository';
import { repayPromisedPayment } from './promised-payment-repository';

export interface VoucherGuessLimits {
  /** Wrong codes one line may enter within the window before it is locked out. */
  perLine: number;
  /** Wrong codes one client address may enter within the window, whatever the lines. */
  perClient: number;
  windowSeconds: number;
}

/** Stores a batch of vouchers by their code hashes. Returns the ids in the order given. */
export async function insertVouchers(
  db: Kysely<DB>,
  batch: { codeHashes: string[]; name: string; amount: number; expiresAt: string | null; at: string },
): Promise<number[]> {
  if (batch.codeHashes.length === 0) return [];
  const rows = await db
    .insertInto('vouchers')
    .values(
      batch.codeHashes.map((code_hash) => ({
        code_hash,
        batch: batch.name,
        amount: batch.amount,
        status: 'active',
        expires_at: batch.expiresAt,
        created_at: batch.at,
        redeemed_at: null,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Seconds until a lockout ends, or 0 when the line and the client address may try a code. The window
 * slides: a line is locked while `perLine` wrong codes fall within the last `windowSeconds`, until the
 * oldest of them leaves the window.
 */
async function lockoutSeconds(
  trx: Transaction<DB>,
  lineId: number,
  clientIp: string,
  limits: VoucherGuessLimits,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - limits.windowSeconds * 1000).toISOString();
  const waitFor = async (column: 'line_id' | 'client_ip', value: number | string, limit: number) => {
    // The limit-th most recent failure in the window: while it is inside, the caller is locked out.
    const row = await trx
      .selectFrom('voucher_failures')
      .select('at')
      .where(column, '=', value as never)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .offset(limit - 1)
      .limit(1)
      .executeTakeFirst();
    if (!row) return 0;
    const until = new Date(row.at).getTime() + limits.windowSeconds * 1000;
    return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  };
  return Math.max(
    await waitFor('line_id', lineId, limits.perLine),
    await waitFor('client_ip', clientIp, limits.perClient),
  );
}

export interface VoucherCredit {
  amount: number;
  /** Part of the amount that repaid a promised payment. */
  repaidAmount: number;
  balance: number;
}

/**
 * Redeems a voucher onto a line's account. Under the account lock: a line or client address locked out
 * for wrong guesses is refused (429) before the code is even looked at; the voucher is claimed by one
 * conditional update (active and unexpired → redeemed), so of two redemptions at once exactly one
 * credits, and voucher_redemptions.voucher_id is UNIQUE besides. The credit is a ledger row and repays
 * an open promised payment first. A code that is unknown, used or expired counts as a wrong guess and
 * is answered the same way, so codes cannot be probed.
 */
export async function redeemVoucher(
  db: Kysely<DB>,
  input: {
    line: { id: number; accountId: number };
    codeHash: string;
    clientIp: string;
    limits: VoucherGuessLimits;
    now: Date;
  },
): Promise<VoucherCredit> {
  const { line, limits, now } = input;
  const at = now.toISOString();
  const outcome = await inTransaction(db, async (trx) => {
    await lockAccounts(trx, [line.accountId]);
    const wait = await lockoutSeconds(trx, line.id, input.clientIp, limits, now);
    if (wait > 0) return { kind: 'locked' as const, retryAfterSeconds: wait };
    const voucher = await trx
      .updateTable('vouchers')
      .set({ status: 'redeemed', redeemed_at: at })
      .where('code_hash', '=', input.codeHash)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
      .returning(['id', 'amount'])
      .executeTakeFirst();
    if (!voucher) {
      await trx
        .insertInto('voucher_failures')
        .values({ line_id: line.id, client_ip: input.clientIp, at })
        .execute();
      const failures = await trx
        .selectFrom('voucher_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('line_id', '=', line.id)
        .where('at', '>', new Date(now.getTime() - limits.windowSeconds * 1000).toISOString())
        .executeTakeFirstOrThrow();
      return { kind: 'wrong' as const, triesLeft: Math.max(0, limits.perLine - Number(failures.n)) };
    }
    const redemption = await trx
      .insertInto('voucher_redemptions')
      .values({
        voucher_id: voucher.id,
        line_id: line.id,
        account_id: line.accountId,
        amount: voucher.amount,
        repaid_amount: 0,
        redeemed_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await postMoney(trx, {
      accountId: line.accountId,
      lineId: line.id,
      kind: 'voucher',
      amount: voucher.amount,
      referenceType: 'voucher',
      referenceId: String(voucher.id),
      at,
    });
    const repaidAmount = await repayPromisedPayment(trx, line.accountId, voucher.amount, at);
    if (repaidAmount > 0) {
      await trx
        .updateTable('voucher_redemptions')
        .set({ repaid_amount: repaidAmount })
        .where('id', '=', redemption.id)
        .execute();
    }
    const account = await trx
      .selectFrom('accounts')
      .select('balance')
      .where('id', '=', line.accountId)
      .executeTakeFirstOrThrow();
    return { kind: 'credited' as const, amount: voucher.amount, repaidAmount, balance: account.balance };
  });
  if (outcome.kind === 'locked') {
    throw new DomainError('too_many_attempts', 'Too many wrong voucher codes. Try again later.', {
      retryAfterSeconds: outcome.retryAfterSeconds,
    });
  }
  if (outcome.kind === 'wrong') {
    throw new DomainError('wrong_voucher_code', 'This voucher code is not valid: unknown, used or expired.', {
      triesLeft: outcome.triesLeft,
    });
  }
  return { amount: outcome.amount, repaidAmount: outcome.repaidAmount, balance: outcome.balance };
}

export interface VoucherRedemptionView {
  amount: number;
  repaidAmount: number;
  redeemedAt: string;
}

/** The line's redeemed vouchers, newest first. */
export async function listVoucherRedemptions(
  db: Kysely<DB>,
  lineId: number,
  limit = 20,
): Promise<VoucherRedemptionView[]> {
  const rows = await db
    .selectFrom('voucher_redemptions')
    .select(['amount', 'repaid_amount', 'redeemed_at'])
    .where('line_id', '=', lineId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ amount: r.amount, repaidAmount: r.repaid_amount, redeemedAt: r.redeemed_at }));
}
