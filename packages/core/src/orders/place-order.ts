import { DomainError } from '../errors/domain-error';
import { formatMoney } from '../money/money';
import type {
  CompletedOrder,
  OrderContext,
  OrderKind,
  OrderPlan,
  OrderRejectionCode,
  OrderRequest,
  StoredOrder,
} from './order-types';
import { quoteOrder } from './quote-order';

export interface NewOrderRow {
  clientKey: string;
  kind: OrderKind;
  code: string;
  status: 'completed' | 'rejected';
  reason: OrderRejectionCode | null;
  price: number;
  effectiveAt: Date;
  result: string;
  createdAt: Date;
}

/** Thrown by the store when the database refuses a debit; the whole transaction is rolled back. */
export class OrderCannotBePaid extends Error {
  constructor() {
    super('the account cannot pay for the order');
    this.name = 'OrderCannotBePaid';
  }
}

/**
 * Thrown by the store when the client key is already taken by a row this transaction could not see
 * (only possible if two transactions ever ran on one line without the account lock); the order is
 * then answered from that row.
 */
export class OrderClientKeyTaken extends Error {
  constructor() {
    super('the client key is already used on this line');
    this.name = 'OrderClientKeyTaken';
  }
}

/** What placing an order needs inside one transaction holding the account's lock. */
export interface OrderTransaction {
  findOrder(clientKey: string): Promise<StoredOrder | undefined>;
  loadContext(request: OrderRequest): Promise<OrderContext>;
  /** Inserts the order row (UNIQUE per line and client key) and returns its id; OrderClientKeyTaken if taken. */
  insertOrder(row: NewOrderRow): Promise<number>;
  /**
   * Carries out the plan: every money movement through the ledger with reference ('order', id),
   * bundles with their grant rows, the line's schedule. Returns the balance after. Throws
   * OrderCannotBePaid when a debit is refused.
   */
  applyPlan(orderId: number, plan: OrderPlan, now: Date): Promise<number>;
  saveResult(orderId: number, result: string): Promise<void>;
}

export interface OrderStore {
  findOrder(lineId: number, clientKey: string): Promise<StoredOrder | undefined>;
  /** Runs `work` in one transaction that holds the line's account lock, retried on conflicts. */
  withLineLocked<T>(
    line: { id: number; accountId: number },
    work: (tx: OrderTransaction) => Promise<T>,
  ): Promise<T>;
}

export interface PlaceOrderInput extends OrderRequest {
  /** The client's idempotency key: a repeat returns the first answer and changes nothing. */
  clientKey: string;
}

export type PlaceOrderOutcome =
  | { outcome: 'completed'; order: CompletedOrder; replayed: boolean }
  | { outcome: 'rejected'; orderId: number; code: OrderRejectionCode; message: string; replayed: boolean };

function replay(stored: StoredOrder, input: PlaceOrderInput): PlaceOrderOutcome {
  if (stored.kind !== input.kind || stored.code !== input.code) {
    throw new DomainError(
      'client_key_reused',
      `This client key was already used for another order (${stored.kind} ${stored.code}); use a new key for a new order.`,
    );
  }
  if (stored.status === 'completed') {
    return { outcome: 'completed', order: stored.result as CompletedOrder, replayed: true };
  }
  const rejection = stored.result as { code: OrderRejectionCode; message: string };
  return {
    outcome: 'rejected',
    orderId: stored.id,
    code: rejection.code,
    message: rejection.message,
    replayed: true,
  };
}

async function recordRejection(
  tx: OrderTransaction,
  input: PlaceOrderInput,
  now: Date,
  code: OrderRejectionCode,
  message: string,
  price: number,
): Promise<PlaceOrderOutcome> {
  const orderId = await tx.insertOrder({
    clientKey: input.clientKey,
    kind: input.kind,
    code: input.code,
    status: 'rejected',
    reason: code,
    price,
    effectiveAt: now,
    result: JSON.stringify({ code, message }),
    createdAt: now,
  });
  return { outcome: 'rejected', orderId, code, message, replayed: false };
}

function insufficientFunds(ctx: OrderContext, chargedNow: number): string {
  const money = (amount: number) => formatMoney(amount, ctx.currency, 'en');
  const available = ctx.account.balance + ctx.account.creditLimit;
  return ctx.account.paymentType === 'postpaid'
    ? `This costs ${money(chargedNow)} now, and the available credit is ${money(Math.max(0, available))}.`
    : `This costs ${money(chargedNow)} now, and the balance is ${money(ctx.account.balance)}. Top up and try again.`;
}

/**
 * Places an order exactly once. Under the account's lock it looks for the client key, decides the
 * order again on fresh data (the quote the subscriber saw may be stale), and writes the order row, its
 * money movements and its bundles in one transaction. Refused orders are recorded too, so a repeat of
 * the same client key gets the same answer; a key reused for a different order is an error.
 */
export async function placeOrder(
  store: OrderStore,
  line: { id: number; accountId: number },
  input: PlaceOrderInput,
  options: { now: Date; timeZone: string },
): Promise<PlaceOrderOutcome> {
  const { now, timeZone } = options;
  const seen = await store.findOrder(line.id, input.clientKey);
  if (seen) return replay(seen, input);

  try {
    return await store.withLineLocked(line, async (tx) => {
      const existing = await tx.findOrder(input.clientKey);
      if (existing) return replay(existing, input);
      const ctx = await tx.loadContext(input);
      const decided = quoteOrder(ctx, input, now, timeZone);
      if (!decided.ok) return recordRejection(tx, input, now, decided.code, decided.message, decided.price);
      const { quote } = decided;
      if (!quote.canAfford) {
        return recordRejection(
          tx,
          input,
          now,
          'insufficient_funds',
          insufficientFunds(ctx, quote.chargedNow),
          quote.price,
        );
      }

      const id = await tx.insertOrder({
        clientKey: input.clientKey,
        kind: input.kind,
        code: input.code,
        status: 'completed',
        reason: null,
        price: quote.price,
        effectiveAt: quote.effectiveAt,
        result: '{}',
        createdAt: now,
      });
      const balanceAfter = await tx.applyPlan(id, quote.plan, now);
      const order: CompletedOrder = {
        id,
        status: 'completed',
        kind: input.kind,
        code: input.code,
        price: quote.price,
        chargedNow: quote.chargedNow,
        effective: quote.effective,
        effectiveAt: quote.effectiveAt.toISOString(),
        balanceAfter,
        createdAt: now.toISOString(),
      };
      await tx.saveResult(id, JSON.stringify(order));
      return { outcome: 'completed', order, replayed: false };
    });
  } catch (error) {
    if (error instanceof OrderClientKeyTaken) {
      const taken = await store.findOrder(line.id, input.clientKey);
      if (taken) return replay(taken, input);
    }
    if (!(error instanceof OrderCannotBePaid)) throw error;
    // The database refused a debit the fresh balance seemed to allow; nothing of the order was kept.
    return store.withLineLocked(line, async (tx) => {
      const existing = await tx.findOrder(input.clientKey);
      if (existing) return replay(existing, input);
      const ctx = await tx.loadContext(input);
      const decided = quoteOrder(ctx, input, now, timeZone);
      const chargedNow = decided.ok ? decided.quote.chargedNow : 0;
      const price = decided.ok ? decided.quote.price : decided.price;
      return recordRejection(tx, input, now, 'insufficient_funds', insufficientFunds(ctx, chargedNow), price);
    });
  }
}
