import { describe, expect, it } from 'vitest';
import { dayIn, lastMonths, presetPeriod } from './period';

describe('details periods', () => {
  it('takes the calendar day in the billing zone, not UTC', () => {
    // 22:30 UTC on 30 Nov is 01:30 on 1 Dec in Moscow (UTC+3).
    expect(dayIn(new Date('2026-11-30T22:30:00Z'), 'Europe/Moscow')).toBe('2026-12-01');
    expect(dayIn(new Date('2026-11-30T22:30:00Z'), 'UTC')).toBe('2026-11-30');
  });

  it('this month runs from the 1st to today', () => {
    expect(presetPeriod('thisMonth', '2026-11-26')).toEqual({ from: '2026-11-01', to: '2026-11-26' });
  });

  it('last month is the whole previous calendar month, across a year and a leap February', () => {
    expect(presetPeriod('lastMonth', '2026-11-26')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('lastMonth', '2028-03-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('the last 7 and 30 days include today', () => {
    // 26 − 6 = 20; 30 days back from 26 Nov: 26 Nov is day 30, 28 Oct is day 1 (4 Oct days + 26 Nov days).
    expect(presetPeriod('last7', '2026-11-26')).toEqual({ from: '2026-11-20', to: '2026-11-26' });
    expect(presetPeriod('last30', '2026-11-26')).toEqual({ from: '2026-10-28', to: '2026-11-26' });
  });

  it('the last months roll back over a year end, the current one ending today', () => {
    expect(lastMonths('2027-02-10', 4)).toEqual([
      { month: '2026-11', from: '2026-11-01', to: '2026-11-30' },
      { month: '2026-12', from: '2026-12-01', to: '2026-12-31' },
      { month: '2027-01', from: '2027-01-01', to: '2027-01-31' },
      { month: '2027-02', from: '2027-02-01', to: '2027-02-10' },
    ]);
  });
});
