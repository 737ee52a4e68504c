import type { TFunction } from 'i18next';
import { ApiError } from '../../api/http';
import { waitText } from '../../auth/problems';

/** What to tell the person about a failed money-in call, in their language. */
export function moneyInProblem(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('moneyIn.errors.generic');
  if (error.kind === 'network') return t('moneyIn.errors.network');
  const { problem } = error;
  switch (error.code) {
    case 'wrong_voucher_code':
      return t('moneyIn.errors.wrongCode', { count: problem.triesLeft ?? 0 });
    case 'too_many_attempts':
      return t('moneyIn.errors.tooManyAttempts', { wait: waitText(t, problem.retryAfterSeconds ?? 60) });
    case 'validation_failed':
      return t('moneyIn.errors.notCode');
    case 'not_eligible':
      return t('moneyIn.errors.notEligible');
    default:
      return t('moneyIn.errors.generic');
  }
}
