import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { billsQuery } from '../../api/money-in';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Loading, SkeletonList } from '../../ui/states';
import { BackToHome } from './BackToHome';
import { useMoneyFormat } from './useMoneyFormat';

function Bills({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  const bills = useQuery(billsQuery(msisdn));
  const format = useMoneyFormat(bills.data?.currency ?? 'RUB');
  if (bills.isError) {
    return (
      <ErrorState error={bills.error} onRetry={() => void bills.refetch()} retrying={bills.isFetching} />
    );
  }
  if (!bills.data) {
    return (
      <Loading>
        <SkeletonList rows={3} />
      </Loading>
    );
  }
  if (bills.data.bills.length === 0) return <EmptyState>{t('moneyIn.bills.empty')}</EmptyState>;
  return (
    <ul className="card list-card">
      {bills.data.bills.map((bill) => {
        const outstanding = bill.totalAmount - bill.paidAmount;
        return (
          <li key={bill.number}>
            <Link to={to.bill(bill.number)} className="list-row list-row--link">
              <span className="list-row__main">
                <span className="list-row__title">
                  {t('moneyIn.bills.period', {
                    from: format.day(bill.periodStart),
                    to: format.day(bill.periodEnd),
                  })}{' '}
                  <span className={`badge badge--bill-${bill.status}`}>
                    {t('moneyIn.bills.status', { status: bill.status })}
                  </span>
                </span>
                <span className="list-row__text">
                  {t('moneyIn.bills.row', {
                    number: bill.number,
                    total: format.money(bill.totalAmount),
                    outstanding: format.money(outstanding),
                    date: format.day(bill.dueDate),
                    open: outstanding > 0 ? 'yes' : 'no',
                  })}
                </span>
              </span>
              <Icon name="chevronRight" size={18} className="list-row__chevron" />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** The account's monthly bills, newest first. */
export default function BillsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('moneyIn.bills.title')} lead={t('moneyIn.bills.lead')} before={<BackToHome />}>
      <RequireSignedIn>{(session) => <Bills session={session} />}</RequireSignedIn>
    </Page>
  );
}
