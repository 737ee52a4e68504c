import type { BillDetail } from '@kabinet/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { billQuery, moneyInApi } from '../../api/money-in';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { Notice } from '../../ui/form';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Loading, SkeletonCards } from '../../ui/states';
import { moneyInProblem } from './problems';
import { useMoneyFormat } from './useMoneyFormat';

function Detail({ msisdn, bill }: { msisdn: string; bill: BillDetail }) {
  const { t } = useTranslation();
  const format = useMoneyFormat(bill.currency);
  const rate =
    bill.taxRateBasisPoints === null
      ? ''
      : `${new Intl.NumberFormat(format.language, { maximumFractionDigits: 2 }).format(bill.taxRateBasisPoints / 100)}%`;
  const download = useMutation({
    mutationFn: () => moneyInApi.downloadBillPdf(msisdn, bill.number, format.language),
  });
  const outstanding = bill.totalAmount - bill.paidAmount;
  return (
    <div className="detail-grid">
      <section className="card detail-summary" aria-labelledby="bill-summary-title">
        <h2 className="card__title" id="bill-summary-title">
          {t('moneyIn.bills.period', { from: format.day(bill.periodStart), to: format.day(bill.periodEnd) })}{' '}
          <span className={`badge badge--bill-${bill.status}`}>
            {t('moneyIn.bills.status', { status: bill.status })}
          </span>
        </h2>
        <dl className="price-list">
          {bill.lines.map((line) => (
            <div className="price-list__row" key={line.kind}>
              <dt>{t('moneyIn.bill.line', { kind: line.kind, mode: bill.taxMode ?? 'inclusive', rate })}</dt>
              <dd>{format.money(line.amount)}</dd>
            </div>
          ))}
          <div className="price-list__row">
            <dt>
              <strong>{t('moneyIn.bill.total')}</strong>
            </dt>
            <dd>
              <strong>{format.money(bill.totalAmount)}</strong>
            </dd>
          </div>
          <div className="price-list__row">
            <dt>{t('moneyIn.bill.paid')}</dt>
            <dd>{format.money(bill.paidAmount)}</dd>
          </div>
          <div className="price-list__row">
            <dt>
              <strong>{t('moneyIn.bill.outstanding')}</strong>
            </dt>
            <dd>
              <strong>{format.money(outstanding)}</strong>
            </dd>
          </div>
        </dl>
        <p className="muted">
          {t('moneyIn.bill.dates', { issued: format.date(bill.issuedAt), due: format.day(bill.dueDate) })}
        </p>
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={download.isPending}
            onClick={() => download.mutate()}
          >
            {download.isPending ? t('moneyIn.bill.downloading') : t('moneyIn.bill.pdf')}
          </button>
        </div>
        {download.isError ? <Notice tone="error">{moneyInProblem(t, download.error)}</Notice> : null}
      </section>
      <section className="card list-card" aria-labelledby="bill-payments-title">
        <h2 className="card__title" id="bill-payments-title">
          {t('moneyIn.bill.payments')}
        </h2>
        {bill.payments.length === 0 ? (
          <p className="muted">{t('moneyIn.bill.noPayments')}</p>
        ) : (
          <ul>
            {bill.payments.map((p) => (
              <li key={p.paidAt + p.amount} className="list-row">
                <span className="list-row__main">
                  <span className="list-row__title">{format.money(p.amount)}</span>
                  <span className="list-row__text">
                    {format.date(p.paidAt)} · {t('moneyIn.bill.source', { source: p.source })}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Bill({ session, number }: { session: SessionView; number: string }) {
  const { t } = useTranslation();
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  const bill = useQuery(billQuery(msisdn, number));
  if (bill.isError) {
    if (bill.error instanceof ApiError && bill.error.status === 404) {
      return <EmptyState>{t('moneyIn.bill.notFound')}</EmptyState>;
    }
    return <ErrorState error={bill.error} onRetry={() => void bill.refetch()} retrying={bill.isFetching} />;
  }
  if (!bill.data) {
    return (
      <Loading>
        <SkeletonCards count={2} lines={4} />
      </Loading>
    );
  }
  return <Detail msisdn={msisdn} bill={bill.data} />;
}

/** One bill: what it is made of, what was paid, and the PDF invoice. */
export default function BillPage() {
  const { t } = useTranslation();
  const { number = '' } = useParams();
  return (
    <Page
      title={t('moneyIn.bill.title', { number })}
      before={
        <Link to={to.bills()} className="back-link">
          <Icon name="chevronLeft" size={18} />
          {t('moneyIn.bills.title')}
        </Link>
      }
    >
      <RequireSignedIn>{(session) => <Bill session={session} number={number} />}</RequireSignedIn>
    </Page>
  );
}
