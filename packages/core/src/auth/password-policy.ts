import { dictionary } from '@zxcvbn-ts/language-common';

export type WeakPasswordReason = 'too_short' | 'too_long' | 'too_common' | 'contains_number';

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes any length, but a megabyte "password" is an attack on CPU, not a password. */
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  // ~49,000 passwords seen most in breaches (zxcvbn's list); built once, on first use.
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/**
 * Length and "not a known password" are what actually resists guessing (NIST SP 800-63B 5.1.1.2);
 * composition rules are not. The subscriber's own number is the first thing an attacker tries.
 */
export function weakPasswordReason(password: string, msisdn: string): WeakPasswordReason | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'too_common';
  // Repeats of one character or of a short common password ("qwertyqwerty") are as weak as the base.
  if (/^(.)\1+$/.test(password)) return 'too_common';
  for (let size = 1; size <= lower.length / 2; size += 1) {
    if (lower.length % size === 0 && lower.slice(0, size).repeat(lower.length / size) === lower) {
      return 'too_common';
    }
  }
  const digits = msisdn.replace(/\D/g, '');
  if (password.replace(/\D/g, '').includes(digits.slice(-7))) return 'contains_number';
  return null;
}
