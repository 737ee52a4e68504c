import { DomainError } from '@kabinet/core';
import type { Kysely, Selectable } from 'kysely';
import { engineOf } from '../migrations/helpers';
import type { DB, DetailsMailOrdersTable } from '../schema';
import { inTransaction } from './ledger-repository';

export type DetailsMailOrderRow = Selectable<DetailsMailOrdersTable>;

export interface NewDetailsMailOrder {
  lineId: number;
  clientKey: string;
  recipient: string;
  periodFrom: string;
  periodTo: string;
  detailType: string | null;
  formats: string;
  lang: string;
}

export interface DetailsMailLimits {
  /** Orders one line may place in any window of `windowSeconds`. */
  perLine: number;
  windowSeconds: number;
}

/** The same order as the first under this key: what a repeat must ask for to be a repeat. */
function sameOrder(row: DetailsMailOrderRow, order: NewDetailsMailOrder): boolean {
  return (
    row.recipient === order.recipient &&
    row.period_from === order.periodFrom &&
    row.period_to === order.periodTo &&
    row.detail_type === order.detailType &&
    row.formats === order.formats
  );
}

/**
 * Queues itemized details to e-mail, once per `clientKey` per line: a repeat of the same order returns
 * the first row (`replayed`), whatever its status now; the key reused for another order is
 * `client_key_reused`. A line that placed `perLine` orders within the window is refused with
 * `too_many_requests` and the seconds until the oldest leaves it. The line's row is locked first on
 * PostgreSQL, so two racing orders of one line cannot both pass the count (SQLite has one writer).
 */
export async function placeDetailsMailOrder(
  db: Kysely<DB>,
  order: NewDetailsMailOrder,
  limits: DetailsMailLimits,
  now: Date,
): Promise<{ order: DetailsMailOrderRow; replayed: boolean }> {
  return inTransaction(
    db,
    async (trx) => {
      if (engineOf(trx) === 'postgres') {
        await trx.selectFrom('lines').select('id').where('id', '=', order.lineId).forUpdate().execute();
      }
      const existing = await trx
        .selectFrom('details_mail_orders')
        .selectAll()
        .where('line_id', '=', order.lineId)
        .where('client_key', '=', order.clientKey)
        .executeTakeFirst();
      if (existing) {
        if (!sameOrder(existing, order)) {
          throw new DomainError(
            'client_key_reused',
            'This clientKey was already used for a different order of details by e-mail.',
          );
        }
        return { order: existing, replayed: true };
      }
      const windowStart = new Date(now.getTime() - limits.windowSeconds * 1000).toISOString();
      const recent = await trx
        .selectFrom('details_mail_orders')
        .select('created_at')
        .where('line_id', '=', order.lineId)
        .where('created_at', '>', windowStart)
        .orderBy('created_at')
        .execute();
      if (recent.length >= limits.perLine) {
        // The oldest order in the window frees a place when it leaves it.
        const freesAt = Date.parse(recent[0]!.created_at) + limits.windowSeconds * 1000;
        throw new DomainError(
          'too_many_requests',
          `At most ${limits.perLine} orders of details by e-mail per line in ${limits.windowSeconds / 60} minutes. Try again later.`,
          { retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)) },
        );
      }
      const at = now.toISOString();
      const inserted = await trx
        .insertInto('details_mail_orders')
        .values({
          line_id: order.lineId,
          client_key: order.clientKey,
          recipient: order.recipient,
          period_from: order.periodFrom,
          period_to: order.periodTo,
          detail_type: order.detailType,
          formats: order.formats,
          lang: order.lang,
          status: 'queued',
          attempts: 0,
          next_attempt_at: at,
          failure: null,
          created_at: at,
          sent_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { order: inserted, replayed: false };
    },
    // Two first requests with one key racing: the loser's retry finds the winner's row and replays it.
    { alsoRetryUniqueViolation: true },
  );
}

/**
 * Claims one order for sending if it is due: queued, or stuck in `sending` past its claim (the node
 * that claimed it stopped mid-send). The conditional update is the claim, so of several nodes or
 * runs only one sends it. The claim lasts `claimSeconds`; `attempts` counts the claims.
 */
export async function claimDetailsMailOrder(
  db: Kysely<DB>,
  id: number,
  now: Date,
  claimSeconds: number,
): Promise<DetailsMailOrderRow | undefined> {
  const at = now.toISOString();
  return db
    .updateTable('details_mail_orders')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: new Date(now.getTime() + claimSeconds * 1000).toISOString(),
    }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'sending'])
    .where('next_attempt_at', '<=', at)
    .returningAll()
    .executeTakeFirst();
}

/** Ids of orders due for an attempt (queued, or claims that ran out), oldest first. */
export async function dueDetailsMailOrders(db: Kysely<DB>, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('details_mail_orders')
    .select('id')
    .where('status', 'in', ['queued', 'sending'])
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The relay accepted the mail. Only the claim's holder moves `sending` on. */
export async function markDetailsMailSent(db: Kysely<DB>, id: number, at: Date): Promise<void> {
  await db
    .updateTable('details_mail_orders')
    .set({ status: 'sent', sent_at: at.toISOString(), failure: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** The attempt failed: queued again for `retryAt`, or failed for good when `retryAt` is null. */
export async function markDetailsMailFailed(
  db: Kysely<DB>,
  id: number,
  failure: string,
  retryAt: Date | null,
): Promise<void> {
  await db
    .updateTable('details_mail_orders')
    .set(
      retryAt
        ? { status: 'queued', next_attempt_at: retryAt.toISOString(), failure }
        : { status: 'failed', failure },
    )
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** The line's orders of details by e-mail, newest first. */
export async function listDetailsMailOrders(
  db: Kysely<DB>,
  lineId: number,
  limit: number,
): Promise<DetailsMailOrderRow[]> {
  return db
    .selectFrom('details_mail_orders')
    .selectAll()
    .where('line_id', '=', lineId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** One order of the line (another line's id is not found). */
export async function findDetailsMailOrder(
  db: Kysely<DB>,
  lineId: number,
  id: number,
): Promise<DetailsMailOrderRow | undefined> {
  return db
    .selectFrom('details_mail_orders')
    .selectAll()
    .where('line_id', '=', lineId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The e-mail address of the customer who holds the line's account, if one is on file. */
export async function ownerEmailOfLine(db: Kysely<DB>, lineId: number): Promise<string | null> {
  const row = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .select('customers.email')
    .where('lines.id', '=', lineId)
    .executeTakeFirst();
  return row?.email ?? null;
}
