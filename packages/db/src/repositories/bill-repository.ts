import {
  addDays,
  addMonths,
  computeBillTotals,
  DomainError,
  type DunningStep,
  daysBetweenDates,
  dunningStepsDue,
  formatLocalDate,
  type LocalDate,
  localDateOf,
  startOfLocalDate,
  type TaxMode,
} from '@kabinet/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../schema';
import { inTransaction, lockAccounts, postMoney } from './ledger-repository';

export interface BillingRules {
  taxRateBasisPoints: number;
  taxMode: TaxMode;
  /** Days from issue to the due date. */
  paymentTermDays: number;
  timeZone: string;
}

/** Ledger kinds a bill lists as fees; usage is `usage`; credits of DISCOUNT_KINDS are discounts. */
const FEE_KINDS = ['fee', 'tariff_change', 'pack_purchase'];
const DISCOUNT_KINDS = ['discount', 'compensation'];
/** Bills still asking for money. */
const OPEN_STATUSES = ['new', 'sent', 'partially_paid', 'overdue'];

const parseLocalDate = (s: string): LocalDate => ({
  year: Number(s.slice(0, 4)),
  month: Number(s.slice(5, 7)),
  day: Number(s.slice(8, 10)),
});

/**
 * The billing period that ended most recently on the account's bill-cycle day, on or before today:
 * from the cycle day a month earlier (inclusive) to the day before this cycle day (inclusive).
 */
export function lastClosedPeriod(today: LocalDate, cycleDay: number) {
  let cycle = addMonths({ ...today, day: 1 }, 0, cycleDay);
  if (cycle.day > today.day) cycle = addMonths({ ...today, day: 1 }, -1, cycleDay);
  const start = addMonths({ ...cycle, day: 1 }, -1, cycleDay);
  return { start, end: addDays(cycle, -1), cycle };
}

/**
 * Issues the bill of every postpaid account whose bill-cycle day has come and whose last closed period
 * has no bill yet. The bill number is derived from the account and the cycle day and is UNIQUE, so two
 * nodes issuing at once write one bill. Charges are the ledger's money rows of the period; tax in
 * exclusive mode is added to what the account owes with its own ledger row. Returns bills issued.
 */
export async function issueDueBills(db: Kysely<DB>, rules: BillingRules, now: Date): Promise<number> {
  const today = localDateOf(now, rules.timeZone);
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'number', 'bill_cycle_day'])
    .where('payment_type', '=', 'postpaid')
    .where('bill_cycle_day', 'is not', null)
    .where('status', '!=', 'closed')
    .orderBy('id')
    .execute();
  let issued = 0;
  for (const account of accounts) {
    const period = lastClosedPeriod(today, account.bill_cycle_day!);
    const endDate = formatLocalDate(period.end);
    const last = await db
      .selectFrom('bills')
      .select('period_end')
      .where('account_id', '=', account.id)
      .orderBy('period_end', 'desc')
      .executeTakeFirst();
    if (last && last.period_end >= endDate) continue;
    // A period is never billed twice: after an irregular bill (a first bill, a changed cycle day) the
    // next one starts the day after it.
    if (last && last.period_end >= formatLocalDate(period.start)) {
      period.start = addDays(parseLocalDate(last.period_end), 1);
    }
    issued += await inTransaction(
      db,
      async (trx) => {
        await lockAccounts(trx, [account.id]);
        return (await issueBill(trx, account, period, rules, now)) ? 1 : 0;
      },
      { alsoRetryUniqueViolation: true },
    );
  }
  return issued;
}

