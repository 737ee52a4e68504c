import type { BillDetail, SavedCard } from '@kabinet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { billQuery, moneyInApi } from '../../api/money-in';
import { paymentsApi, savedCardsQuery } from '../../api/payments';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { minorDigits, parseMoneyInput, toDecimalString } from '../../lib/money';
import { Field, Notice } from '../../ui/form';
import { Icon } from '../../ui/Icon';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Loading, SkeletonCards } from '../../ui/states';
import { CardChoice, useCardPaymentAttempt } from '../top-up/parts';
import { moneyInProblem } from './problems';
import { useMoneyFormat } from './useMoneyFormat';

const OPEN = ['new', 'sent', 'partially_paid', 'overdue'];

/** Pays what is left of the bill, or a part of it, by card through the payment provider's page. */
function PayByCard({ msisdn, bill, cards }: { msisdn: string; bill: BillDetail; cards: SavedCard[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const format = useMoneyFormat(bill.currency);
  const outstanding = bill.totalAmount - bill.paidAmount;
  const digits = minorDigits(bill.currency);
  const [text, setText] = useState<string>(() => toDecimalString(outstanding, digits));
  const attempt = useCardPaymentAttempt(cards);
  const [pending, setPending] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const amount = parseMoneyInput(text, bill.currency);
  const valid = amount !== null && amount >= 1 && amount <= outstanding;
  const range = { min: format.money(1), max: format.money(outstanding) };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!valid || amount === null) return;
    setPending(true);
    setError(null);
    try {
      const started = await paymentsApi.startBillPayment(msisdn, bill.number, {
        amount,
        idempotencyKey: attempt.key,
        ...attempt.card(),
      });
      attempt.follow(
        started,
        `${to.topUpResult(msisdn, started.payment.id)}&bill=${encodeURIComponent(bill.number)}`,
      );
    } catch (caught) {
      setPending(false);
      if (caught instanceof ApiError && caught.code === 'bill_settled') {
        setError(t('moneyIn.bill.pay.settled'));
        void queryClient.invalidateQueries({ queryKey: billQuery(msisdn, bill.number).queryKey });
      } else if (caught instanceof ApiError && caught.code === 'amount_exceeds_outstanding') {
        setError(t('moneyIn.bill.pay.amountInvalid', range));
        void queryClient.invalidateQueries({ queryKey: billQuery(msisdn, bill.number).queryKey });
        attempt.renewKey();
      } else if (caught instanceof ApiError && caught.transient) {
        setError(t('moneyIn.bill.pay.unavailable'));
      } else {
        setError(t('moneyIn.bill.pay.generic'));
        attempt.renewKey();
      }
    }
  }

  return (
    <section className="card settings-card" aria-labelledby="bill-pay-title">
      <h2 className="card__title" id="bill-pay-title">
        {t('moneyIn.bill.pay.title')}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label={t('moneyIn.bill.pay.amount', { currency: bill.currency })}
          hint={t('moneyIn.bill.pay.amountHint', range)}
          error={touched && !valid ? t('moneyIn.bill.pay.amountInvalid', range) : undefined}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            attempt.renewKey();
            setError(null);
          }}
          onBlur={() => setTouched(true)}
        />
        <CardChoice {...attempt.choice} hint={t('moneyIn.bill.pay.hint')} />
        {error ? <Notice tone="error">{error}</Notice> : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary button--wide" disabled={pending}>
            {pending
              ? t('moneyIn.bill.pay.submitting')
              : valid && amount !== null
                ? t('moneyIn.bill.pay.submit', { amount: format.money(amount) })
                : t('moneyIn.bill.pay.submitPlain')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The pay form once the saved cards are known; nothing while a settled bill has nothing to pay. */
function PaySection({ msisdn, bill }: { msisdn: string; bill: BillDetail }) {
  const cards = useQuery(savedCardsQuery(msisdn));
  if (!OPEN.includes(bill.status) || bill.totalAmount - bill.paidAmount <= 0) return null;
  if (cards.isError) {
    return (
      <ErrorState error={cards.error} onRetry={() => void cards.refetch()} retrying={cards.isFetching} />
    );
  }
  if (!cards.data) {
    return (
      <Loading>
        <SkeletonCards count={1} lines={3} />
      </Loading>
    );
  }
  return <PayByCard key={bill.paidAmount} msisdn={msisdn} bill={bill} cards={cards.data.cards} />;
}

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
      <PaySection msisdn={msisdn} bill={bill} />
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
