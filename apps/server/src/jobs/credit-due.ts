import type { Database } from '@kabinet/db';
import { type DunningReport, expirePromisedPayments, issueDueBills, runDunning } from '@kabinet/db';
import type { FastifyBaseLogger } from 'fastify';
import type { CreditConfig } from '../config';
import type { Scheduler } from './charge-due';

export interface CreditDueReport extends DunningReport {
  billsIssued: number;
  promisedPaymentsOverdue: number;
}

/**
 * One credit run at `now`: bills of accounts whose bill-cycle day has come, promised payments past
 * their term, dunning of unpaid bills. Every step claims its work with a UNIQUE key or a conditional
 * update, so reruns and several nodes at once do nothing twice.
 */
export async function runCreditDue(
  database: Database,
  options: { credit: CreditConfig; timeZone: string },
  now = new Date(),
): Promise<CreditDueReport> {
  const { credit, timeZone } = options;
  const billsIssued = await issueDueBills(
    database.db,
    {
      taxRateBasisPoints: credit.taxRateBasisPoints,
      taxMode: credit.taxMode,
      paymentTermDays: credit.billPaymentTermDays,
      timeZone,
    },
    now,
  );
  const promisedPaymentsOverdue = await expirePromisedPayments(
    database.db,
    now,
    credit.promisedPaymentExpiryAction,
  );
  const dunning = await runDunning(database.db, credit.dunningSteps, now, timeZone);
  return { billsIssued, promisedPaymentsOverdue, ...dunning };
}

/** Runs the credit run every `intervalSeconds`; runs never overlap on one node; a failure is logged and retried. */
export function startCreditDueScheduler(options: {
  database: Database;
  credit: CreditConfig;
  timeZone: string;
  log: FastifyBaseLogger;
}): Scheduler {
  const { database, credit, timeZone, log } = options;
  const intervalMs = credit.creditDueIntervalSeconds * 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      const report = await runCreditDue(database, { credit, timeZone });
      const busy = Object.values(report).some((n) => n > 0);
      if (busy) log.info({ creditDue: report }, 'credit-due run');
    } catch (error) {
      log.error({ err: error }, 'credit-due run failed; the next run retries');
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(Math.min(2000, intervalMs));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
