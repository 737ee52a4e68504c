import {
  type DueRef,
  FeeCannotBePaid,
  type FeeChargeResult,
  type FeePeriodKind,
  type FeeStore,
  type FeeTransaction,
  type PlannedServiceFee,
  type PlannedTariffFee,
  type ServiceFeeState,
  type TariffFeeState,
} from '@kabinet/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../schema';
import { expireBundles, grantBundle, inTransaction, lockAccounts, postMoney } from './ledger-repository';

const iso = (d: Date) => d.toISOString();
const date = (s: string | null) => (s === null ? null : new Date(s));
const serviceKind = (feeType: string): FeePeriodKind => (feeType === 'daily' ? 'day' : 'month');

/**
 * The fee run's storage (see chargeDueFees in @kabinet/core). Lists are read without locks; every
 * decision is taken again inside withAccountLocked, which locks the account and re-reads the schedule.
 */
export function sqlFeeStore(db: Kysely<DB>): FeeStore {
  return {
    async dueTariffs(now, afterId, limit) {
      // A suspended prepaid line that still cannot pay its fee is skipped without a transaction; the
      // check under the lock decides for every line listed.
      const rows = await db
        .selectFrom('lines')
        .innerJoin('accounts', 'accounts.id', 'lines.account_id')
        .innerJoin('tariffs', (join) =>
          join.on(sql<boolean>`tariffs.id = coalesce(lines.pending_tariff_id, lines.tariff_id)`),
        )
        .select(['lines.id', 'lines.account_id'])
        .where('lines.next_fee_at', '<=', iso(now))
        .where('lines.id', '>', afterId)
        .where('lines.status', '!=', 'terminated')
        .where((eb) =>
          eb.or([
            eb('lines.tariff_status', '!=', 'suspended'),
            eb('accounts.payment_type', '=', 'postpaid'),
            eb(sql`accounts.balance + accounts.credit_limit`, '>=', eb.ref('tariffs.fee_amount')),
          ]),
        )
        .orderBy('lines.id')
        .limit(limit)
        .execute();
      return rows.map((r): DueRef => ({ id: r.id, accountId: r.account_id }));
    },

    async dueServices(now, afterId, limit) {
      const rows = await db
        .selectFrom('line_services')
        .innerJoin('lines', 'lines.id', 'line_services.line_id')
        .innerJoin('accounts', 'accounts.id', 'lines.account_id')
        .innerJoin('services', 'services.id', 'line_services.service_id')
        .select(['line_services.id', 'lines.account_id'])
        .where('line_services.next_fee_at', '<=', iso(now))
        .where('line_services.id', '>', afterId)
        .where('line_services.status', 'in', ['active', 'suspended'])
        .where('lines.status', '!=', 'terminated')
        .where((eb) =>
          eb.or([
            eb('line_services.status', '!=', 'suspended'),
            eb('accounts.payment_type', '=', 'postpaid'),
            eb(sql`accounts.balance + accounts.credit_limit`, '>=', eb.ref('services.fee_amount')),
          ]),
        )
        .orderBy('line_services.id')
        .limit(limit)
        .execute();
      return rows.map((r): DueRef => ({ id: r.id, accountId: r.account_id }));
    },

    async linesWithExpiredBundles(now, afterId, limit) {
      const rows = await db
        .selectFrom('bundles')
        .innerJoin('lines', 'lines.id', 'bundles.line_id')
        .select(['bundles.line_id', 'lines.account_id'])
        .where('bundles.expires_at', '<=', iso(now))
        .where('bundles.remaining', '>', 0)
        .where('bundles.line_id', '>', afterId)
        .groupBy(['bundles.line_id', 'lines.account_id'])
        .orderBy('bundles.line_id')
        .limit(limit)
        .execute();
      return rows.map((r): DueRef => ({ id: r.line_id, accountId: r.account_id }));
    },

    withAccountLocked(accountId, work) {
      return inTransaction(db, async (trx) => {
        await lockAccounts(trx, [accountId]);
        return work(feeTransaction(trx));
      });
    },
  };
}

