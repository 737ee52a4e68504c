/**
 * The numbers behind sign-in protection. They are rules of the product, not settings: a code that lives
 * longer or allows more tries is weaker, and the subscriber-facing texts quote them.
 */
export const SIGN_IN_RULES = {
  /** A one-time code is valid this long after it was last sent. */
  codeTtlSeconds: 300,
  /** Wrong tries allowed per code; the next try needs a new code. */
  codeMaxTries: 5,
  codeDigits: 6,
  /** Wrong PINs on a device before its session ends and a new SMS code is needed. */
  pinMaxFailures: 3,
  /** Wrong passwords in a row before password sign-in pauses for this number. */
  passwordMaxFailures: 5,
  passwordLockMinutes: 15,
  /** How often a session's last-use time is written (a write per request would be waste). */
  sessionTouchSeconds: 60,
} as const;

export interface SessionTimes {
  lastUsedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** A session is live until revoked, until its absolute expiry, and until it sits unused for the idle time. */
export function isSessionLive(session: SessionTimes, now: Date, idleHours: number): boolean {
  if (session.revokedAt !== null) return false;
  if (now.getTime() >= Date.parse(session.expiresAt)) return false;
  return now.getTime() < Date.parse(session.lastUsedAt) + idleHours * 3_600_000;
}
