export interface Scheduler {
  /** Stops scheduling and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Calls `run` after `firstDelayMs`, then `intervalMs` after each run ends, so runs never overlap on one
 * node (several nodes are each job's own concern). `run` handles and logs its own failures: the next
 * run is the retry. Timers are unref'd, so a scheduler never keeps the process alive.
 */
export function startRepeating(options: {
  intervalMs: number;
  firstDelayMs: number;
  run: () => Promise<void>;
}): Scheduler {
  const { intervalMs, run } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(Math.min(options.firstDelayMs, intervalMs));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
