import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface MoneyHistoryRow {
  id: number;
  at: string;
  kind: string;
  amount: number;
  balanceAfter: number;
  reference: { type: string; id: string | null } | null;
}

/**
 * The money rows of a line's ledger, newest first, a page at a time (keyset on the row id, so rows
 * written meanwhile never shift a page). A line sees its own rows and the account's rows that belong to
 * no line (a top-up of the account); per-event usage rows are left to the itemized details, which list
 * each call and session with what it cost.
 */
export async function listMoneyHistory(
  db: Kysely<DB>,
  line: { id: number; accountId: number },
  page: { limit: number; before?: number },
): Promise<MoneyHistoryRow[]> {
  let query = db
    .selectFrom('ledger_entries')
    .select(['id', 'created_at', 'kind', 'amount', 'balance_after', 'reference_type', 'reference_id'])
    .where('account_id', '=', line.accountId)
    .where('unit', '=', 'money')
    .where('kind', '!=', 'usage')
    .where((eb) => eb.or([eb('line_id', '=', line.id), eb('line_id', 'is', null)]));
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.created_at,
    kind: row.kind,
    amount: row.amount,
    balanceAfter: row.balance_after,
    reference: row.reference_type ? { type: row.reference_type, id: row.reference_id } : null,
  }));
}
