import {
  type CompletedOrder,
  OrderCannotBePaid,
  OrderClientKeyTaken,
  type OrderContext,
  type OrderKind,
  type OrderPlan,
  type OrderRejectionCode,
  type OrderRequest,
  type OrderStore,
  type OrderTransaction,
  type StoredOrder,
} from '@kabinet/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, OrdersTable } from '../schema';
import { grantTariffBundles } from './fee-repository';
import { expireBundles, grantBundle, inTransaction, lockAccounts, postMoney } from './ledger-repository';

type Db = Kysely<DB> | Transaction<DB>;

const iso = (d: Date) => d.toISOString();
const englishName = (i18n: string) => (JSON.parse(i18n) as { en: string }).en;

function storedOrder(row: Selectable<OrdersTable>): StoredOrder {
  return {
    id: row.id,
    clientKey: row.client_key,
    kind: row.kind as OrderKind,
    code: row.subject_code,
    status: row.status === 'completed' ? 'completed' : 'rejected',
    reason: row.reason as OrderRejectionCode | null,
    price: row.price,
    effectiveAt: row.effective_at,
    result: JSON.parse(row.result) as StoredOrder['result'],
    createdAt: row.created_at,
  };
}

async function findOrder(db: Db, lineId: number, clientKey: string): Promise<StoredOrder | undefined> {
  const row = await db
    .selectFrom('orders')
    .selectAll()
    .where('line_id', '=', lineId)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
  return row ? storedOrder(row) : undefined;
}

/**
 * What an order on a line is decided on: the line, its account, the operator's currency and the
 * catalogue item the order names (with the line's subscription to it, for services).
 */
export async function loadOrderContext(db: Db, lineId: number, request: OrderRequest): Promise<OrderContext> {
  const operator = await db.selectFrom('operator_settings').select('currency').executeTakeFirstOrThrow();
  const line = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select([
      'lines.id',
      'lines.account_id',
      'lines.status',
      'lines.tariff_id',
      'lines.tariff_status',
      'lines.fee_anchor_day',
      'lines.next_fee_at',
      'lines.pending_tariff_id',
      'accounts.payment_type',
      'accounts.balance',
      'accounts.credit_limit',
    ])
    .where('lines.id', '=', lineId)
    .executeTakeFirstOrThrow();

  const ctx: OrderContext = {
    currency: operator.currency,
    line: {
      id: line.id,
      accountId: line.account_id,
      status: line.status,
      tariffId: line.tariff_id,
      tariffStatus: line.tariff_status,
      anchorDay: line.fee_anchor_day,
      nextFeeAt: line.next_fee_at === null ? null : new Date(line.next_fee_at),
      pendingTariffId: line.pending_tariff_id,
    },
    account: { paymentType: line.payment_type, balance: line.balance, creditLimit: line.credit_limit },
  };

  if (request.kind === 'change_tariff') {
    const t = await db
      .selectFrom('tariffs')
      .selectAll()
      .select((eb) =>
        eb
          .selectFrom('tariff_allowances')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('tariff_allowances.tariff_id', '=', 'tariffs.id')
          .as('allowances'),
      )
      .where('code', '=', request.code)
      .executeTakeFirst();
    if (t) {
      ctx.tariff = {
        id: t.id,
        code: t.code,
        name: t.name,
        status: t.status,
        paymentType: t.payment_type,
        feePeriod: t.fee_period === 'day' ? 'day' : 'month',
        feeAmount: t.fee_amount,
        changeFee: t.change_fee,
        changeEffective: t.change_effective === 'next_period' ? 'next_period' : 'now',
        hasAllowances: Number(t.allowances ?? 0) > 0,
      };
    }
  } else if (request.kind === 'buy_pack') {
    const p = await db.selectFrom('packs').selectAll().where('code', '=', request.code).executeTakeFirst();
    if (p) {
      ctx.pack = {
        id: p.id,
        code: p.code,
        name: englishName(p.name_i18n),
        status: p.status,
        price: p.price,
        validityDays: p.validity_days,
        roamingZoneId: p.roaming_zone_id,
      };
    }
  } else {
    const s = await db.selectFrom('services').selectAll().where('code', '=', request.code).executeTakeFirst();
    if (s) {
      ctx.service = {
        id: s.id,
        code: s.code,
        name: englishName(s.name_i18n),
        kind: s.kind === 'content' ? 'content' : 'option',
        status: s.status,
        feeType: s.fee_type as 'one_time' | 'daily' | 'monthly',
        feeAmount: s.fee_amount,
      };
      const subscription = await db
        .selectFrom('line_services')
        .select(['id', 'status'])
        .where('line_id', '=', lineId)
        .where('service_id', '=', s.id)
        .where('status', 'in', ['active', 'suspended'])
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (subscription) ctx.subscription = subscription;
    }
  }
  return ctx;
}

