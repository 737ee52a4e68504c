import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dailyDataUseQuery } from '../../api/lines';
import { currentLanguage } from '../../i18n';
import { formatLocalDay } from '../../lib/dates';
import { formatDataBytes } from '../../lib/units';
import { ErrorState, Loading, SkeletonLine } from '../../ui/states';

/** Internet used per day over the last 30 days: bars to see the shape, a table for the exact figures. */
export function DailyUseChart({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const query = useQuery(dailyDataUseQuery(msisdn));
  let body: ReactNode;
  if (query.isError) {
    body = (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    );
  } else if (!query.data) {
    body = (
      <Loading>
        <SkeletonLine height="8rem" />
      </Loading>
    );
  } else {
    const { days } = query.data;
    const highest = Math.max(1, ...days.map((d) => d.bytes));
    const total = days.reduce((sum, d) => sum + d.bytes, 0);
    body = (
      <>
        <p className="daily-use__total">
          {t('lineInternet.dailyTotal', { total: formatDataBytes(total, language), count: days.length })}
        </p>
        <div className="daily-use" aria-hidden="true">
          {days.map((d) => (
            <span
              key={d.date}
              className="daily-use__bar"
              title={`${formatLocalDay(d.date, language)}: ${formatDataBytes(d.bytes, language)}`}
              // Height is the share of the busiest day: a picture only; the table has the figures.
              style={{ height: `${Math.max(2, (d.bytes / highest) * 100)}%` }}
            />
          ))}
        </div>
        <div className="daily-use__axis" aria-hidden="true">
          <span>{formatLocalDay(days[0]!.date, language)}</span>
          <span>{formatLocalDay(days.at(-1)!.date, language)}</span>
        </div>
        <table className="sr-only">
          <caption>{t('lineInternet.dailyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lineInternet.day')}</th>
              <th scope="col">{t('lineInternet.used')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{formatLocalDay(d.date, language)}</th>
                <td>{formatDataBytes(d.bytes, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }
  return (
    <section className="section" aria-labelledby="daily-use-title">
      <h2 className="section__title" id="daily-use-title">
        {t('lineInternet.dailyTitle')}
      </h2>
      <div className="card">{body}</div>
    </section>
  );
}
