import { describe, expect, it } from 'vitest';
import { formatDataBytes, wholeMinutes } from './units';

describe('formatDataBytes', () => {
  it('uses decimal multiples: 1 GB is 10^9 bytes', () => {
    expect(formatDataBytes(15_000_000_000, 'en')).toBe('15 GB');
    expect(formatDataBytes(1_500_000_000, 'en')).toBe('1.5 GB');
    expect(formatDataBytes(1_234_567_890, 'en')).toBe('1.23 GB');
    expect(formatDataBytes(500_000_000, 'en')).toBe('500 MB');
    expect(formatDataBytes(999_999_999, 'en')).toBe('1,000 MB');
    expect(formatDataBytes(102_400, 'en')).toBe('102.4 kB');
  });

  it('names the units in the UI language', () => {
    expect(formatDataBytes(15_000_000_000, 'ru')).toBe('15 ГБ');
    expect(formatDataBytes(1_500_000_000, 'ru')).toBe('1,5 ГБ');
    expect(formatDataBytes(500_000_000, 'ru')).toBe('500 МБ');
    expect(formatDataBytes(1_500_000_000, 'id')).toBe('1,5 GB');
  });
});

describe('wholeMinutes', () => {
  it('never overstates a voice allowance', () => {
    expect(wholeMinutes(30_000)).toBe(500);
    expect(wholeMinutes(90)).toBe(1);
    expect(wholeMinutes(59)).toBe(0);
  });
});
