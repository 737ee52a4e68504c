import type { UsageResult } from '@kabinet/core';

interface Waiting {
  events: readonly unknown[];
  resolve: (results: UsageResult[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for usage: requests that arrive while a batch is being charged wait and are charged
 * together in the next transaction. An idle server charges a request at once (no timer), a busy one
 * turns many small requests into one commit — throughput from batching, not from weaker durability.
 */
export class UsageBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  /** When each transaction in flight started (performance.now()). */
  private readonly started = new Set<{ at: number }>();
  private stallTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly charge: (events: unknown[]) => Promise<UsageResult[]>,
    private readonly options: {
      maxEventsPerBatch: number;
      /** Transactions that may always run side by side. */
      concurrency: number;
      /** More transactions may start, up to this many, but only for at least `fullBatch` queued events. */
      maxConcurrency?: number;
      fullBatch?: number;
      /**
       * …or when every transaction in flight has run this long: it is waiting for a lock or the disk,
       * and requests queued behind it should not wait with it.
       */
      stalledAfterMs?: number;
    },
  ) {}

  submit(events: readonly unknown[]): Promise<UsageResult[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.pump();
    });
  }

  /** Requests waiting or being charged; shutdown waits for zero. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  private queuedEvents(): number {
    let n = 0;
    for (const waiting of this.queue) n += waiting.events.length;
    return n;
  }

  /**
   * Small batches cost the database nearly as much as big ones, so extra transactions only start for
   * a big queue: single-event traffic groups into fewer, fuller commits, bulk traffic gets parallelism.
   */
  private mayStart(): boolean {
    if (this.queue.length === 0) return false;
    if (this.inFlight < this.options.concurrency) return true;
    const { maxConcurrency = this.options.concurrency, fullBatch = Number.POSITIVE_INFINITY } = this.options;
    if (this.inFlight >= maxConcurrency) return false;
    return this.queuedEvents() >= fullBatch || this.stalledFor() <= 0;
  }

  /** Milliseconds until the newest transaction in flight counts as stalled (≤ 0: it does). */
  private stalledFor(): number {
    const { stalledAfterMs } = this.options;
    if (stalledAfterMs === undefined || this.started.size === 0) return Number.POSITIVE_INFINITY;
    let newest = 0;
    for (const { at } of this.started) newest = Math.max(newest, at);
    return newest + stalledAfterMs - performance.now();
  }

  /** Looks again when the transactions in flight would count as stalled, if requests are still waiting. */
  private watchForStall(): void {
    const wait = this.stalledFor();
    if (this.stallTimer || this.queue.length === 0 || !Number.isFinite(wait)) return;
    this.stallTimer = setTimeout(
      () => {
        this.stallTimer = undefined;
        this.pump();
      },
      Math.max(0, wait),
    );
    this.stallTimer.unref();
  }

  private pump(): void {
    while (this.mayStart()) {
      const batch: Waiting[] = [];
      let size = 0;
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        if (batch.length > 0 && size + next.events.length > this.options.maxEventsPerBatch) break;
        batch.push(this.queue.shift()!);
        size += next.events.length;
      }
      this.inFlight++;
      const startedAt = { at: performance.now() };
      this.started.add(startedAt);
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.started.delete(startedAt);
        this.pump();
      });
    }
    this.watchForStall();
  }

  private async run(batch: Waiting[]): Promise<void> {
    try {
      const results = await this.charge(batch.flatMap((w) => w.events));
      let offset = 0;
      for (const waiting of batch) {
        waiting.resolve(results.slice(offset, offset + waiting.events.length));
        offset += waiting.events.length;
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
