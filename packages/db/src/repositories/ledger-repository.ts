import { type Kysely, sql, type Transaction } from 'kysely';
import { engineOf } from '../migrations/helpers';
import type { DB } from '../schema';

export type Unit = 'money' | 'voice_seconds' | 'sms' | 'data_bytes';

export interface MoneyMovement {
  accountId: number;
  lineId: number | null;
  /** What moved the money: usage, fee, pack_purchase, tariff_change, top_up, refund, … */
  kind: string;
  /** Signed minor units: negative debits, positive credits. */
  amount: number;
  referenceType: string | null;
  referenceId: string | null;
  at: string;
  /**
   * Debits stop at the account's limit (balance may not go below -credit_limit) unless this is set,
   * as for a postpaid fee that accumulates towards the bill.
   */
  mayExceedLimit?: boolean;
}

/**
 * Moves money and writes its ledger row in the caller's transaction. The debit is one conditional
 * UPDATE, so two concurrent debits can never take a prepaid balance below its limit. Returns the
 * balance after, or null when the account cannot pay (nothing was written).
 */
export async function postMoney(trx: Transaction<DB>, m: MoneyMovement): Promise<number | null> {
  let update = trx
    .updateTable('accounts')
    .set((eb) => ({ balance: eb('balance', '+', m.amount) }))
    .where('id', '=', m.accountId);
  if (m.amount < 0 && !m.mayExceedLimit) {
    update = update.where(sql<boolean>`balance + ${m.amount} >= -credit_limit`);
  }
  const row = await update.returning('balance').executeTakeFirst();
  if (!row) return null;
  await trx
    .insertInto('ledger_entries')
    .values({
      account_id: m.accountId,
      line_id: m.lineId,
      bundle_id: null,
      kind: m.kind,
      unit: 'money',
      amount: m.amount,
      balance_after: row.balance,
      reference_type: m.referenceType,
      reference_id: m.referenceId,
      created_at: m.at,
    })
    .execute();
  return row.balance;
}

export interface BundleGrant {
  accountId: number;
  lineId: number;
  source: 'tariff' | 'pack';
  tariffId: number | null;
  packId: number | null;
  roamingZoneId: number | null;
  unit: string;
  scope: string;
  amount: number;
  validFrom: string;
  expiresAt: string;
  referenceType: string | null;
  referenceId: string | null;
  at: string;
}

/** Creates a bundle and its grant row in the unit ledger. */
export async function grantBundle(trx: Transaction<DB>, g: BundleGrant): Promise<number> {
  const { id } = await trx
    .insertInto('bundles')
    .values({
      line_id: g.lineId,
      source: g.source,
      tariff_id: g.tariffId,
      pack_id: g.packId,
      roaming_zone_id: g.roamingZoneId,
      unit: g.unit,
      scope: g.scope,
      total: g.amount,
      remaining: g.amount,
      valid_from: g.validFrom,
      expires_at: g.expiresAt,
      created_at: g.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('ledger_entries')
    .values({
      account_id: g.accountId,
      line_id: g.lineId,
      bundle_id: id,
      kind: 'bundle_grant',
      unit: g.unit,
      amount: g.amount,
      balance_after: g.amount,
      reference_type: g.referenceType,
      reference_id: g.referenceId,
      created_at: g.at,
    })
    .execute();
  return id;
}

/**
 * Empties bundles that have expired by `now`, each with an `expiry` row, so the unit ledger still
 * explains every bundle's remaining. Returns how many were emptied.
 */
export async function expireBundles(trx: Transaction<DB>, now: string, lineId?: number): Promise<number> {
  let query = trx
    .selectFrom('bundles')
    .innerJoin('lines', 'lines.id', 'bundles.line_id')
    .select(['bundles.id', 'bundles.remaining', 'bundles.unit', 'bundles.line_id', 'lines.account_id'])
    .where('bundles.expires_at', '<=', now)
    .where('bundles.remaining', '>', 0);
  if (lineId !== undefined) query = query.where('bundles.line_id', '=', lineId);
  const expired = await query.execute();
  for (const b of expired) {
    const updated = await trx
      .updateTable('bundles')
      .set({ remaining: 0 })
      .where('id', '=', b.id)
      .where('remaining', '=', b.remaining)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) continue; // another node emptied it first
    await trx
      .insertInto('ledger_entries')
      .values({
        account_id: b.account_id,
        line_id: b.line_id,
        bundle_id: b.id,
        kind: 'expiry',
        unit: b.unit,
        amount: -b.remaining,
        balance_after: 0,
        reference_type: null,
        reference_id: null,
        created_at: now,
      })
      .execute();
  }
  return expired.length;
}

/**
 * Locks accounts in ascending id order for the rest of the transaction. A fixed order is what keeps
 * two transactions touching the same accounts from deadlocking. SQLite has one writer at a time, so
 * the transaction itself is the lock there.
 */
export async function lockAccounts(trx: Transaction<DB>, accountIds: number[]): Promise<void> {
  if (accountIds.length === 0 || engineOf(trx) !== 'postgres') return;
  const ids = [...new Set(accountIds)].sort((a, b) => a - b);
  await trx.selectFrom('accounts').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

const RETRYABLE_PG = new Set(['40001', '40P01']);

/**
 * Runs a transaction, retrying on serialization failures and deadlocks (PostgreSQL) or a busy
 * database (SQLite) with a short jittered backoff. The work must be safe to repeat from the start.
 * Idempotent writers may also retry a unique violation on their idempotency key.
 */
export async function inTransaction<T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  return retryingTransaction(() => db.transaction().execute(work), options);
}

export interface RetryOptions {
  attempts?: number;
  alsoRetryUniqueViolation?: boolean;
}

/** The retry rule of `inTransaction`, for a transaction that is not run through Kysely. */
export async function retryingTransaction<T>(
  transaction: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const retryable =
        RETRYABLE_PG.has(code) ||
        code === 'SQLITE_BUSY' ||
        // A racing writer inserted the same idempotency key; the retry finds its row and answers with it.
        (options.alsoRetryUniqueViolation === true &&
          (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'));
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}
