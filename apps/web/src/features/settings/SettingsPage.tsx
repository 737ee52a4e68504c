import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { SignOutButton } from '../../app/Account';
import { to } from '../../app/routes';
import { sessionEndReason, useSession } from '../../auth/session';
import { changeLanguage, currentLanguage } from '../../i18n';
import { isLanguage, languageNames, languages } from '../../i18n/language';
import { formatMsisdn } from '../../lib/phone';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { NotificationsCard } from './NotificationsCard';

/** Who is signed in and the way to their security settings, other numbers and sign-out. */
function AccountCard() {
  const { t } = useTranslation();
  const session = useSession();
  const { pathname } = useLocation();
  if (session.data?.state !== 'signed_in') {
    if (!session.data && !session.isError) return null;
    // Signed out by itself while here (elsewhere, or expired): say so, as the sign-in screen would.
    const ended = sessionEndReason() === 'ended';
    return (
      <section className="card settings-card" aria-labelledby="account-title">
        <h2 className="card__title" id="account-title">
          {t('account.title')}
        </h2>
        {ended ? (
          <p className="card__lead" role="status">
            {t('auth.signIn.sessionEnded')}
          </p>
        ) : (
          <p className="card__lead">{t('account.signedOutLead')}</p>
        )}
        <Link
          to={to.signIn({ next: pathname, reason: ended ? 'ended' : undefined })}
          className="button button--primary"
        >
          {t('auth.signIn.action')}
        </Link>
      </section>
    );
  }
  const { session: view } = session.data;
  return (
    <section className="card settings-card" aria-labelledby="account-title">
      <h2 className="card__title" id="account-title">
        {t('account.title')}
      </h2>
      <p className="account-who">
        <span className="account-who__name">{view.customerName ?? formatMsisdn(view.msisdn)}</span>
        {view.customerName ? <span className="muted">{formatMsisdn(view.msisdn)}</span> : null}
      </p>
      <ul className="list-card list-card--flat">
        <li>
          <Link to={to.security()} className="list-row list-row--link">
            <span className="list-row__icon">
              <Icon name="lock" size={22} />
            </span>
            <span className="list-row__main">
              <span className="list-row__title">{t('security.title')}</span>
              <span className="list-row__text">{t('account.securityHint')}</span>
            </span>
            <Icon name="chevronRight" size={18} className="list-row__chevron" />
          </Link>
        </li>
        <li>
          <Link to={to.numbers()} className="list-row list-row--link">
            <span className="list-row__icon">
              <Icon name="lines" size={22} />
            </span>
            <span className="list-row__main">
              <span className="list-row__title">{t('numbers.title')}</span>
              <span className="list-row__text">{t('account.numbersHint', { count: view.lines.length })}</span>
            </span>
            <Icon name="chevronRight" size={18} className="list-row__chevron" />
          </Link>
        </li>
      </ul>
      <SignOutButton />
    </section>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const selected = currentLanguage();
  return (
    <Page title={t('settings.title')}>
      <div className="settings-stack">
        <AccountCard />
        <NotificationsCard />
        <section className="card settings-card">
          <fieldset className="choice-group">
            <legend className="card__title">{t('settings.languageTitle')}</legend>
            <p className="card__lead">{t('settings.languageLead')}</p>
            {languages.map((language) => (
              <label className="choice" key={language} lang={language}>
                <input
                  type="radio"
                  name="language"
                  value={language}
                  checked={selected === language}
                  onChange={(event) => {
                    if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
                  }}
                />
                <span className="choice__label">{languageNames[language]}</span>
              </label>
            ))}
          </fieldset>
        </section>
      </div>
    </Page>
  );
}
