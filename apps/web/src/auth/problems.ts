import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';

/** "42 seconds" or "3 minutes" (rounded up): how long to wait before trying again. */
export function waitText(t: TFunction, seconds: number): string {
  return seconds < 120
    ? t('units.seconds', { count: Math.max(1, Math.ceil(seconds)) })
    : t('units.minutes', { count: Math.ceil(seconds / 60) });
}

/**
 * What to tell the person about a failed sign-in call, in their language. The screens handle the codes
 * that change the flow (code_expired, session_ended) themselves; this covers the rest.
 */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('auth.errors.generic');
  if (error.kind === 'network') return t('auth.errors.network');
  const { problem } = error;
  switch (error.code) {
    case 'invalid_msisdn':
      return t('auth.errors.invalidMsisdn');
    case 'too_many_requests':
      return problem.retryAfterSeconds
        ? t('auth.errors.tooManyRequestsWait', { wait: waitText(t, problem.retryAfterSeconds) })
        : t('auth.errors.tooManyRequests');
    case 'resend_too_soon':
      return t('auth.errors.resendTooSoon', { wait: waitText(t, problem.retryAfterSeconds ?? 1) });
    case 'wrong_code':
      return t('auth.errors.wrongCode', { count: problem.triesLeft ?? 0 });
    case 'code_expired':
      return t('auth.errors.codeExpired');
    case 'wrong_credentials':
      return t('auth.errors.wrongCredentials');
    case 'weak_password':
      return t('auth.errors.weakPassword', { reason: problem.reason ?? 'other' });
    case 'weak_pin':
      return t('auth.errors.weakPin');
    case 'wrong_pin':
      return t('auth.errors.wrongPin', { count: problem.triesLeft ?? 0 });
    case 'session_ended':
      return t('auth.errors.sessionEnded');
    default:
      return error.status === 429 ? t('auth.errors.tooManyRequests') : t('auth.errors.generic');
  }
}
