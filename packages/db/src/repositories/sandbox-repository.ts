import type { Kysely, Selectable } from 'kysely';
import type { DB, SandboxChargesTable } from '../schema';

export type SandboxCharge = Selectable<SandboxChargesTable>;

/** The sandbox provider's side: one charge per payment (a second start returns the first charge). */
export async function createSandboxCharge(
  db: Kysely<DB>,
  charge: Omit<SandboxCharge, 'updated_at'>,
): Promise<SandboxCharge> {
  await db
    .insertInto('sandbox_charges')
    .values({ ...charge, updated_at: charge.created_at })
    .onConflict((oc) => oc.column('payment_id').doNothing())
    .execute();
  return db
    .selectFrom('sandbox_charges')
    .selectAll()
    .where('payment_id', '=', charge.payment_id)
    .executeTakeFirstOrThrow();
}

export async function findSandboxCharge(db: Kysely<DB>, id: string): Promise<SandboxCharge | undefined> {
  return db.selectFrom('sandbox_charges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a charge from one of `from` to a new state; false when it had already moved (a double submit). */
export async function moveSandboxCharge(
  db: Kysely<DB>,
  id: string,
  from: string[],
  change: Partial<Omit<SandboxCharge, 'id' | 'payment_id'>> & { status: string; updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('sandbox_charges')
    .set(change)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
