import type { FastifyBaseLogger } from 'fastify';
import type { PaymentService } from '../payments/payment-service';
import type { Scheduler } from './charge-due';

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
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

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
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule(intervalSeconds * 1000);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(Math.min(2_000, intervalSeconds * 1000));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