/** The order storage used by placeOrder in @kabinet/core. */
export function sqlOrderStore(db: Kysely<DB>): OrderStore {
  return {
    findOrder: (lineId, clientKey) => findOrder(db, lineId, clientKey),
    withLineLocked(line, work) {
      return inTransaction(db, async (trx) => {
        await lockAccounts(trx, [line.accountId]);
        return work(orderTransaction(trx, line));
      });
    },
  };
}

function orderTransaction(trx: Transaction<DB>, line: { id: number; accountId: number }): OrderTransaction {
  return {
    findOrder: (clientKey) => findOrder(trx, line.id, clientKey),
    loadContext: (request) => loadOrderContext(trx, line.id, request),

    async insertOrder(row) {
      const inserted = await trx
        .insertInto('orders')
        .values({
          line_id: line.id,
          client_key: row.clientKey,
          kind: row.kind,
          subject_code: row.code,
          status: row.status,
          reason: row.reason,
          price: row.price,
          effective_at: iso(row.effectiveAt),
          result: row.result,
          created_at: iso(row.createdAt),
        })
        .onConflict((oc) => oc.columns(['line_id', 'client_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new OrderClientKeyTaken();
      return inserted.id;
    },

    async saveResult(orderId, result) {
      await trx.updateTable('orders').set({ result }).where('id', '=', orderId).execute();
    },

    async applyPlan(orderId, plan, now) {
      const at = iso(now);
      const reference = { referenceType: 'order', referenceId: String(orderId) };
      let balanceAfter: number | null = null;
      const debit = async (kind: string, amount: number) => {
        if (amount <= 0) return;
        const balance = await postMoney(trx, {
          accountId: line.accountId,
          lineId: line.id,
          kind,
          amount: -amount,
          ...reference,
          at,
        });
        if (balance === null) throw new OrderCannotBePaid();
        balanceAfter = balance;
      };
      const recordPeriod = async (
        subject: 'tariff' | 'service',
        subjectId: number,
        fee: NonNullable<Fee>,
      ) => {
        await trx
          .insertInto('fee_charges')
          .values({
            line_id: line.id,
            subject,
            subject_id: subjectId,
            period_start: iso(fee.periodStart),
            period_end: iso(fee.periodEnd),
            amount: fee.amount,
            created_at: at,
          })
          .onConflict((oc) => oc.columns(['line_id', 'subject', 'subject_id', 'period_start']).doNothing())
          .execute();
      };

      switch (plan.action) {
        case 'switch_tariff_now': {
          await debit('tariff_change', plan.changeFee);
          if (plan.fee) await debit('fee', plan.fee.amount);
          if (plan.fee) await recordPeriod('tariff', plan.tariffId, plan.fee);
          // The old tariff's bundles end now, each emptied with an expiry row.
          await trx
            .updateTable('bundles')
            .set({ expires_at: at })
            .where('line_id', '=', line.id)
            .where('source', '=', 'tariff')
            .where('expires_at', '>', at)
            .execute();
          await expireBundles(trx, at, line.id);
          await trx
            .updateTable('lines')
            .set({
              tariff_id: plan.tariffId,
              pending_tariff_id: null,
              tariff_status: 'active',
              fee_anchor_day: plan.fee ? plan.anchorDay : null,
              next_fee_at: plan.fee ? iso(plan.fee.periodEnd) : null,
            })
            .where('id', '=', line.id)
            .execute();
          if (plan.fee) {
            await grantTariffBundles(trx, {
              accountId: line.accountId,
              lineId: line.id,
              tariffId: plan.tariffId,
              validFrom: plan.fee.periodStart,
              expiresAt: plan.fee.periodEnd,
              ...reference,
              at: now,
            });
          }
          break;
        }
        case 'schedule_tariff':
          await trx
            .updateTable('lines')
            .set({ pending_tariff_id: plan.tariffId })
            .where('id', '=', line.id)
            .execute();
          break;
        case 'connect_service': {
          await debit('one_time_fee', plan.oneTimeFee);
          if (plan.fee) await debit('fee', plan.fee.amount);
          const { id } = await trx
            .insertInto('line_services')
            .values({
              line_id: line.id,
              service_id: plan.serviceId,
              status: 'active',
              connected_at: at,
              disconnected_at: null,
              next_fee_at: plan.fee ? iso(plan.fee.periodEnd) : null,
              fee_anchor_day: plan.fee ? plan.anchorDay : null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          if (plan.fee) await recordPeriod('service', id, plan.fee);
          break;
        }
        case 'disconnect_service':
          await trx
            .updateTable('line_services')
            .set({ status: 'disconnected', disconnected_at: at, next_fee_at: null })
            .where('id', '=', plan.lineServiceId)
            .where('line_id', '=', line.id)
            .where('status', 'in', ['active', 'suspended'])
            .execute();
          break;
        case 'buy_pack': {
          await debit('pack_purchase', plan.price);
          const allowances = await trx
            .selectFrom('pack_allowances')
            .select(['unit', 'scope', 'amount'])
            .where('pack_id', '=', plan.packId)
            .orderBy('id')
            .execute();
          for (const a of allowances) {
            await grantBundle(trx, {
              accountId: line.accountId,
              lineId: line.id,
              source: 'pack',
              tariffId: null,
              packId: plan.packId,
              roamingZoneId: plan.roamingZoneId,
              unit: a.unit,
              scope: a.scope,
              amount: a.amount,
              validFrom: iso(plan.validFrom),
              expiresAt: iso(plan.expiresAt),
              ...reference,
              at,
            });
          }
          break;
        }
      }

      if (balanceAfter !== null) return balanceAfter;
      const account = await trx
        .selectFrom('accounts')
        .select('balance')
        .where('id', '=', line.accountId)
        .executeTakeFirstOrThrow();
      return account.balance;
    },
  };
}

type Fee = Extract<OrderPlan, { action: 'switch_tariff_now' }>['fee'];

export interface OrderListItem {
  id: number;
  clientKey: string;
  kind: OrderKind;
  code: string;
  status: 'completed' | 'rejected';
  /** The problem code of a rejected order. */
  reason: OrderRejectionCode | null;
  price: number;
  chargedNow: number;
  effective: 'now' | 'next_period';
  effectiveAt: string;
  balanceAfter: number | null;
  createdAt: string;
}

/** A line's orders, newest first, `limit` at a time before the order id `before`. */
export async function listOrders(
  db: Kysely<DB>,
  lineId: number,
  options: { limit: number; before?: number | undefined },
): Promise<OrderListItem[]> {
  let query = db.selectFrom('orders').selectAll().where('line_id', '=', lineId);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((row) => {
    const order = storedOrder(row);
    const completed = order.status === 'completed' ? (order.result as CompletedOrder) : null;
    return {
      id: order.id,
      clientKey: order.clientKey,
      kind: order.kind,
      code: order.code,
      status: order.status,
      reason: order.reason,
      price: order.price,
      chargedNow: completed?.chargedNow ?? 0,
      effective: completed?.effective ?? 'now',
      effectiveAt: order.effectiveAt,
      balanceAfter: completed?.balanceAfter ?? null,
      createdAt: order.createdAt,
    };
  });
}
