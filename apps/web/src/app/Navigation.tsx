import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { Icon } from '../ui/Icon';
import { paths, to } from './routes';
import { moreSections, type Section, sections, tabSections, visibleSections } from './sections';

function SectionLink({ section, className }: { section: Section; className: string }) {
  const { t } = useTranslation();
  return (
    <NavLink
      to={section.path}
      end={section.path === paths.home}
      className={className}
      onPointerEnter={() => void section.preload()}
      onFocus={() => void section.preload()}
    >
      <Icon name={section.icon} size={22} />
      <span className={`${className}-label`}>{t(`nav.${section.id}`)}</span>
    </NavLink>
  );
}

/** Desktop (≥ 900px): every section in a left column. */
export function Sidebar({ account }: { account?: ReactNode }) {
  const { t } = useTranslation();
  const signedIn = useSession().data?.state === 'signed_in';
  return (
    <div className="sidebar">
      <nav aria-label={t('nav.label')}>
        <ul>
          {visibleSections(sections, signedIn).map((section) => (
            <li key={section.id}>
              <SectionLink section={section} className="sidebar__link" />
            </li>
          ))}
        </ul>
      </nav>
      {account ? (
        <nav aria-label={t('account.label')} className="sidebar__section">
          {account}
        </nav>
      ) : null}
    </div>
  );
}

/** Phones: four sections and "More" in a bar at the bottom, within thumb reach. */
export function TabBar() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const inMore = pathname === paths.more || moreSections.some((s) => pathname.startsWith(s.path));
  return (
    <nav className="tabbar" aria-label={t('nav.label')}>
      <ul>
        {tabSections.map((section) => (
          <li key={section.id}>
            <SectionLink section={section} className="tabbar__link" />
          </li>
        ))}
        <li>
          <Link
            to={to.more()}
            className={inMore ? 'tabbar__link active' : 'tabbar__link'}
            aria-current={inMore ? 'page' : undefined}
          >
            <Icon name="more" size={22} />
            <span className="tabbar__link-label">{t('nav.more')}</span>
          </Link>
        </li>
      </ul>
    </nav>
  );
}
