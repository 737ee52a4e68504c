import type { SmsSender } from '@kabinet/core';
import {
  claimNewBills,
  type Database,
  type DunningReport,
  expirePromisedPayments,
  issueDueBills,
  runDunning,
} from '@kabinet/db';
import type { FastifyBaseLogger } from 'fastify';
import type { CreditConfig } from '../config';
import { billSmsText } from '../credit/bill-sms';
import { type Scheduler, startRepeating } from './scheduler';

export interface CreditDueReport extends DunningReport {
  billsIssued: number;
  /** New bills the subscriber was told about by SMS (only when the run has an SMS sender). */
  billsSent: number;
  promisedPaymentsOverdue: number;
}

/** Where the run tells subscribers about bills and reminders; without it bills wait as `new`. */
export interface CreditNotices {
  sms: SmsSender;
  currency: string;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * One credit run at `now`: bills of accounts whose bill-cycle day has come, promised payments past
 * their term, dunning of unpaid bills. Every step claims its work with a UNIQUE key or a conditional
 * update, so reruns and several nodes at once do nothing twice.
 */
export async function runCreditDue(
  database: Database,
  options: { credit: CreditConfig; timeZone: string; notices?: CreditNotices },
  now = new Date(),
): Promise<CreditDueReport> {
  const { credit, timeZone, notices } = options;
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
  let billsSent = 0;
  if (notices) {
    for (const bill of await claimNewBills(database.db)) {
      if (bill.msisdn === null) continue;
      await sendQuietly(
        notices,
        bill.msisdn,
        billSmsText('issued', bill.language, bill, notices.currency),
        bill.number,
      );
      billsSent += 1;
    }
  }
  const dunning = await runDunning(
    database.db,
    credit.dunningSteps,
    now,
    timeZone,
    notices
      ? async (bill) => {
          const owner = await database.db
            .selectFrom('accounts')
            .innerJoin('customers', 'customers.id', 'accounts.customer_id')
            .innerJoin('lines', 'lines.id', 'accounts.owner_line_id')
            .select(['lines.msisdn', 'customers.language'])
            .where('accounts.id', '=', bill.accountId)
            .executeTakeFirst();
          if (!owner) return;
          await sendQuietly(
            notices,
            owner.msisdn,
            billSmsText('reminder', owner.language, bill, notices.currency),
            `${bill.number}:reminder`,
          );
        }
      : undefined,
  );
  return { billsIssued, billsSent, promisedPaymentsOverdue, ...dunning };
}

/** A notice that cannot be sent is logged, not retried: the bill and its alert are in the app anyway. */
async function sendQuietly(
  notices: CreditNotices,
  to: string,
  text: string,
  reference: string,
): Promise<void> {
  try {
    await notices.sms.send({ to, text, reference });
  } catch (error) {
    notices.log.warn({ err: error, reference }, 'bill SMS not sent');
  }
}

/** Runs the credit run every `intervalSeconds`; runs never overlap on one node; a failure is logged and retried. */
export function startCreditDueScheduler(options: {
  database: Database;
  credit: CreditConfig;
  timeZone: string;
  notices: CreditNotices;
  log: FastifyBaseLogger;
}): Scheduler {
  const { database, credit, timeZone, notices, log } = options;
  const intervalMs = credit.creditDueIntervalSeconds * 1000;
  const tick = async () => {
    try {
      const report = await runCreditDue(database, { credit, timeZone, notices });
      const busy = Object.values(report).some((n) => n > 0);
      if (busy) log.info({ creditDue: report }, 'credit-due run');
    } catch (error) {
      log.error({ err: error }, 'credit-due run failed; the next run retries');
    }
  };
  return startRepeating({ intervalMs: intervalMs, firstDelayMs: 2_000, run: tick });
}
