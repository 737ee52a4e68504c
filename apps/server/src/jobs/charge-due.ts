import { type ChargeDueReport, chargeDueFees } from '@kabinet/core';
import { type Database, sqlFeeStore } from '@kabinet/db';
import type { FastifyBaseLogger } from 'fastify';
import { type Scheduler, startRepeating } from './scheduler';

/**
 * PostgreSQL overlaps a few accounts' transactions (each locks one account, so they cannot deadlock);
 * SQLite has one writer, so one at a time.
 */
const CONCURRENCY = { postgres: 4, sqlite: 1 } as const;

/** One fee run at `now`: due fees charged, suspended subscriptions retried, expired bundles emptied. */
export function runChargeDue(
  database: Database,
  timeZone: string,
  now = new Date(),
): Promise<ChargeDueReport> {
  return chargeDueFees(sqlFeeStore(database.db), {
    now,
    timeZone,
    concurrency: CONCURRENCY[database.engine],
  });
}

/**
 * Runs the fee run every `intervalSeconds` (the first soon after start). Runs never overlap on one
 * node; several nodes may run at once, which the run itself makes safe. A failed run is logged and the
 * next one tries again.
 */
export function startChargeDueScheduler(options: {
  database: Database;
  timeZone: string;
  intervalSeconds: number;
  log: FastifyBaseLogger;
}): Scheduler {
  const { database, timeZone, intervalSeconds, log } = options;

  const tick = async () => {
    const started = performance.now();
    try {
      const report = await runChargeDue(database, timeZone);
      const ms = Math.round(performance.now() - started);
      const busy = report.tariffFees + report.serviceFees + report.unpaid + report.expiredBundles > 0;
      if (busy) log.info({ chargeDue: report, ms }, 'charge-due run');
      else log.debug({ chargeDue: report, ms }, 'charge-due run');
    } catch (error) {
      log.error({ err: error }, 'charge-due run failed; the next run retries');
    }
  };

  return startRepeating({ intervalMs: intervalSeconds * 1000, firstDelayMs: 1_000, run: tick });
}
