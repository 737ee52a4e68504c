import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext } from '../../app/routes';
import { authApi } from '../../auth/api';
import { problemMessage } from '../../auth/problems';
import { acceptSignedIn, useSession } from '../../auth/session';
import { Field, Notice } from '../../ui/form';
import { AuthCard } from './parts';
import { OtherWays } from './SignInPage';

export default function PasswordSignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const [msisdn, setMsisdn] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (session.data?.state === 'signed_in') return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!msisdn.trim() || !password) {
      setError(t('auth.errors.numberAndPassword'));
      return;
    }
    setPending(true);
    try {
      acceptSignedIn(await authApi.passwordSignIn(msisdn.trim(), password));
      navigate(next, { replace: true });
    } catch (failure) {
      setError(problemMessage(t, failure));
      setPassword('');
    } finally {
      setPending(false);
    }
  }

  return (
    <AuthCard title={t('auth.password.title')} lead={t('auth.password.lead')}>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label={t('auth.number.label')}
          hint={t('auth.number.hint')}
          type="tel"
          name="username"
          autoComplete="username"
          inputMode="tel"
          value={msisdn}
          onChange={(event) => setMsisdn(event.target.value)}
          required
        />
        <Field
          label={t('auth.password.label')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
        {error ? <Notice tone="error">{error}</Notice> : null}
        <button type="submit" className="button button--primary button--wide" disabled={pending}>
          {pending ? t('auth.checking') : t('auth.signIn.submit')}
        </button>
      </form>
      <OtherWays next={next} current="password" />
    </AuthCard>
  );
}
