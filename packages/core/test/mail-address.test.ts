import { describe, expect, it } from 'vitest';
import { isEmailAddress, maskEmail } from '../src/messaging/mail-sender';

describe('e-mail addresses we send to', () => {
  it.each([
    'anna.petrova@example.com',
    'Elena@Mail.example',
    "o'brien+details@sub.example.co.uk",
    'x@a-b.example',
  ])('accepts %s', (address) => {
    expect(isEmailAddress(address)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['anna', 'no @'],
    ['@example.com', 'no mailbox'],
    ['anna@example', 'a domain without a dot'],
    ['anna@@example.com', 'two @'],
    ['an na@example.com', 'a space'],
    ['a@example.com, b@example.com', 'a second recipient'],
    ['a@example.com\r\nBcc: b@example.com', 'a header'],
    ['<a@example.com>', 'angle brackets'],
    ['"a b"@example.com', 'a quoted mailbox'],
    ['.anna@example.com', 'a leading dot'],
    ['an..na@example.com', 'two dots in a row'],
    ['anna@-example.com', 'a label starting with a hyphen'],
    ['anna@exa_mple.com', 'an underscore in the domain'],
    [`${'a'.repeat(65)}@example.com`, 'a mailbox over 64 characters'],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(60)}.com`, 'over 254 characters'],
  ])('refuses %j (%s)', (address) => {
    expect(isEmailAddress(address)).toBe(false);
  });

  it('masks all but the first character of the mailbox', () => {
    expect(maskEmail('anna.petrova@example.com')).toBe('a•••@example.com');
    expect(maskEmail('b@work.example.org')).toBe('b•••@work.example.org');
    expect(maskEmail('no-at-sign')).toBe('•••');
  });
});
