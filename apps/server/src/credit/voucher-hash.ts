import { createHmac } from 'node:crypto';

/**
 * Vouchers are stored as HMAC-SHA256 of the normalised code under VOUCHER_SECRET: a database dump
 * alone redeems nothing, and a code's 79 bits of entropy make a slow hash unnecessary.
 */
export function voucherCodeHash(secret: string, normalisedCode: string): string {
  return createHmac('sha256', secret).update(normalisedCode).digest('hex');
}