async function issueBill(
  trx: Transaction<DB>,
  account: { id: number; number: string },
  period: { start: LocalDate; end: LocalDate; cycle: LocalDate },
  rules: BillingRules,
  now: Date,
): Promise<boolean> {
  const from = startOfLocalDate(period.start, rules.timeZone).toISOString();
  const to = startOfLocalDate(period.cycle, rules.timeZone).toISOString();
  const sums = await trx
    .selectFrom('ledger_entries')
    .select(['kind', (eb) => eb.fn.sum<number>('amount').as('total')])
    .where('account_id', '=', account.id)
    .where('unit', '=', 'money')
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy('kind')
    .execute();
  const sumOf = (kinds: string[]) =>
    sums.filter((s) => kinds.includes(s.kind)).reduce((total, s) => total + Number(s.total), 0);
  const totals = computeBillTotals(
    {
      feesAmount: -sumOf(FEE_KINDS),
      usageAmount: -sumOf(['usage']),
      discountAmount: sumOf(DISCOUNT_KINDS),
    },
    rules.taxRateBasisPoints,
    rules.taxMode,
  );
  const at = now.toISOString();
  const number = `${account.number}-${formatLocalDate(period.cycle).replaceAll('-', '')}`;
  const bill = await trx
    .insertInto('bills')
    .values({
      account_id: account.id,
      number,
      period_start: formatLocalDate(period.start),
      period_end: formatLocalDate(period.end),
      issued_at: at,
      due_date: formatLocalDate(addDays(localDateOf(now, rules.timeZone), rules.paymentTermDays)),
      status: 'new',
      total_amount: totals.totalAmount,
      paid_amount: 0,
      created_at: at,
      fees_amount: totals.feesAmount,
      usage_amount: totals.usageAmount,
      discount_amount: totals.discountAmount,
      tax_amount: totals.taxAmount,
      tax_mode: rules.taxMode,
      tax_rate_basis_points: rules.taxRateBasisPoints,
      settled_at: null,
    })
    .onConflict((oc) => oc.column('number').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!bill) return false;
  const lines = [
    { kind: 'fee', description: 'fees', amount: totals.feesAmount },
    { kind: 'usage', description: 'usage', amount: totals.usageAmount },
    { kind: 'discount', description: 'discounts', amount: -totals.discountAmount },
    { kind: 'tax', description: `tax_${rules.taxMode}`, amount: totals.taxAmount },
  ];
  await trx
    .insertInto('bill_lines')
    .values(lines.map((l, i) => ({ bill_id: bill.id, ...l, sort_order: i })))
    .execute();
  if (rules.taxMode === 'exclusive' && totals.taxAmount > 0) {
    await postMoney(trx, {
      accountId: account.id,
      lineId: null,
      kind: 'bill_tax',
      amount: -totals.taxAmount,
      referenceType: 'bill',
      referenceId: String(bill.id),
      at,
      mayExceedLimit: true,
    });
  }
  if (totals.totalAmount === 0) {
    await trx
      .updateTable('bills')
      .set({ status: 'settled', settled_at: at })
      .where('id', '=', bill.id)
      .execute();
  }
  return true;
}

export interface BillPaymentResult {
  paymentId: number;
  billNumber: string;
  amount: number;
  status: string;
  paidAmount: number;
  outstanding: number;
  replayed: boolean;
}

/**
 * Records a payment of a bill in the caller's transaction: once per reference (UNIQUE; a repeat answers
 * with the first result), never more than is outstanding, credited to the account with a ledger row.
 * The bill becomes partially paid or settled (an overdue bill stays overdue until settled); when the
 * account has no overdue money left, lines limited or blocked for a bill are active again.
 */
