import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigationType } from 'react-router';
import { useCatalog } from '../api/catalog';

/** Sets the tab title to "Page · Operator". */
export function useDocumentTitle(page: string) {
  const { t } = useTranslation();
  const operator = useCatalog().data?.operator.name ?? t('app.name');
  useEffect(() => {
    document.title = t('app.documentTitle', { page, operator });
  }, [t, page, operator]);
}

/**
 * A screen: its title (h1) and lead, then content. After an in-app navigation the focus moves to the
 * title, so keyboard and screen-reader users start reading the new screen from its top.
 */
export function Page({
  title,
  lead,
  before,
  children,
}: {
  title: string;
  lead?: ReactNode;
  /** Above the title, e.g. a back link. */
  before?: ReactNode;
  children: ReactNode;
}) {
  useDocumentTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();
  const { key } = useLocation();
  useEffect(() => {
    if (navigationType !== 'POP' && key) heading.current?.focus({ preventScroll: true });
  }, [navigationType, key]);
  return (
    <div className="page">
      <div className="page__header">
        {before}
        <h1 className="page__title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {lead ? <p className="page__lead">{lead}</p> : null}
      </div>
      {children}
    </div>
  );
}
