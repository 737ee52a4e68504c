import { canPayFee, type DueFeePeriod, dueFeePeriod, type FeePeriodKind } from './fee-periods';

/** Money state of the account, read under its lock. */
export interface FeeAccount {
  accountId: number;
  paymentType: 'prepaid' | 'postpaid';
  balance: number;
  creditLimit: number;
}

/** A line's tariff subscription as the fee run sees it, under the account lock. */
export interface TariffFeeState extends FeeAccount {
  lineId: number;
  status: 'active' | 'suspended';
  nextFeeAt: Date | null;
  anchorDay: number | null;
  /** The tariff the due period is on: the pending one when a change waits for this period. */
  tariff: { id: number; feePeriod: FeePeriodKind; feeAmount: number; hasAllowances: boolean };
  /** Set when the due period switches to a pending tariff: the order that asked for it and its fee. */
  change: { orderId: number | null; changeFee: number } | null;
}

/** A connected service with a daily or monthly fee, under the account lock. */
export interface ServiceFeeState extends FeeAccount {
  lineServiceId: number;
  lineId: number;
  serviceId: number;
  status: 'active' | 'suspended';
  nextFeeAt: Date | null;
  anchorDay: number | null;
  feePeriod: FeePeriodKind;
  feeAmount: number;
}

export interface PlannedTariffFee {
  lineId: number;
  accountId: number;
  tariffId: number;
  period: DueFeePeriod;
  feeAmount: number;
  /** A postpaid fee is charged even beyond the credit limit: it accumulates towards the bill. */
  mayExceedLimit: boolean;
  /** Whether the tariff has periods after this one (a fee or bundles); if not, next_fee_at becomes null. */
  periodic: boolean;
  change: { orderId: number | null; changeFee: number } | null;
}

export interface PlannedServiceFee {
  lineServiceId: number;
  lineId: number;
  accountId: number;
  period: DueFeePeriod;
  feeAmount: number;
  mayExceedLimit: boolean;
}

export type FeeChargeResult = 'charged' | 'already_charged';

/**
 * Thrown by the store when the database refuses a fee's debit: the transaction is rolled back (no
 * fee_charges row, no half-charge) and the subscription is suspended in a new one.
 */
export class FeeCannotBePaid extends Error {
  constructor() {
    super('the account cannot pay the fee');
    this.name = 'FeeCannotBePaid';
  }
}

/** What the fee run needs inside one transaction that holds the account's lock. */
export interface FeeTransaction {
  loadTariff(lineId: number): Promise<TariffFeeState | undefined>;
  loadService(lineServiceId: number): Promise<ServiceFeeState | undefined>;
  /**
   * Records the period's charge (once: 'already_charged' when the period's row exists), debits it,
   * renews the bundles and advances the schedule, all in this transaction. Throws FeeCannotBePaid
   * when a debit is refused.
   */
  chargeTariff(fee: PlannedTariffFee, now: Date): Promise<FeeChargeResult>;
  chargeService(fee: PlannedServiceFee, now: Date): Promise<FeeChargeResult>;
  suspendTariff(lineId: number): Promise<void>;
  suspendService(lineServiceId: number): Promise<void>;
  expireBundles(lineId: number, now: Date): Promise<number>;
}

export interface DueRef {
  id: number;
  accountId: number;
}

/** The storage the fee run works on (implemented in @kabinet/db). */
export interface FeeStore {
  /** Lines whose tariff fee is due by `now`, ordered by line id, after `afterId`. */
  dueTariffs(now: Date, afterId: number, limit: number): Promise<DueRef[]>;
  /** Line services whose fee is due by `now`, ordered by their id, after `afterId`. */
  dueServices(now: Date, afterId: number, limit: number): Promise<DueRef[]>;
  /** Lines having bundles that expired by `now` and still hold units, ordered by line id. */
  linesWithExpiredBundles(now: Date, afterId: number, limit: number): Promise<DueRef[]>;
  /** Runs `work` in one transaction holding the account's lock; retried from the start on conflicts. */
  withAccountLocked<T>(accountId: number, work: (tx: FeeTransaction) => Promise<T>): Promise<T>;
}

export interface ChargeDueReport {
  tariffFees: number;
  serviceFees: number;
  /** Money charged by this run, in minor units (fees and change fees). */
  amount: number;
  /** Subscriptions found unable to pay (suspended, or still suspended). */
  unpaid: number;
  /** Suspended subscriptions that paid and became active again. */
  resumed: number;
  expiredBundles: number;
}

export interface ChargeDueOptions {
  now: Date;
  timeZone: string;
  batchSize?: number;
  /**
   * How many accounts are worked on at once. Each transaction locks one account, so parallel work
   * never deadlocks; on PostgreSQL it overlaps the round trips and commits. Tariffs still all go
   * before services.
   */
  concurrency?: number;
  /** A subscription more periods behind than this is left for the next run (a safety stop). */
  maxPeriodsPerRun?: number;
}

type Step = 'charged' | 'resumed' | 'unpaid' | 'done';

/**
 * Charges every fee that is due at `now`, renews tariff bundles and empties expired ones.
 *
 * Each period is charged in its own transaction that holds the account's lock, re-reads the schedule
 * under it and records the charge in fee_charges, whose UNIQUE key (line, subject, id, period start)
 * admits one charge per period: a second run, here or on another node, finds nothing due or the row
 * already there, and charges nothing. A prepaid account that cannot pay is never charged part of a
 * fee: the subscription is suspended (no new bundles), its schedule stays, and each later run tries
 * again until it can pay. Tariffs go first, so they have the first claim on the balance.
 */
