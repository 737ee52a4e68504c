import type { Kysely } from 'kysely';
import type { DB } from '../schema';

/** The line's charged data sessions that started in [from, until): when, and how many bytes. */
export async function listDataSessions(
  db: Kysely<DB>,
  lineId: number,
  from: string,
  until: string,
): Promise<{ startedAt: string; bytes: number }[]> {
  const rows = await db
    .selectFrom('usage_events')
    .select(['started_at', 'quantity'])
    .where('line_id', '=', lineId)
    .where('type', '=', 'data')
    .where('status', '=', 'charged')
    .where('started_at', '>=', from)
    .where('started_at', '<', until)
    .execute();
  return rows.map((r) => ({ startedAt: r.started_at, bytes: r.quantity }));
}
