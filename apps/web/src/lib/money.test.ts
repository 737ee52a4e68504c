import { describe, expect, it } from 'vitest';
import { formatMoney, formatUnitPrice, minorDigits, parseMoneyInput, toDecimalString } from './money';

// Expected strings are literal, as Intl (ICU/CLDR) prints them; \u00a0 is a no-break space.
describe('minorDigits', () => {
  it('comes from the currency, not the UI language', () => {
    expect(minorDigits('RUB')).toBe(2);
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });
});

describe('toDecimalString', () => {
  it('places the decimal point exactly, without floats', () => {
    expect(toDecimalString(150050, 2)).toBe('1500.50');
    expect(toDecimalString(5, 2)).toBe('0.05');
    expect(toDecimalString(-1999, 2)).toBe('-19.99');
    expect(toDecimalString(0, 0)).toBe('0');
    expect(toDecimalString(350_000, 8)).toBe('0.00350000');
    expect(toDecimalString(9_007_199_254_740_991, 2)).toBe('90071992547409.91');
  });

  it('refuses values that are not safe integers', () => {
    expect(() => toDecimalString(1.5, 2)).toThrow(RangeError);
    expect(() => toDecimalString(2 ** 53, 2)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('formats kopecks in English, Russian and Indonesian', () => {
    expect(formatMoney(150000, 'RUB', 'en')).toBe('₽1,500');
    expect(formatMoney(150050, 'RUB', 'en')).toBe('₽1,500.50');
    expect(formatMoney(150000, 'RUB', 'ru')).toBe('1\u00a0500\u00a0₽');
    expect(formatMoney(150050, 'RUB', 'ru')).toBe('1\u00a0500,50\u00a0₽');
    expect(formatMoney(150050, 'RUB', 'id')).toBe('₽1.500,50');
  });

  it('shows every minor digit of a fractional amount and keeps the sign', () => {
    expect(formatMoney(5, 'RUB', 'en')).toBe('₽0.05');
    expect(formatMoney(-1999, 'RUB', 'en')).toBe('-₽19.99');
    expect(formatMoney(999, 'USD', 'en')).toBe('$9.99');
  });

  it('uses the currency minor digits: none for JPY, three for KWD', () => {
    expect(formatMoney(250, 'JPY', 'en')).toBe('¥250');
    expect(formatMoney(1234567, 'KWD', 'en')).toBe('KWD\u00a01,234.567');
  });
});

describe('formatUnitPrice', () => {
  it('formats micros of a minor unit, keeping sub-kopeck precision', () => {
    expect(formatUnitPrice(150_000_000, 'RUB', 'en')).toBe('₽1.50');
    expect(formatUnitPrice(1_000_000, 'RUB', 'en')).toBe('₽0.01');
    expect(formatUnitPrice(350_000, 'RUB', 'en')).toBe('₽0.0035');
    expect(formatUnitPrice(350_000, 'RUB', 'ru')).toBe('0,0035\u00a0₽');
    expect(formatUnitPrice(0, 'RUB', 'en')).toBe('₽0');
  });
});

describe('parseMoneyInput', () => {
  it('reads major units as exact minor units', () => {
    expect(parseMoneyInput('500', 'RUB')).toBe(50_000);
    expect(parseMoneyInput('500.5', 'RUB')).toBe(50_050);
    expect(parseMoneyInput('1 500,50', 'RUB')).toBe(150_050);
    expect(parseMoneyInput('0.07', 'RUB')).toBe(7);
    expect(parseMoneyInput('1500', 'JPY')).toBe(1_500);
  });

  it('refuses what is not an amount or is finer than the currency', () => {
    expect(parseMoneyInput('', 'RUB')).toBeNull();
    expect(parseMoneyInput('-5', 'RUB')).toBeNull();
    expect(parseMoneyInput('5.001', 'RUB')).toBeNull();
    expect(parseMoneyInput('1.5', 'JPY')).toBeNull();
    expect(parseMoneyInput('abc', 'RUB')).toBeNull();
  });
});
