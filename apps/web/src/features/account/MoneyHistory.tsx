import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moneyHistoryQuery } from '../../api/lines';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { Notice } from '../../ui/form';
import { EmptyState, ErrorState, Loading, SkeletonList } from '../../ui/states';

/** Payments and charges: every money movement of the line and its account, with the balance after it. */
export function MoneyHistory({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const query = useInfiniteQuery(moneyHistoryQuery(msisdn));
  const first = query.data?.pages[0];
  const entries = query.data?.pages.flatMap((p) => p.entries) ?? [];
  let body: ReactNode;
  if (!first) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    ) : (
      <Loading>
        <SkeletonList rows={4} />
      </Loading>
    );
  } else if (entries.length === 0) {
    body = <EmptyState>{t('history.empty')}</EmptyState>;
  } else {
    const money = (minor: number) => formatMoney(minor, first.currency, language);
    body = (
      <>
        <ul className="card list-card" aria-label={t('history.listLabel')}>
          {entries.map((entry) => (
            <li className="list-row detail-row" key={entry.id}>
              <div className="detail-row__main">
                <span className="detail-row__what">{t('history.kind', { kind: entry.kind })}</span>
                <span className="detail-row__meta">
                  {formatDateTime(entry.at, language)} ·{' '}
                  {t('history.balanceAfter', { balance: money(entry.balanceAfter) })}
                </span>
              </div>
              <span
                className={
                  entry.amount > 0 ? 'detail-row__amount detail-row__amount--in' : 'detail-row__amount'
                }
              >
                {entry.amount > 0 ? `+${money(entry.amount)}` : money(entry.amount)}
              </span>
            </li>
          ))}
        </ul>
        {query.hasNextPage ? (
          <button
            type="button"
            className="button button--secondary button--wide"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? t('state.loading') : t('details.more')}
          </button>
        ) : null}
        {query.isFetchNextPageError ? <Notice tone="error">{t('details.moreFailed')}</Notice> : null}
      </>
    );
  }
  return (
    <section className="section" aria-labelledby="history-title">
      <h2 className="section__title" id="history-title">
        {t('history.title')}
      </h2>
      {body}
    </section>
  );
}
