import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/http';
import { to } from '../../app/routes';
import { authApi } from '../../auth/api';
import { problemMessage } from '../../auth/problems';
import { acceptSignedIn, endSession, signOut } from '../../auth/session';
import { digitsOnly, formatMsisdn } from '../../lib/phone';
import { Field } from '../../ui/form';
import { AuthCard } from '../sign-in/parts';

/**
 * The device has a PIN and this tab has no session key (a reload, a new tab): the PIN unlocks it.
 * The third wrong PIN ends the session on the server; then only an SMS code signs in again.
 */
export default function UnlockScreen({ msisdn, pinTriesLeft }: { msisdn: string; pinTriesLeft: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [pin, setPin] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(
    // Earlier wrong PINs still count: say how many tries are left from the start.
    pinTriesLeft < 3 ? t('auth.unlock.triesLeft', { count: pinTriesLeft }) : null,
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pin.length < 4) {
      setError(t('auth.errors.pinShape'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      acceptSignedIn(await authApi.unlock(pin));
    } catch (failure) {
      setPin('');
      if (failure instanceof ApiError && failure.code === 'session_ended') {
        // The reason is kept with the session's end, so whichever screen notices first (this one, or a
        // private screen behind it sending the person to sign in) says the same thing.
        endSession('pin_locked');
        navigate(to.signIn({ reason: 'pin_locked' }), { replace: true });
        return;
      }
      setError(problemMessage(t, failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <AuthCard title={t('auth.unlock.title')} lead={t('auth.unlock.lead', { number: formatMsisdn(msisdn) })}>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label={t('auth.unlock.pin')}
          error={error}
          className="field__input field__input--code"
          type="password"
          name="pin"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          maxLength={6}
          value={pin}
          onChange={(event) => setPin(digitsOnly(event.target.value, 6))}
          required
          autoFocus
        />
        <button type="submit" className="button button--primary button--wide" disabled={pending}>
          {pending ? t('auth.checking') : t('auth.unlock.submit')}
        </button>
      </form>
      <nav className="auth__other" aria-label={t('auth.otherWays')}>
        <ul>
          <li>
            <Link to={to.signIn()}>{t('auth.unlock.withCode')}</Link>
          </li>
          <li>
            <button
              type="button"
              className="link-button"
              onClick={() => void signOut().then(() => navigate(to.home(), { replace: true }))}
            >
              {t('auth.unlock.notYou')}
            </button>
          </li>
        </ul>
      </nav>
    </AuthCard>
  );
}
