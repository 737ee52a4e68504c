import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { inTransaction } from './ledger-repository';

export async function readNotificationPreferences(
  db: Kysely<DB>,
  lineId: number,
): Promise<{ topic: string; enabled: boolean }[]> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['topic', 'enabled'])
    .where('line_id', '=', lineId)
    .execute();
  return rows.map((r) => ({ topic: r.topic, enabled: r.enabled === 'on' }));
}

/** Saves the given topics (others untouched) in one transaction; one row per topic by the UNIQUE key. */
export async function saveNotificationPreferences(
  db: Kysely<DB>,
  lineId: number,
  choices: { topic: string; enabled: boolean }[],
  at: string,
): Promise<void> {
  if (choices.length === 0) return;
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto('notification_preferences')
      .values(
        choices.map((c) => ({
          line_id: lineId,
          topic: c.topic,
          enabled: c.enabled ? 'on' : 'off',
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['line_id', 'topic']).doUpdateSet((eb) => ({
          enabled: eb.ref('excluded.enabled'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  });
}
