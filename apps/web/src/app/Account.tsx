import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { onSessionLost } from '../api/http';
import type { SessionView } from '../auth/api';
import { chooseLine, endSession, recheckSession, signOut, useCurrentLine } from '../auth/session';
import { formatMsisdn } from '../lib/phone';
import { Icon } from '../ui/Icon';
import { paths, to } from './routes';

/**
 * Reacts when any call finds the session locked (the layout then asks for the PIN) or over (a private
 * screen then sends the person to sign in again, and back afterwards; see RequireSignedIn).
 */
export function useSessionLossHandling() {
  useEffect(() => {
    onSessionLost((code) => {
      if (code === 'session_ended') endSession('ended');
      else void recheckSession().catch(() => undefined); // the session query shows its own error
    });
  }, []);
}

/** The header's switch between the lines this sign-in manages (only when there is more than one). */
export function LineSwitcher({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const id = useId();
  const current = useCurrentLine(session);
  if (session.lines.length < 2) {
    return (
      <span className="line-switch line-switch--single" title={t('account.currentLine')}>
        <span className="sr-only">{t('account.currentLine')}: </span>
        {formatMsisdn(current ?? session.msisdn)}
      </span>
    );
  }
  return (
    <div className="line-switch">
      <label htmlFor={id} className="sr-only">
        {t('account.currentLine')}
      </label>
      <select id={id} value={current ?? ''} onChange={(event) => chooseLine(event.target.value)}>
        {session.lines.map((line) => (
          <option key={line.msisdn} value={line.msisdn}>
            {formatMsisdn(line.msisdn)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The sign-in entry of the header for visitors. */
export function SignInLink() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  if (pathname.startsWith(paths.signIn)) return null;
  const next = pathname === paths.home ? undefined : pathname + search;
  return (
    <Link to={to.signIn({ next })} className="button button--primary button--small topbar__sign-in">
      {t('auth.signIn.action')}
    </Link>
  );
}

/** A sign-out button; after signing out the person lands on the public home screen. */
export function SignOutButton({ className = 'button button--secondary' }: { className?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() => {
          setPending(true);
          setFailed(false);
          signOut()
            .then(() => navigate(to.home(), { replace: true }))
            .catch(() => setFailed(true))
            .finally(() => setPending(false));
        }}
      >
        <Icon name="signOut" size={20} />
        {pending ? t('account.signingOut') : t('account.signOut')}
      </button>
      {failed ? (
        <p className="field__error" role="alert">
          {t('auth.errors.generic')}
        </p>
      ) : null}
    </>
  );
}

/** The desktop sidebar's account block: who is signed in, their settings, sign out. */
export function SidebarAccount({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  return (
    <div className="sidebar__account">
      <p className="sidebar__who">
        <span className="sidebar__name">{session.customerName ?? formatMsisdn(session.msisdn)}</span>
        {session.customerName ? (
          <span className="sidebar__number">{formatMsisdn(session.msisdn)}</span>
        ) : null}
      </p>
      <ul>
        <li>
          <NavLink to={to.security()} className="sidebar__link">
            <Icon name="lock" size={22} />
            <span>{t('security.title')}</span>
          </NavLink>
        </li>
        <li>
          <NavLink to={to.numbers()} className="sidebar__link">
            <Icon name="lines" size={22} />
            <span>{t('numbers.title')}</span>
          </NavLink>
        </li>
      </ul>
      <SignOutButton className="button button--ghost sidebar__sign-out" />
    </div>
  );
}
