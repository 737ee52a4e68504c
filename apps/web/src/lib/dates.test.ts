import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatLocalDay } from './dates';

describe('dates in the UI language', () => {
  it('formats an instant in the given zone', () => {
    // 2026-11-26T19:32Z is 22:32 in Moscow (UTC+3)
    expect(formatDateTime('2026-11-26T19:32:00Z', 'en', 'Europe/Moscow')).toBe('Nov 26, 2026, 10:32 PM');
    expect(formatDateTime('2026-11-26T19:32:00Z', 'ru', 'Europe/Moscow')).toBe('26 нояб. 2026 г., 22:32');
  });

  it('moves the day with the zone', () => {
    // 22:30 UTC on the 26th is already the 27th in Jakarta (UTC+7)
    expect(formatDate('2026-11-26T22:30:00Z', 'id', 'Asia/Jakarta')).toBe('27 Nov 2026');
  });

  it('keeps a calendar day as it is, in any zone of the browser', () => {
    expect(formatLocalDay('2026-12-01', 'en')).toBe('Dec 1, 2026');
    expect(formatLocalDay('2026-12-01', 'ru')).toBe('1 дек. 2026 г.');
  });
});
