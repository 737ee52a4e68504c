import { describe, expect, it } from 'vitest';
import { barLabels, monthWithYear } from './month-label';

describe('spending chart month labels', () => {
  it('names a table row by the month and the whole year, never as a day', () => {
    expect(monthWithYear('2026-08', 'en')).toBe('Aug 2026');
    expect(monthWithYear('2026-08', 'ru')).toBe('авг. 2026 г.');
    expect(monthWithYear('2026-08', 'id')).toBe('Agu 2026');
  });

  it('puts the year under the first bar and under January only', () => {
    expect(barLabels(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'], 'en')).toEqual([
      { month: 'Sep', year: '2025' },
      { month: 'Oct' },
      { month: 'Nov' },
      { month: 'Dec' },
      { month: 'Jan', year: '2026' },
      { month: 'Feb' },
    ]);
    expect(barLabels(['2026-06', '2026-07', '2026-08'], 'ru')).toEqual([
      { month: 'июнь', year: '2026' },
      { month: 'июль' },
      { month: 'авг.' },
    ]);
    expect(barLabels(['2026-12', '2027-01'], 'id')).toEqual([
      { month: 'Des', year: '2026' },
      { month: 'Jan', year: '2027' },
    ]);
  });
});
