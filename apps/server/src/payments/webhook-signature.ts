import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@kabinet/core';

export const SIGNATURE_HEADER = 'kabinet-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the sandbox's webhook signature. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/**
 * Accepts a webhook only with a valid signature over its exact body made within `toleranceSeconds` of
 * now (either side): a forged body fails the HMAC, a captured one replayed later is stale.
 */
export function verifyWebhook(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds: number,
): void {
  const parts = new Map<string, string[]>();
  for (const item of (header ?? '').split(',')) {
    const [key, value] = item.trim().split('=', 2);
    if (key && value) parts.set(key, [...(parts.get(key) ?? []), value]);
  }
  const t = Number(parts.get('t')?.[0]);
  const signatures = parts.get('v1') ?? [];
  if (!Number.isSafeInteger(t) || signatures.length === 0) {
    throw new DomainError('invalid_signature', 'The webhook signature header is missing or malformed.');
  }
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) {
    throw new DomainError('invalid_signature', 'The webhook signature is too old (or from the future).');
  }
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const ok = signatures.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new DomainError('invalid_signature', 'The webhook signature does not match its body.');
}
