import type { FastifyBaseLogger } from 'fastify';
import type { DetailsMailService } from '../exports/details-mail';
import { type Scheduler, startRepeating } from './scheduler';

/**
 * Sends the details mail that did not go out at once: orders waiting for a retry after the relay was
 * unavailable, and orders whose claim ran out because the node sending them stopped. Runs never
 * overlap on one node; on several nodes the claim (a conditional update) keeps each mail to one sender.
 */
export function startDetailsMailScheduler(options: {
  detailsMail: DetailsMailService;
  intervalSeconds: number;
  log: FastifyBaseLogger;
}): Scheduler {
  const { detailsMail, intervalSeconds, log } = options;
  const tick = async () => {
    try {
      const attempted = await detailsMail.runDue();
      if (attempted > 0) log.info({ detailsMailAttempted: attempted }, 'details-mail run');
    } catch (error) {
      log.error({ err: error }, 'details-mail run failed; the next run retries');
    }
  };

  return startRepeating({ intervalMs: intervalSeconds * 1000, firstDelayMs: 5_000, run: tick });
}