function feeTransaction(trx: Transaction<DB>): FeeTransaction {
  /** Inserts the period's fee_charges row; undefined when it exists (someone charged this period). */
  const claim = async (
    lineId: number,
    subject: 'tariff' | 'service',
    subjectId: number,
    start: Date,
    end: Date,
    amount: number,
    now: Date,
  ) => {
    const row = await trx
      .insertInto('fee_charges')
      .values({
        line_id: lineId,
        subject,
        subject_id: subjectId,
        period_start: iso(start),
        period_end: iso(end),
        amount,
        created_at: iso(now),
      })
      .onConflict((oc) => oc.columns(['line_id', 'subject', 'subject_id', 'period_start']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  };

  return {
    async loadTariff(lineId) {
      const line = await trx
        .selectFrom('lines')
        .innerJoin('accounts', 'accounts.id', 'lines.account_id')
        .select([
          'lines.id',
          'lines.account_id',
          'lines.tariff_id',
          'lines.pending_tariff_id',
          'lines.tariff_status',
          'lines.next_fee_at',
          'lines.fee_anchor_day',
          'lines.status',
          'accounts.payment_type',
          'accounts.balance',
          'accounts.credit_limit',
        ])
        .where('lines.id', '=', lineId)
        .executeTakeFirst();
      if (!line || line.status === 'terminated') return undefined;
      const tariffId = line.pending_tariff_id ?? line.tariff_id;
      const tariff = await trx
        .selectFrom('tariffs')
        .select(['id', 'code', 'fee_period', 'fee_amount'])
        .select((eb) =>
          eb
            .selectFrom('tariff_allowances')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('tariff_allowances.tariff_id', '=', 'tariffs.id')
            .as('allowances'),
        )
        .where('id', '=', tariffId)
        .executeTakeFirstOrThrow();

      let change: TariffFeeState['change'] = null;
      if (line.pending_tariff_id !== null && line.pending_tariff_id !== line.tariff_id) {
        // The change fee was quoted by the order that scheduled the change, and is charged at the switch.
        const order = await trx
          .selectFrom('orders')
          .select(['id', 'price'])
          .where('line_id', '=', lineId)
          .where('kind', '=', 'change_tariff')
          .where('status', '=', 'completed')
          .where('subject_code', '=', tariff.code)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        change = { orderId: order?.id ?? null, changeFee: order?.price ?? 0 };
      }
      return {
        lineId: line.id,
        accountId: line.account_id,
        paymentType: line.payment_type === 'postpaid' ? 'postpaid' : 'prepaid',
        balance: line.balance,
        creditLimit: line.credit_limit,
        status: line.tariff_status === 'suspended' ? 'suspended' : 'active',
        nextFeeAt: date(line.next_fee_at),
        anchorDay: line.fee_anchor_day,
        tariff: {
          id: tariff.id,
          feePeriod: tariff.fee_period === 'day' ? 'day' : 'month',
          feeAmount: tariff.fee_amount,
          hasAllowances: Number(tariff.allowances ?? 0) > 0,
        },
        change,
      };
    },

    async loadService(lineServiceId) {
      const row = await trx
        .selectFrom('line_services')
        .innerJoin('lines', 'lines.id', 'line_services.line_id')
        .innerJoin('accounts', 'accounts.id', 'lines.account_id')
        .innerJoin('services', 'services.id', 'line_services.service_id')
        .select([
          'line_services.id',
          'line_services.line_id',
          'line_services.service_id',
          'line_services.status',
          'line_services.next_fee_at',
          'line_services.fee_anchor_day',
          'lines.account_id',
          'lines.status as line_status',
          'services.fee_type',
          'services.fee_amount',
          'accounts.payment_type',
          'accounts.balance',
          'accounts.credit_limit',
        ])
        .where('line_services.id', '=', lineServiceId)
        .executeTakeFirst();
      if (!row || row.line_status === 'terminated') return undefined;
      if (row.status !== 'active' && row.status !== 'suspended') return undefined;
      if (row.fee_type === 'one_time') return undefined;
      const state: ServiceFeeState = {
        lineServiceId: row.id,
        lineId: row.line_id,
        serviceId: row.service_id,
        accountId: row.account_id,
        paymentType: row.payment_type === 'postpaid' ? 'postpaid' : 'prepaid',
        balance: row.balance,
        creditLimit: row.credit_limit,
        status: row.status,
        nextFeeAt: date(row.next_fee_at),
        anchorDay: row.fee_anchor_day,
        feePeriod: serviceKind(row.fee_type),
        feeAmount: row.fee_amount,
      };
      return state;
    },

    async chargeTariff(fee: PlannedTariffFee, now: Date): Promise<FeeChargeResult> {
      const { period } = fee;
      const chargeId = await claim(
        fee.lineId,
        'tariff',
        fee.tariffId,
        period.start,
        period.end,
        fee.feeAmount,
        now,
      );
      if (chargeId === undefined) return 'already_charged';
      const at = iso(now);
      if (fee.feeAmount > 0) {
        const balance = await postMoney(trx, {
          accountId: fee.accountId,
          lineId: fee.lineId,
          kind: 'fee',
          amount: -fee.feeAmount,
          referenceType: 'fee_charge',
          referenceId: String(chargeId),
          at,
          mayExceedLimit: fee.mayExceedLimit,
        });
        if (balance === null) throw new FeeCannotBePaid();
      }
      if (fee.change) {
        if (fee.change.changeFee > 0) {
          const balance = await postMoney(trx, {
            accountId: fee.accountId,
            lineId: fee.lineId,
            kind: 'tariff_change',
            amount: -fee.change.changeFee,
            referenceType: fee.change.orderId === null ? 'fee_charge' : 'order',
            referenceId: String(fee.change.orderId ?? chargeId),
            at,
            mayExceedLimit: fee.mayExceedLimit,
          });
          if (balance === null) throw new FeeCannotBePaid();
        }
        await trx
          .updateTable('lines')
          .set({ tariff_id: fee.tariffId, pending_tariff_id: null })
          .where('id', '=', fee.lineId)
          .execute();
      }
      // The previous period's bundles ended where this one begins.
      await expireBundles(trx, at, fee.lineId);
      await grantTariffBundles(trx, {
        accountId: fee.accountId,
        lineId: fee.lineId,
        tariffId: fee.tariffId,
        validFrom: period.start,
        expiresAt: period.end,
        referenceType: 'fee_charge',
        referenceId: String(chargeId),
        at: now,
      });
      await trx
        .updateTable('lines')
        .set({
          next_fee_at: fee.periodic ? iso(period.end) : null,
          fee_anchor_day: fee.periodic ? period.anchorDay : null,
          tariff_status: 'active',
        })
        .where('id', '=', fee.lineId)
        .execute();
      return 'charged';
    },

    async chargeService(fee: PlannedServiceFee, now: Date): Promise<FeeChargeResult> {
      const { period } = fee;
      const chargeId = await claim(
        fee.lineId,
        'service',
        fee.lineServiceId,
        period.start,
        period.end,
        fee.feeAmount,
        now,
      );
      if (chargeId === undefined) return 'already_charged';
      if (fee.feeAmount > 0) {
        const balance = await postMoney(trx, {
          accountId: fee.accountId,
          lineId: fee.lineId,
          kind: 'fee',
          amount: -fee.feeAmount,
          referenceType: 'fee_charge',
          referenceId: String(chargeId),
          at: iso(now),
          mayExceedLimit: fee.mayExceedLimit,
        });
        if (balance === null) throw new FeeCannotBePaid();
      }
      await trx
        .updateTable('line_services')
        .set({ status: 'active', next_fee_at: iso(period.end), fee_anchor_day: period.anchorDay })
        .where('id', '=', fee.lineServiceId)
        .execute();
      return 'charged';
    },

    async suspendTariff(lineId) {
      await trx.updateTable('lines').set({ tariff_status: 'suspended' }).where('id', '=', lineId).execute();
    },

    async suspendService(lineServiceId) {
      await trx
        .updateTable('line_services')
        .set({ status: 'suspended' })
        .where('id', '=', lineServiceId)
        .where('status', '=', 'active')
        .execute();
    },

    expireBundles(lineId, now) {
      return expireBundles(trx, iso(now), lineId);
    },
  };
}

/** Grants a tariff's bundles for one period, each with its grant row in the unit ledger. */
export async function grantTariffBundles(
  trx: Transaction<DB>,
  g: {
    accountId: number;
    lineId: number;
    tariffId: number;
    validFrom: Date;
    expiresAt: Date;
    referenceType: string;
    referenceId: string;
    at: Date;
  },
): Promise<void> {
  const allowances = await trx
    .selectFrom('tariff_allowances')
    .select(['unit', 'scope', 'amount'])
    .where('tariff_id', '=', g.tariffId)
    .orderBy('id')
    .execute();
  for (const a of allowances) {
    await grantBundle(trx, {
      accountId: g.accountId,
      lineId: g.lineId,
      source: 'tariff',
      tariffId: g.tariffId,
      packId: null,
      roamingZoneId: null,
      unit: a.unit,
      scope: a.scope,
      amount: a.amount,
      validFrom: iso(g.validFrom),
      expiresAt: iso(g.expiresAt),
      referenceType: g.referenceType,
      referenceId: g.referenceId,
      at: iso(g.at),
    });
  }
}