export async function chargeDueFees(store: FeeStore, options: ChargeDueOptions): Promise<ChargeDueReport> {
  const { now, timeZone } = options;
  const batchSize = options.batchSize ?? 500;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const maxPeriods = options.maxPeriodsPerRun ?? 400;
  const report: ChargeDueReport = {
    tariffFees: 0,
    serviceFees: 0,
    amount: 0,
    unpaid: 0,
    resumed: 0,
    expiredBundles: 0,
  };

  const count = (step: Step, amount: number, subject: 'tariff' | 'service') => {
    if (step === 'charged' || step === 'resumed') {
      if (subject === 'tariff') report.tariffFees++;
      else report.serviceFees++;
      report.amount += amount;
      if (step === 'resumed') report.resumed++;
    } else if (step === 'unpaid') {
      report.unpaid++;
    }
  };

  const chargeEach = async (
    ref: DueRef,
    subject: 'tariff' | 'service',
    charge: (tx: FeeTransaction) => Promise<[Step, number]>,
    suspend: (tx: FeeTransaction) => Promise<void>,
  ) => {
    for (let i = 0; i < maxPeriods; i++) {
      let step: Step;
      let amount = 0;
      try {
        [step, amount] = await store.withAccountLocked(ref.accountId, charge);
      } catch (error) {
        if (!(error instanceof FeeCannotBePaid)) throw error;
        await store.withAccountLocked(ref.accountId, suspend);
        step = 'unpaid';
      }
      count(step, amount, subject);
      if (step !== 'charged' && step !== 'resumed') break;
    }
  };

  await eachDue(
    concurrency,
    (after) => store.dueTariffs(now, after, batchSize),
    (ref) =>
      chargeEach(
        ref,
        'tariff',
        (tx) => chargeTariffPeriod(tx, ref.id, now, timeZone),
        (tx) => tx.suspendTariff(ref.id),
      ),
  );

  await eachDue(
    concurrency,
    (after) => store.dueServices(now, after, batchSize),
    (ref) =>
      chargeEach(
        ref,
        'service',
        (tx) => chargeServicePeriod(tx, ref.id, now, timeZone),
        (tx) => tx.suspendService(ref.id),
      ),
  );

  await eachDue(
    concurrency,
    (after) => store.linesWithExpiredBundles(now, after, batchSize),
    async (ref) => {
      report.expiredBundles += await store.withAccountLocked(ref.accountId, (tx) =>
        tx.expireBundles(ref.id, now),
      );
    },
  );
  return report;
}

/** Pages through what is due in id order and handles each, `concurrency` at a time. */
async function eachDue(
  concurrency: number,
  page: (afterId: number) => Promise<DueRef[]>,
  handle: (ref: DueRef) => Promise<void>,
): Promise<void> {
  let after = 0;
  for (;;) {
    const refs = await page(after);
    if (refs.length === 0) return;
    let next = 0;
    const worker = async () => {
      while (next < refs.length) await handle(refs[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, refs.length) }, worker));
    after = refs.at(-1)!.id;
  }
}

/** One period of one line's tariff, decided under the account lock. */
export async function chargeTariffPeriod(
  tx: FeeTransaction,
  lineId: number,
  now: Date,
  timeZone: string,
): Promise<[Step, number]> {
  const state = await tx.loadTariff(lineId);
  if (!state?.nextFeeAt) return ['done', 0];
  const period = dueFeePeriod(
    {
      status: state.status,
      nextFeeAt: state.nextFeeAt,
      anchorDay: state.anchorDay,
      kind: state.tariff.feePeriod,
    },
    now,
    timeZone,
  );
  if (!period) return ['done', 0];
  const changeFee = state.change?.changeFee ?? 0;
  const total = state.tariff.feeAmount + changeFee;
  if (!canPayFee(state, total)) {
    if (state.status !== 'suspended') await tx.suspendTariff(lineId);
    return ['unpaid', 0];
  }
  const result = await tx.chargeTariff(
    {
      lineId,
      accountId: state.accountId,
      tariffId: state.tariff.id,
      period,
      feeAmount: state.tariff.feeAmount,
      mayExceedLimit: state.paymentType === 'postpaid',
      periodic: state.tariff.feeAmount > 0 || state.tariff.hasAllowances,
      change: state.change,
    },
    now,
  );
  if (result === 'already_charged') return ['done', 0];
  return [state.status === 'suspended' ? 'resumed' : 'charged', total];
}

/** One period of one service's fee, decided under the account lock. */
export async function chargeServicePeriod(
  tx: FeeTransaction,
  lineServiceId: number,
  now: Date,
  timeZone: string,
): Promise<[Step, number]> {
  const state = await tx.loadService(lineServiceId);
  if (!state?.nextFeeAt) return ['done', 0];
  const period = dueFeePeriod(
    { status: state.status, nextFeeAt: state.nextFeeAt, anchorDay: state.anchorDay, kind: state.feePeriod },
    now,
    timeZone,
  );
  if (!period) return ['done', 0];
  if (!canPayFee(state, state.feeAmount)) {
    if (state.status !== 'suspended') await tx.suspendService(lineServiceId);
    return ['unpaid', 0];
  }
  const result = await tx.chargeService(
    {
      lineServiceId,
      lineId: state.lineId,
      accountId: state.accountId,
      period,
      feeAmount: state.feeAmount,
      mayExceedLimit: state.paymentType === 'postpaid',
    },
    now,
  );
  if (result === 'already_charged') return ['done', 0];
  return [state.status === 'suspended' ? 'resumed' : 'charged', state.feeAmount];
}
