import type { DetailType, UsageDetails } from '@kabinet/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usageTotalsQuery } from '../../api/lines';
import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../lib/money';
import { ErrorState, Loading, SkeletonLine } from '../../ui/states';
import { barLabels, monthWithYear } from './month-label';
import { lastMonths } from './period';

const categories: DetailType[] = ['voice', 'sms', 'mms', 'data', 'fee'];
const MONTHS = 6;

function Chart({
  months,
  currency,
}: {
  months: { month: string; totals: UsageDetails['totals'] }[];
  currency: string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const money = (minor: number) => formatMoney(minor, currency, language);
  const highest = Math.max(1, ...months.map((m) => m.totals.amount));
  const used = categories.filter((c) => months.some((m) => m.totals.byType[c].amount > 0));
  const labels = barLabels(
    months.map((m) => m.month),
    language,
  );
  return (
    <>
      {/* The bars are a picture of the table below, which is what screen readers read. */}
      <div className="spending-chart" aria-hidden="true">
        {months.map((m, i) => (
          <div className="spending-chart__month" key={m.month}>
            <span className="spending-chart__total">{m.totals.amount > 0 ? money(m.totals.amount) : ''}</span>
            <div className="spending-chart__bar">
              {used.map((c) => {
                const amount = m.totals.byType[c].amount;
                return amount > 0 ? (
                  <span
                    key={c}
                    className={`spending-chart__part spending-chart__part--${c}`}
                    // Heights are shares of the highest month: display only, no money arithmetic.
                    style={{ height: `${(amount / highest) * 100}%` }}
                  />
                ) : null;
              })}
            </div>
            <span className="spending-chart__label">
              {labels[i]!.month}
              <span className="spending-chart__year">{labels[i]!.year ?? '\u00a0'}</span>
            </span>
          </div>
        ))}
      </div>
      <ul className="spending-legend" aria-hidden="true">
        {used.map((c) => (
          <li key={c}>
            <span className={`spending-legend__swatch spending-chart__part--${c}`} />
            {t('details.typePlural', { type: c })}
          </li>
        ))}
      </ul>
      <div className="table-frame">
        <table className="compare compare--compact spending-table">
          <caption className="sr-only">{t('spending.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('spending.month')}</th>
              {used.map((c) => (
                <th scope="col" key={c}>
                  {t('details.typePlural', { type: c })}
                </th>
              ))}
              <th scope="col">{t('spending.total')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row" className="spending-table__month">
                  {monthWithYear(m.month, language)}
                </th>
                {used.map((c) => (
                  <td key={c}>{money(m.totals.byType[c].amount)}</td>
                ))}
                <td>{money(m.totals.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Where the money went: the last six months by category, from the same totals as the details. */
export function SpendingChart({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const current = useQuery(usageTotalsQuery(msisdn, {}));
  const periods = current.data ? lastMonths(current.data.period.to, MONTHS) : [];
  const results = useQueries({
    queries: periods.map((p) => usageTotalsQuery(msisdn, { from: p.from, to: p.to })),
  });
  const failed = current.isError ? current : results.find((r) => r.isError);
  let body: ReactNode;
  if (failed) {
    body = (
      <ErrorState error={failed.error} onRetry={() => void failed.refetch()} retrying={failed.isFetching} />
    );
  } else if (!current.data || results.some((r) => !r.data)) {
    body = (
      <Loading>
        <SkeletonLine height="10rem" />
      </Loading>
    );
  } else {
    const months = periods.map((p, i) => ({ month: p.month, totals: results[i]!.data!.totals }));
    body = <Chart months={months} currency={current.data.currency} />;
  }
  return (
    <section className="section" aria-labelledby="spending-title">
      <h2 className="section__title" id="spending-title">
        {t('spending.title')}
      </h2>
      <div className="card">{body}</div>
    </section>
  );
}
