import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRepeating } from '../src/jobs/scheduler';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the in-server job scheduler', () => {
  it('waits the first delay, then the interval after each run ends, never overlapping runs', async () => {
    const starts: number[] = [];
    let release: (() => void) | undefined;
    const run = () => {
      starts.push(Date.now());
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const t0 = Date.now();
    const scheduler = startRepeating({ intervalMs: 10_000, firstDelayMs: 1_000, run });
    await vi.advanceTimersByTimeAsync(999);
    expect(starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([t0 + 1_000]);
    // The first run takes 25 s: no second run starts while it goes on.
    await vi.advanceTimersByTimeAsync(25_000);
    expect(starts).toHaveLength(1);
    release!();
    // The next one comes 10 s after the first ended (at 26 s), not on a fixed beat.
    await vi.advanceTimersByTimeAsync(9_999);
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([t0 + 1_000, t0 + 36_000]);
    release!();
    await scheduler.stop();
  });

  it('stop waits for the run in progress and schedules nothing after it', async () => {
    let finished = false;
    let release: (() => void) | undefined;
    let runs = 0;
    const scheduler = startRepeating({
      intervalMs: 1_000,
      firstDelayMs: 0,
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => {
          release = () => {
            finished = true;
            resolve();
          };
        });
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stopped).toBe(false);
    release!();
    await stopping;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(1);
  });

  it('takes the interval as the first delay when it is the shorter', async () => {
    let runs = 0;
    const scheduler = startRepeating({
      intervalMs: 500,
      firstDelayMs: 2_000,
      run: async () => {
        runs += 1;
      },
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(1);
    await scheduler.stop();
  });
});
