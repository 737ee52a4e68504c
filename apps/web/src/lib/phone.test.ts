import { describe, expect, it } from 'vitest';
import { digitsOnly, displayTypedNumber, formatCountdown, formatMsisdn, isPinShape } from './phone';

// How the formatter writes "+7 900 000-00-01": no-break spaces and no-break hyphens.
const shown = (text: string) => text.replace(/ /g, '\u00a0').replace(/-/g, '\u2011');

describe('formatMsisdn', () => {
  it('groups +7 numbers as 3-3-2-2', () => {
    expect(formatMsisdn('+79000000001')).toBe(shown('+7 900 000-00-01'));
    expect(formatMsisdn('+79161234567')).toBe(shown('+7 916 123-45-67'));
  });

  it('leaves other numbers as they are', () => {
    expect(formatMsisdn('+6281234567890')).toBe('+6281234567890');
    expect(formatMsisdn('+7900')).toBe('+7900');
  });
});

describe('digitsOnly', () => {
  it('keeps digits of a pasted code, up to the length', () => {
    expect(digitsOnly(' 123-456 ', 6)).toBe('123456');
    expect(digitsOnly('12345678', 6)).toBe('123456');
    expect(digitsOnly('abc', 6)).toBe('');
  });
});

describe('isPinShape', () => {
  it('accepts 4 to 6 digits only', () => {
    expect(isPinShape('1234')).toBe(true);
    expect(isPinShape('123456')).toBe(true);
    expect(isPinShape('123')).toBe(false);
    expect(isPinShape('1234567')).toBe(false);
    expect(isPinShape('12a4')).toBe(false);
  });
});

describe('formatCountdown', () => {
  it('shows minutes and two-digit seconds, rounding a started second up', () => {
    expect(formatCountdown(42)).toBe('0:42');
    // 65 s = 1 min 5 s
    expect(formatCountdown(65)).toBe('1:05');
    expect(formatCountdown(0.2)).toBe('0:01');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});

describe('displayTypedNumber', () => {
  it('shows the national forms people type as +7', () => {
    expect(displayTypedNumber('8 900 000-00-01')).toBe(shown('+7 900 000-00-01'));
    expect(displayTypedNumber('9000000005')).toBe(shown('+7 900 000-00-05'));
    expect(displayTypedNumber('+7 (900) 000 00 03')).toBe(shown('+7 900 000-00-03'));
  });

  it('leaves other numbers as typed', () => {
    expect(displayTypedNumber(' +62 812 3456 7890 ')).toBe('+62 812 3456 7890');
    expect(displayTypedNumber('+8 900 000 00 01')).toBe('+8 900 000 00 01');
  });
});
