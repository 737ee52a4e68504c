import type { FastifyBaseLogger } from 'fastify';
import type { PaymentService } from '../payments/payment-service';
import { type Scheduler, startRepeating } from './scheduler';

/**
 * Runs auto top-up, and closes payments the payer abandoned, every `intervalSeconds` (the first soon after start). Runs never overlap on one
 * node; several nodes may run at once: each trigger's payment key is UNIQUE per account, so only the
 * node that inserts it charges the card. A failed run is logged and the next one tries again.
 */
export function startAutoTopUpScheduler(options: {
  payments: PaymentService;
  intervalSeconds: number;
  log: FastifyBaseLogger;
}): Scheduler {
  const { payments, intervalSeconds, log } = options;

  const tick = async () => {
    try {
      const report = await payments.runAutoTopUps();
      const expired = await payments.expireAbandoned();
      if (report.charged + report.failed + expired > 0) {
        log.info({ autoTopUp: report, abandonedClosed: expired }, 'payments run');
      } else log.debug({ autoTopUp: report, abandonedClosed: expired }, 'payments run');
    } catch (error) {
      log.error({ err: error }, 'auto top-up run failed; the next run retries');
    }
  };
  return startRepeating({ intervalMs: intervalSeconds * 1000, firstDelayMs: 2_000, run: tick });
}
