import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { Icon } from '../ui/Icon';

/** Something broke while showing a screen (a bug, or a page chunk gone after a deploy). */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();
  if (error) console.error(error);
  const content = (
    <div className="state state--error" role="alert">
      <Icon name="refresh" size={32} className="state__icon" />
      <h1 className="state__title">{t('state.crashTitle')}</h1>
      <p className="state__text">{t('state.crash')}</p>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        {t('state.reload')}
      </button>
    </div>
  );
  return standalone ? <main className="standalone">{content}</main> : content;
}
