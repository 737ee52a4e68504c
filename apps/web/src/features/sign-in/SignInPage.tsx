import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, to } from '../../app/routes';
import { authApi, oidcQuery, oidcSignInUrl } from '../../auth/api';
import { acceptSignedIn, useSession } from '../../auth/session';
import { Notice } from '../../ui/form';
import { AuthCard, CodeForm, NumberForm, PinForm, type SentCode } from './parts';

type Step = { kind: 'number'; expired?: boolean } | { kind: 'code'; sent: SentCode } | { kind: 'pin' };

/** Why the person is here, when the app sent them: locked out by wrong PINs, the session ended, OIDC failed. */
function ArrivalNotice({ reason, error }: { reason: string | null; error: string | null }) {
  const { t } = useTranslation();
  if (reason === 'pin_locked') return <Notice tone="error">{t('auth.signIn.pinLockedOut')}</Notice>;
  if (reason === 'ended') return <Notice tone="info">{t('auth.signIn.sessionEnded')}</Notice>;
  if (error === 'oidc') return <Notice tone="error">{t('auth.signIn.oidcFailed')}</Notice>;
  return null;
}

/** Other ways in: a password, or the operator's identity provider when one is configured. */
export function OtherWays({ next, current }: { next: string; current: 'code' | 'password' }) {
  const { t } = useTranslation();
  const oidc = useQuery(oidcQuery);
  const nextParam = next === '/' ? undefined : next;
  return (
    <nav className="auth__other" aria-label={t('auth.otherWays')}>
      <ul>
        {current === 'code' ? (
          <li>
            <Link to={to.signInPassword({ next: nextParam })}>{t('auth.signIn.withPassword')}</Link>
          </li>
        ) : (
          <li>
            <Link to={to.signIn({ next: nextParam })}>{t('auth.signIn.withCode')}</Link>
          </li>
        )}
        <li>
          <Link to={to.forgotPassword({ next: nextParam })}>{t('auth.signIn.forgotPassword')}</Link>
        </li>
        {oidc.data ? (
          <li>
            {/* A full page load: the server redirects to the provider. */}
            <a href={oidcSignInUrl}>{t('auth.signIn.withProvider')}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export default function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const session = useSession();
  const [step, setStep] = useState<Step>({ kind: 'number' });
  const [msisdn, setMsisdn] = useState('');

  // Already signed in (another tab, or came back here): nothing to do. During the PIN step the
  // session is already there on purpose.
  if (session.data?.state === 'signed_in' && step.kind !== 'pin') return <Navigate to={next} replace />;

  if (step.kind === 'pin') {
    return (
      <AuthCard title={t('auth.pinSetup.title')} lead={t('auth.pinSetup.lead')} step="pin">
        <PinForm
          submitLabel={t('auth.pinSetup.save')}
          onDone={() => navigate(next, { replace: true })}
          extraAction={
            <button
              type="button"
              className="button button--ghost"
              onClick={() => navigate(next, { replace: true })}
            >
              {t('auth.pinSetup.skip')}
            </button>
          }
        />
      </AuthCard>
    );
  }

  if (step.kind === 'code') {
    return (
      <AuthCard title={t('auth.code.title')} step="code">
        <CodeForm
          sent={step.sent}
          submitLabel={t('auth.signIn.submit')}
          onResent={(sent) => setStep({ kind: 'code', sent })}
          onExpired={() => setStep({ kind: 'number', expired: true })}
          onChangeNumber={() => setStep({ kind: 'number' })}
          verify={async (challengeId, code) => {
            const answer = await authApi.verifyCode(challengeId, code);
            if (answer.session.pinSet) {
              acceptSignedIn(answer);
              navigate(next, { replace: true });
            } else {
              // Offer a PIN before the session lands, so this screen does not redirect away first.
              setStep({ kind: 'pin' });
              acceptSignedIn(answer);
            }
          }}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.signIn.title')} lead={t('auth.signIn.lead')} step="number">
      <ArrivalNotice reason={params.get('reason')} error={params.get('error')} />
      {step.expired ? <Notice tone="error">{t('auth.errors.codeExpired')}</Notice> : null}
      <NumberForm
        purpose="sign_in"
        initial={msisdn}
        submitLabel={t('auth.signIn.getCode')}
        onSent={(sent) => {
          setMsisdn(sent.msisdn);
          setStep({ kind: 'code', sent });
        }}
      />
      <OtherWays next={next} current="code" />
    </AuthCard>
  );
}
