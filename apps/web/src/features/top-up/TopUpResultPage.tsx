import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/http';
import { paymentsApi } from '../../api/payments';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../lib/money';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { ErrorState, Loading, SkeletonCards } from '../../ui/states';
import { FailureReason, ReceiptCard } from './parts';

/** How often the screen asks while the provider has not decided; the webhook may settle it first. */
const POLL_MS = 1_500;

function Result({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const msisdn = params.get('line') ?? session.msisdn;
  const paymentId = Number(params.get('payment'));
  // Set when the payment paid a postpaid bill: the screen speaks of the bill and leads back to it.
  const billNumber = params.get('bill');
  const valid = Number.isSafeInteger(paymentId) && paymentId > 0;
  const payment = useQuery({
    queryKey: ['line', msisdn, 'payment', paymentId] as const,
    queryFn: ({ signal }) => paymentsApi.refresh(msisdn, paymentId, signal),
    enabled: valid,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? POLL_MS : false),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 3,
  });
  const status = payment.data?.status;
  useEffect(() => {
    // The balance and the history changed: Home and the history show the new figures at once.
    if (status && status !== 'pending') {
      void queryClient.invalidateQueries({ queryKey: ['line', msisdn, 'summary'] });
      void queryClient.invalidateQueries({ queryKey: ['line', msisdn, 'payments'] });
      void queryClient.invalidateQueries({ queryKey: ['line', msisdn, 'bills'] });
    }
  }, [status, msisdn, queryClient]);

  const language = currentLanguage();
  const notFound = !valid || (payment.error instanceof ApiError && payment.error.status === 404);
  return (
    <Page title={billNumber ? t('topUp.result.billTitle') : t('topUp.result.title')}>
      {notFound ? (
        <p className="notice notice--error" role="alert">
          {t('topUp.result.notFound')}
        </p>
      ) : payment.data ? (
        <div className="top-up-result" aria-live="polite">
          {payment.data.status === 'pending' ? (
            <section className="card state">
              <span className="spinner" aria-hidden="true" />
              <h2 className="state__title">{t('topUp.result.pending')}</h2>
              <p className="state__text">{t('topUp.result.pendingHint')}</p>
            </section>
          ) : payment.data.status === 'succeeded' ? (
            <>
              <section className="card state state--success">
                <Icon name="check" size={36} className="state__icon" />
                <h2 className="state__title">
                  {billNumber
                    ? t('topUp.result.billSucceeded', {
                        amount: formatMoney(payment.data.amount, payment.data.currency, language),
                        number: billNumber,
                      })
                    : t('topUp.result.succeeded', {
                        amount: formatMoney(payment.data.amount, payment.data.currency, language),
                      })}
                </h2>
              </section>
              <ReceiptCard payment={payment.data} />
            </>
          ) : (
            <section className="card state state--error" role="alert">
              <h2 className="state__title">
                {payment.data.status === 'cancelled' ? t('topUp.result.cancelled') : t('topUp.result.failed')}
              </h2>
              <p className="state__text">
                <FailureReason payment={payment.data} />
              </p>
            </section>
          )}
          <div className="form__actions">
            {billNumber ? (
              <Link to={to.bill(billNumber)} className="button button--primary">
                {t('topUp.result.backToBill')}
              </Link>
            ) : (
              <Link to={to.home()} className="button button--primary">
                {t('topUp.result.home')}
              </Link>
            )}
            {!billNumber && (payment.data.status === 'failed' || payment.data.status === 'cancelled') ? (
              <Link to={to.topUp()} className="button button--secondary">
                {t('topUp.result.again')}
              </Link>
            ) : null}
          </div>
        </div>
      ) : payment.isError ? (
        <ErrorState
          error={payment.error}
          onRetry={() => void payment.refetch()}
          retrying={payment.isFetching}
        />
      ) : (
        <Loading>
          <SkeletonCards count={1} lines={2} />
        </Loading>
      )}
    </Page>
  );
}

export default function TopUpResultPage() {
  return <RequireSignedIn>{(session) => <Result session={session} />}</RequireSignedIn>;
}
