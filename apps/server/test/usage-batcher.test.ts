import type { UsageResult } from '@kabinet/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsageBatcher } from '../src/charging/usage-batcher';

/** A charge function whose transactions finish only when the test says so. */
function controlledCharge() {
  const calls: { events: unknown[]; finish: () => void; fail: (e: Error) => void }[] = [];
  const charge = (events: unknown[]) =>
    new Promise<UsageResult[]>((resolve, reject) => {
      calls.push({
        events,
        finish: () => resolve(events.map((e) => ({ id: String(e), status: 'charged' as const }))),
        fail: reject,
      });
    });
  return { calls, charge };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('usage batcher (group commit)', () => {
  it('charges at once when idle and merges what arrives meanwhile into the next transaction', async () => {
    const { calls, charge } = controlledCharge();
    const batcher = new UsageBatcher(charge, { maxEventsPerBatch: 100, concurrency: 1 });
    const first = batcher.submit(['a']);
    await tick();
    expect(calls.map((c) => c.events)).toEqual([['a']]);
    const second = batcher.submit(['b', 'c']);
    const third = batcher.submit(['d']);
    await tick();
    expect(calls).toHaveLength(1); // waiting for the first commit
    calls[0]!.finish();
    expect((await first).map((r) => r.id)).toEqual(['a']);
    await tick();
    expect(calls[1]!.events).toEqual(['b', 'c', 'd']);
    calls[1]!.finish();
    // Each request gets exactly its own results, in its own order.
    expect((await second).map((r) => r.id)).toEqual(['b', 'c']);
    expect((await third).map((r) => r.id)).toEqual(['d']);
    expect(batcher.pending).toBe(0);
  });

  it('never puts more than the maximum in one transaction, unless one request alone is bigger', async () => {
    const { calls, charge } = controlledCharge();
    const batcher = new UsageBatcher(charge, { maxEventsPerBatch: 3, concurrency: 1 });
    void batcher.submit(['x']);
    await tick();
    void batcher.submit(['a', 'b']);
    void batcher.submit(['c', 'd']);
    void batcher.submit(['e', 'f', 'g', 'h']);
    calls[0]!.finish();
    await tick();
    expect(calls[1]!.events).toEqual(['a', 'b']);
    calls[1]!.finish();
    await tick();
    expect(calls[2]!.events).toEqual(['c', 'd']);
    calls[2]!.finish();
    await tick();
    expect(calls[3]!.events).toEqual(['e', 'f', 'g', 'h']);
  });

  it('starts extra transactions only for a full batch', async () => {
    const { calls, charge } = controlledCharge();
    const batcher = new UsageBatcher(charge, {
      maxEventsPerBatch: 10,
      concurrency: 1,
      maxConcurrency: 2,
      fullBatch: 5,
    });
    void batcher.submit(['1']);
    await tick();
    void batcher.submit(['2', '3']);
    await tick();
    expect(calls).toHaveLength(1); // two queued events do not justify a second transaction
    void batcher.submit(['4', '5', '6']);
    await tick();
    expect(calls).toHaveLength(2); // five queued events do
    expect(calls[1]!.events).toEqual(['2', '3', '4', '5', '6']);
  });

  it('fails every request of a failed transaction, and goes on with the next', async () => {
    const { calls, charge } = controlledCharge();
    const batcher = new UsageBatcher(charge, { maxEventsPerBatch: 10, concurrency: 1 });
    const first = batcher.submit(['a']);
    await tick();
    const second = batcher.submit(['b']);
    calls[0]!.fail(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await tick();
    calls[1]!.finish();
    expect((await second).map((r) => r.id)).toEqual(['b']);
  });

  describe('a stuck transaction', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('lets the next one start once it has run stalledAfterMs, not before', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      const { calls, charge } = controlledCharge();
      const batcher = new UsageBatcher(charge, {
        maxEventsPerBatch: 100,
        concurrency: 1,
        maxConcurrency: 2,
        stalledAfterMs: 10,
      });
      void batcher.submit(['held']); // say it waits for a lock
      await tick();
      void batcher.submit(['a']);
      vi.advanceTimersByTime(6);
      void batcher.submit(['b']);
      await tick();
      expect(calls).toHaveLength(1);
      vi.advanceTimersByTime(3); // 9 ms
      await tick();
      expect(calls).toHaveLength(1);
      vi.advanceTimersByTime(1); // 10 ms
      await tick();
      expect(calls.map((c) => c.events)).toEqual([['held'], ['a', 'b']]);

      // Both in flight count now: a third starts only when the newer one has also run 10 ms.
      void batcher.submit(['c']);
      vi.advanceTimersByTime(9);
      await tick();
      expect(calls).toHaveLength(2); // maxConcurrency 2 holds it anyway
      calls[0]!.finish();
      await tick();
      await tick();
      expect(calls).toHaveLength(2); // 'a, b' has run 9 ms: not stuck yet
      vi.advanceTimersByTime(1);
      await tick();
      expect(calls.map((c) => c.events)).toEqual([['held'], ['a', 'b'], ['c']]);
    });

    it('without stalledAfterMs, waits for it however long it takes', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      const { calls, charge } = controlledCharge();
      const batcher = new UsageBatcher(charge, { maxEventsPerBatch: 100, concurrency: 1, maxConcurrency: 2 });
      void batcher.submit(['held']);
      await tick();
      void batcher.submit(['a']);
      vi.advanceTimersByTime(60_000);
      await tick();
      expect(calls).toHaveLength(1);
    });
  });
});
