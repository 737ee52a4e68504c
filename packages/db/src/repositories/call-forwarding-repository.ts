import type { Kysely } from 'kysely';
import { engineOf } from '../migrations/helpers';
import type { DB } from '../schema';
import { inTransaction } from './ledger-repository';

export interface StoredForwarding {
  condition: string;
  number: string;
  noAnswerSeconds: number | null;
  updatedAt: string;
}

export async function readCallForwarding(db: Kysely<DB>, lineId: number): Promise<StoredForwarding[]> {
  const rows = await db
    .selectFrom('call_forwarding')
    .select(['condition', 'target_msisdn', 'no_answer_seconds', 'updated_at'])
    .where('line_id', '=', lineId)
    .execute();
  return rows.map((r) => ({
    condition: r.condition,
    number: r.target_msisdn,
    noAnswerSeconds: r.no_answer_seconds,
    updatedAt: r.updated_at,
  }));
}

/**
 * Replaces the line's whole forwarding in one transaction: a reader sees the old set or the new one,
 * never half of each, and two saves racing end with one of them entire.
 */
export async function replaceCallForwarding(
  db: Kysely<DB>,
  lineId: number,
  rules: { condition: string; number: string; noAnswerSeconds: number | null }[],
  at: string,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    // PostgreSQL: lock the line's row first, so concurrent saves of one line queue instead of
    // interleaving their delete and insert (SQLite already runs one writer at a time).
    if (engineOf(trx) === 'postgres') {
      await trx.selectFrom('lines').select('id').where('id', '=', lineId).forUpdate().execute();
    }
    await trx.deleteFrom('call_forwarding').where('line_id', '=', lineId).execute();
    if (rules.length > 0) {
      await trx
        .insertInto('call_forwarding')
        .values(
          rules.map((r) => ({
            line_id: lineId,
            condition: r.condition,
            target_msisdn: r.number,
            no_answer_seconds: r.noAnswerSeconds,
            updated_at: at,
          })),
        )
        .execute();
    }
  });
}
