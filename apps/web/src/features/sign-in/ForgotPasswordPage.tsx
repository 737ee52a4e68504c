import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { safeNext } from '../../app/routes';
import { authApi } from '../../auth/api';
import { problemMessage } from '../../auth/problems';
import { acceptSignedIn } from '../../auth/session';
import { displayTypedNumber } from '../../lib/phone';
import { Field, Notice } from '../../ui/form';
import { AuthCard, CodeField, NumberForm, ResendCode, type SentCode } from './parts';

/** A new password from a code sent to the number (purpose password_reset); signs in when it is set. */
function ResetForm({
  sent,
  onResent,
  onExpired,
  onDone,
}: {
  sent: SentCode;
  onResent: (sent: SentCode) => void;
  onExpired: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setCodeError(null);
    setPasswordError(null);
    setFormError(null);
    if (code.length !== 6) {
      setCodeError(t('auth.errors.codeShape'));
      return;
    }
    if (!password) {
      setPasswordError(t('auth.errors.passwordRequired'));
      return;
    }
    setPending(true);
    try {
      acceptSignedIn(await authApi.resetPassword(sent.challengeId, code, password));
      onDone();
    } catch (error) {
      const problem = error instanceof ApiError ? error.code : undefined;
      if (problem === 'code_expired') onExpired();
      else if (problem === 'wrong_code') {
        setCodeError(problemMessage(t, error));
        setCode('');
      } else if (problem === 'weak_password') setPasswordError(problemMessage(t, error));
      else setFormError(problemMessage(t, error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="auth__sent-to">{t('auth.code.sentTo', { number: displayTypedNumber(sent.msisdn) })}</p>
      <CodeField value={code} onChange={setCode} error={codeError} />
      <Field
        label={t('auth.password.new')}
        hint={t('auth.password.rule')}
        error={passwordError}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        required
      />
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <button type="submit" className="button button--primary button--wide" disabled={pending}>
        {pending ? t('auth.saving') : t('auth.forgot.submit')}
      </button>
      <ResendCode sent={sent} onResent={onResent} onExpired={onExpired} />
    </form>
  );
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const [sent, setSent] = useState<SentCode | null>(null);
  const [expired, setExpired] = useState(false);

  if (sent) {
    return (
      <AuthCard title={t('auth.forgot.newTitle')} step="reset">
        <ResetForm
          sent={sent}
          onResent={setSent}
          onExpired={() => {
            setExpired(true);
            setSent(null);
          }}
          onDone={() => navigate(next, { replace: true })}
        />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth.forgot.title')} lead={t('auth.forgot.lead')} step="number">
      {expired ? <Notice tone="error">{t('auth.errors.codeExpired')}</Notice> : null}
      <NumberForm
        purpose="password_reset"
        submitLabel={t('auth.signIn.getCode')}
        onSent={(code) => {
          setExpired(false);
          setSent(code);
        }}
      />
    </AuthCard>
  );
}
