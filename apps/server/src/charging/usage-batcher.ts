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

  constructor(
    private readonly charge: (events: unknown[]) => Promise<UsageResult[]>,
    private readonly options: {
      maxEventsPerBatch: number;
      /** Transactions that may always run side by side. */
      concurrency: number;
      /** More transactions may start, up to this many, but only for at least `fullBatch` queued events. */
      maxConcurrency?: number;
      fullBatch?: number;
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
    return this.inFlight < maxConcurrency && this.queuedEvents() >= fullBatch;
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
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
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
