import { describe, expect, it } from 'vitest';
import { bucketDailyUse, dailyUseWindow } from './daily-data-use';

const MOSCOW = 'Europe/Moscow'; // UTC+3 all year

describe('daily data use', () => {
  it('spans the last N local days, from local midnight of the first to local midnight after today', () => {
    // 2026-11-26 09:00 UTC is 12:00 in Moscow; 3 days: 24, 25, 26 Nov local.
    const window = dailyUseWindow(new Date('2026-11-26T09:00:00Z'), 3, MOSCOW);
    expect(window.from.toISOString()).toBe('2026-11-23T21:00:00.000Z'); // 24 Nov 00:00 Moscow
    expect(window.until.toISOString()).toBe('2026-11-26T21:00:00.000Z'); // 27 Nov 00:00 Moscow
  });

  it('counts a session on the local day it started, and every day, empty ones as 0', () => {
    const window = dailyUseWindow(new Date('2026-11-26T09:00:00Z'), 3, MOSCOW);
    const days = bucketDailyUse(
      [
        // 23:30 UTC on 24 Nov is 02:30 on 25 Nov in Moscow.
        { startedAt: '2026-11-24T23:30:00.000Z', bytes: 1_500_000 },
        { startedAt: '2026-11-25T10:00:00.000Z', bytes: 500_000 },
        // 20:59 UTC on 23 Nov is 23:59 on 23 Nov in Moscow: outside the window, not counted.
        { startedAt: '2026-11-23T20:59:00.000Z', bytes: 9_999 },
        { startedAt: '2026-11-26T08:00:00.000Z', bytes: 100 },
      ],
      window,
      MOSCOW,
    );
    // 25 Nov: 1,500,000 + 500,000 = 2,000,000.
    expect(days).toEqual([
      { date: '2026-11-24', bytes: 0 },
      { date: '2026-11-25', bytes: 2_000_000 },
      { date: '2026-11-26', bytes: 100 },
    ]);
  });
});
