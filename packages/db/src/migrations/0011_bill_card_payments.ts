import type { Kysely } from 'kysely';

/**
 * A card payment may pay a postpaid bill: payments.bill_id names the bill (null for top-ups). The
 * payment's own ledger credit (UNIQUE per payment, migration 0008) is the money movement; the bill
 * records the part of it that went to the bill in bill_payments under the reference `card:<payment id>`
 * (UNIQUE, migration 0009), so a payment settles a bill once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('payments')
    .addColumn('bill_id', 'bigint', (c) => c.references('bills.id'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('payments').dropColumn('bill_id').execute();
}
