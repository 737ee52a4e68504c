import type { Payment } from '@kabinet/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paymentsQuery } from '../../api/payments';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, SkeletonList } from '../../ui/states';
import { FailureReason, useCardLabel } from './parts';

function PaymentRow({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const cardLabel = useCardLabel();
  return (
    <li className="list-row payment-row">
      <span className="list-row__main">
        <span className="list-row__title">
          {t('payments.kind', { kind: payment.kind })}
          <span className={`badge badge--status-${payment.status}`}>
            {t('payments.status', { status: payment.status })}
          </span>
        </span>
        <span className="list-row__text">
          {formatDateTime(payment.createdAt, language)}
          {payment.card ? ` · ${cardLabel(payment.card)}` : ''}
          {payment.receipt ? ` · ${t('payments.receipt', { number: payment.receipt.number })}` : ''}
        </span>
        {payment.failureReason ? (
          <span className="list-row__text payment-row__reason">
            <FailureReason payment={payment} />
          </span>
        ) : null}
      </span>
      <span className={payment.status === 'succeeded' ? 'payment-row__amount' : 'payment-row__amount muted'}>
        {payment.status === 'succeeded' ? '+' : ''}
        {formatMoney(payment.amount, payment.currency, language)}
      </span>
    </li>
  );
}

function Pages({
  msisdn,
  before,
  last,
  onMore,
}: {
  msisdn: string;
  before?: number;
  last: boolean;
  onMore: (next: number) => void;
}) {
  const { t } = useTranslation();
  const page = useQuery(paymentsQuery(msisdn, before));
  if (page.isError) {
    return <ErrorState error={page.error} onRetry={() => void page.refetch()} retrying={page.isFetching} />;
  }
  if (!page.data) return <SkeletonList rows={4} />;
  if (page.data.payments.length === 0 && before === undefined) {
    return (
      <EmptyState>
        {t('payments.empty')} <Link to={to.topUp()}>{t('lineHome.topUp')}</Link>
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="card list-card">
        {page.data.payments.map((payment) => (
          <PaymentRow key={payment.id} payment={payment} />
        ))}
      </ul>
      {last && page.data.nextBefore ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onMore(page.data.nextBefore!)}
        >
          {t('payments.more')}
        </button>
      ) : null}
    </>
  );
}

function History({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  return (
    <Page title={t('payments.title')} lead={t('payments.lead')}>
      <div className="settings-stack">
        {cursors.map((before, index) => (
          <Pages
            key={`${msisdn}-${before ?? 'first'}`}
            msisdn={msisdn}
            before={before}
            last={index === cursors.length - 1}
            onMore={(next) => setCursors((list) => (index === list.length - 1 ? [...list, next] : list))}
          />
        ))}
      </div>
    </Page>
  );
}

export default function PaymentHistoryPage() {
  return <RequireSignedIn>{(session) => <History session={session} />}</RequireSignedIn>;
}