export async function settleBillPayment(
  trx: Transaction<DB>,
  billId: number,
  amount: number,
  reference: string,
  at: string,
  source: 'operator' | 'card' = 'operator',
  options: { postLedger: boolean } = { postLedger: true },
): Promise<BillPaymentResult> {
  const bill = await trx
    .selectFrom('bills')
    .select(['id', 'account_id', 'number', 'status', 'total_amount', 'paid_amount'])
    .where('id', '=', billId)
    .executeTakeFirstOrThrow();
  await lockAccounts(trx, [bill.account_id]);
  const earlier = await trx
    .selectFrom('bill_payments')
    .select(['id', 'bill_id', 'amount'])
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (earlier) {
    if (earlier.bill_id !== billId || earlier.amount !== amount) {
      throw new DomainError('client_key_reused', 'This payment reference was recorded for another payment.');
    }
    const current = await trx
      .selectFrom('bills')
      .select(['status', 'paid_amount', 'total_amount'])
      .where('id', '=', billId)
      .executeTakeFirstOrThrow();
    return {
      paymentId: earlier.id,
      billNumber: bill.number,
      amount,
      status: current.status,
      paidAmount: current.paid_amount,
      outstanding: current.total_amount - current.paid_amount,
      replayed: true,
    };
  }
  if (!OPEN_STATUSES.includes(bill.status)) {
    throw new DomainError('bill_settled', `Bill ${bill.number} has nothing left to pay.`);
  }
  const outstanding = bill.total_amount - bill.paid_amount;
  if (amount > outstanding) {
    throw new DomainError(
      'amount_exceeds_outstanding',
      `Bill ${bill.number} has only ${outstanding} to pay.`,
    );
  }
  const paidAmount = bill.paid_amount + amount;
  const settled = paidAmount === bill.total_amount;
  const status = settled ? 'settled' : bill.status === 'overdue' ? 'overdue' : 'partially_paid';
  const updated = await trx
    .updateTable('bills')
    .set({ paid_amount: paidAmount, status, settled_at: settled ? at : null })
    .where('id', '=', billId)
    .where('paid_amount', '=', bill.paid_amount)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Error('bill changed under the account lock');
  const payment = await trx
    .insertInto('bill_payments')
    .values({ bill_id: billId, amount, reference, source, paid_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.postLedger) {
    await postMoney(trx, {
      accountId: bill.account_id,
      lineId: null,
      kind: 'bill_payment',
      amount,
      referenceType: 'bill_payment',
      referenceId: String(payment.id),
      at,
    });
  }
  if (settled) {
    const stillOverdue = await trx
      .selectFrom('bills')
      .select('id')
      .where('account_id', '=', bill.account_id)
      .where('status', '=', 'overdue')
      .executeTakeFirst();
    if (!stillOverdue) {
      await trx
        .updateTable('lines')
        .set({ status: 'active', blocked_for: null, status_changed_at: at })
        .where('account_id', '=', bill.account_id)
        .where('blocked_for', '=', 'bill')
        .where('status', 'in', ['limited', 'blocked_debt'])
        .execute();
    }
  }
  return {
    paymentId: payment.id,
    billNumber: bill.number,
    amount,
    status,
    paidAmount,
    outstanding: bill.total_amount - paidAmount,
    replayed: false,
  };
}

/**
 * Pays a bill from a card payment just credited, inside the crediting transaction (the account is
 * locked and the payment's own ledger row is the money movement, so none is posted here). At most what
 * is outstanding goes to the bill; a bill settled meanwhile (by the operator, or by a second card
 * payment racing this one) takes nothing, and the money stays on the account as an advance that the
 * next bill uses. Returns null when the bill took nothing.
 */
export async function applyCardPaymentToBill(
  trx: Transaction<DB>,
  billId: number,
  paymentId: number,
  amount: number,
  at: string,
): Promise<BillPaymentResult | null> {
  const bill = await trx
    .selectFrom('bills')
    .select(['status', 'total_amount', 'paid_amount'])
    .where('id', '=', billId)
    .executeTakeFirstOrThrow();
  const outstanding = bill.total_amount - bill.paid_amount;
  if (!OPEN_STATUSES.includes(bill.status) || outstanding <= 0) return null;
  return settleBillPayment(trx, billId, Math.min(amount, outstanding), `card:${paymentId}`, at, 'card', {
    postLedger: false,
  });
}

/** The account's bill as paying it by card needs it; undefined when the account has no such bill. */
export async function findPayableBill(
  db: Kysely<DB>,
  accountId: number,
  number: string,
): Promise<{ id: number; number: string; status: string; outstanding: number } | undefined> {
  const row = await db
    .selectFrom('bills')
    .select(['id', 'number', 'status', 'total_amount', 'paid_amount'])
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row
    ? { id: row.id, number: row.number, status: row.status, outstanding: row.total_amount - row.paid_amount }
    : undefined;
}

/** Records an operator's payment of a bill by its number, in its own transaction. */
export async function recordBillPayment(
  db: Kysely<DB>,
  input: { billNumber: string; amount: number; reference: string; at: string },
): Promise<BillPaymentResult | undefined> {
  const bill = await db
    .selectFrom('bills')
    .select('id')
    .where('number', '=', input.billNumber)
    .executeTakeFirst();
  if (!bill) return undefined;
  return inTransaction(
    db,
    (trx) => settleBillPayment(trx, bill.id, input.amount, input.reference, input.at, 'operator'),
    { alsoRetryUniqueViolation: true },
  );
}

export interface BillNotice {
  number: string;
  outstanding: number;
  dueDate: string;
  /** The number of the line that owns the account, and its subscriber's language. */
  msisdn: string | null;
  language: string;
}

/**
 * Claims up to `limit` new bills for sending: each moves from new to sent by a conditional update, so
 * of several nodes exactly one tells the subscriber about a bill (at most once, never twice).
 */
export async function claimNewBills(db: Kysely<DB>, limit = 500): Promise<BillNotice[]> {
  const rows = await db
    .selectFrom('bills')
    .innerJoin('accounts', 'accounts.id', 'bills.account_id')
    .innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .leftJoin('lines', 'lines.id', 'accounts.owner_line_id')
    .select([
      'bills.id',
      'bills.number',
      'bills.total_amount',
      'bills.paid_amount',
      'bills.due_date',
      'lines.msisdn',
      'customers.language',
    ])
    .where('bills.status', '=', 'new')
    .orderBy('bills.id')
    .limit(limit)
    .execute();
  const claimed: BillNotice[] = [];
  for (const r of rows) {
    const updated = await db
      .updateTable('bills')
      .set({ status: 'sent' })
      .where('id', '=', r.id)
      .where('status', '=', 'new')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) continue;
    claimed.push({
      number: r.number,
      outstanding: r.total_amount - r.paid_amount,
      dueDate: r.due_date,
      msisdn: r.msisdn,
      language: r.language,
    });
  }
  return claimed;
}

