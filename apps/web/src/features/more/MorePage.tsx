import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { moreSections, visibleSections } from '../../app/sections';
import { useSession } from '../../auth/session';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';

/** The phone's "More" tab: the sections that do not fit in the tab bar. */
export default function MorePage() {
  const { t } = useTranslation();
  const signedIn = useSession().data?.state === 'signed_in';
  return (
    <Page title={t('more.title')}>
      <ul className="card list-card">
        {visibleSections(moreSections, signedIn).map((section) => (
          <li key={section.id}>
            <Link
              to={section.path}
              className="list-row list-row--link"
              onPointerEnter={() => void section.preload()}
            >
              <span className="list-row__icon">
                <Icon name={section.icon} size={22} />
              </span>
              <span className="list-row__main">
                <span className="list-row__title">{t(`nav.${section.id}`)}</span>
                <span className="list-row__text">
                  {t(`more.${section.id as 'account' | 'roaming' | 'bonus' | 'settings'}`)}
                </span>
              </span>
              <Icon name="chevronRight" size={18} className="list-row__chevron" />
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
