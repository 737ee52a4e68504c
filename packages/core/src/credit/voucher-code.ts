import { randomInt } from 'node:crypto';

/**
 * Voucher codes: 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L), printed in groups
 * of four. 31^16 ≈ 7·10^23 codes, so a guess succeeds with odds far below any lottery even before the
 * lockout; that entropy is why a keyed hash (HMAC) is enough to store them.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const VOUCHER_CODE_LENGTH = 16;

export function newVoucherCode(): string {
  let code = '';
  for (let i = 0; i < VOUCHER_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/**
 * The code as it is hashed: upper case, without spaces and dashes, as people type codes off a card.
 * Undefined when it cannot be a code at all (it is then not even counted as a guess of a real one).
 */
export function normaliseVoucherCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== VOUCHER_CODE_LENGTH) return undefined;
  for (const ch of code) if (!ALPHABET.includes(ch)) return undefined;
  return code;
}