export interface DunningReport {
  overdue: number;
  reminders: number;
  limited: number;
  blocked: number;
}

/**
 * Marks unpaid bills past their due date overdue and applies every dunning step each has reached and
 * not had yet (dunning_actions is UNIQUE per bill and step, so reruns and other nodes do nothing twice).
 * `limit` limits the account's active lines; `block` blocks its active and limited lines. Either lifts
 * when the bill is settled (settleBillPayment). A reminder is recorded; `remind` delivers it.
 */
export async function runDunning(
  db: Kysely<DB>,
  steps: readonly DunningStep[],
  now: Date,
  timeZone: string,
  remind?: (bill: {
    accountId: number;
    number: string;
    outstanding: number;
    dueDate: string;
  }) => Promise<void>,
): Promise<DunningReport> {
  const today = formatLocalDate(localDateOf(now, timeZone));
  const at = now.toISOString();
  const report: DunningReport = { overdue: 0, reminders: 0, limited: 0, blocked: 0 };
  const bills = await db
    .selectFrom('bills')
    .select(['id', 'account_id', 'number', 'due_date', 'total_amount', 'paid_amount'])
    .where('status', 'in', OPEN_STATUSES)
    .where('due_date', '<', today)
    .whereRef('paid_amount', '<', 'total_amount')
    .orderBy('id')
    .execute();
  for (const b of bills) {
    const reminders: (typeof b)[] = [];
    await inTransaction(db, async (trx) => {
      await lockAccounts(trx, [b.account_id]);
      const marked = await trx
        .updateTable('bills')
        .set({ status: 'overdue' })
        .where('id', '=', b.id)
        .where('status', 'in', ['new', 'sent', 'partially_paid'])
        .executeTakeFirst();
      report.overdue += Number(marked.numUpdatedRows);
      const applied = await trx
        .selectFrom('dunning_actions')
        .select('days_overdue')
        .where('bill_id', '=', b.id)
        .execute();
      const due = dunningStepsDue(
        steps,
        daysBetweenDates(b.due_date, today),
        applied.map((a) => a.days_overdue),
      );
      for (const step of due) {
        const claimed = await trx
          .insertInto('dunning_actions')
          .values({ bill_id: b.id, days_overdue: step.daysOverdue, action: step.action, applied_at: at })
          .onConflict((oc) => oc.columns(['bill_id', 'days_overdue']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!claimed) continue;
        if (step.action === 'reminder') {
          report.reminders += 1;
          reminders.push(b);
        } else {
          const changed = await trx
            .updateTable('lines')
            .set({
              status: step.action === 'block' ? 'blocked_debt' : 'limited',
              blocked_for: 'bill',
              status_changed_at: at,
            })
            .where('account_id', '=', b.account_id)
            .where('status', 'in', step.action === 'block' ? ['active', 'limited'] : ['active'])
            .execute();
          const n = changed.reduce((sum, r) => sum + Number(r.numUpdatedRows), 0);
          if (step.action === 'block') report.blocked += n;
          else report.limited += n;
        }
      }
    });
    // Delivered after the commit: a reminder that fails to send is still recorded as due and shown on Home.
    for (const r of reminders) {
      await remind?.({
        accountId: r.account_id,
        number: r.number,
        outstanding: r.total_amount - r.paid_amount,
        dueDate: r.due_date,
      });
    }
  }
  return report;
}

export interface BillSummaryView {
  number: string;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  dueDate: string;
  status: string;
  totalAmount: number;
  paidAmount: number;
}

export interface BillDetailView extends BillSummaryView {
  feesAmount: number;
  usageAmount: number;
  discountAmount: number;
  taxAmount: number;
  taxMode: string | null;
  taxRateBasisPoints: number | null;
  lines: { kind: string; description: string; amount: number }[];
  payments: { amount: number; reference: string; source: string; paidAt: string }[];
}

const summary = (r: {
  number: string;
  period_start: string;
  period_end: string;
  issued_at: string;
  due_date: string;
  status: string;
  total_amount: number;
  paid_amount: number;
}): BillSummaryView => ({
  number: r.number,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  issuedAt: r.issued_at,
  dueDate: r.due_date,
  status: r.status,
  totalAmount: r.total_amount,
  paidAmount: r.paid_amount,
});

const SUMMARY_COLUMNS = [
  'number',
  'period_start',
  'period_end',
  'issued_at',
  'due_date',
  'status',
  'total_amount',
  'paid_amount',
] as const;

/** The account's bills, newest first. */
export async function listBills(db: Kysely<DB>, accountId: number, limit = 24): Promise<BillSummaryView[]> {
  const rows = await db
    .selectFrom('bills')
    .select([...SUMMARY_COLUMNS])
    .where('account_id', '=', accountId)
    .orderBy('period_end', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(summary);
}

/** One bill of the account with its lines and payments; undefined when the account has no such bill. */
export async function loadBill(
  db: Kysely<DB>,
  accountId: number,
  number: string,
): Promise<BillDetailView | undefined> {
  const row = await db
    .selectFrom('bills')
    .select([
      'id',
      ...SUMMARY_COLUMNS,
      'fees_amount',
      'usage_amount',
      'discount_amount',
      'tax_amount',
      'tax_mode',
      'tax_rate_basis_points',
    ])
    .where('account_id', '=', accountId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) return undefined;
  const [lines, payments] = await Promise.all([
    db
      .selectFrom('bill_lines')
      .select(['kind', 'description', 'amount'])
      .where('bill_id', '=', row.id)
      .orderBy('sort_order')
      .execute(),
    db
      .selectFrom('bill_payments')
      .select(['amount', 'reference', 'source', 'paid_at'])
      .where('bill_id', '=', row.id)
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...summary(row),
    feesAmount: row.fees_amount,
    usageAmount: row.usage_amount,
    discountAmount: row.discount_amount,
    taxAmount: row.tax_amount,
    taxMode: row.tax_mode,
    taxRateBasisPoints: row.tax_rate_basis_points,
    lines,
    payments: payments.map((p) => ({
      amount: p.amount,
      reference: p.reference,
      source: p.source,
      paidAt: p.paid_at,
    })),
  };
}
