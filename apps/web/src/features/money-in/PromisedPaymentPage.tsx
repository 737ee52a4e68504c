import type { PromisedPaymentOffer, PromisedPaymentTaken } from '@kabinet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { moneyInApi, promisedPaymentQuery } from '../../api/money-in';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { Notice } from '../../ui/form';
import { Page } from '../../ui/Page';
import { ErrorState, Loading, SkeletonCards } from '../../ui/states';
import { BackToHome } from './BackToHome';
import { moneyInProblem } from './problems';
import { useMoneyFormat } from './useMoneyFormat';

type Format = ReturnType<typeof useMoneyFormat>;

function Current({ offer, format }: { offer: PromisedPaymentOffer; format: Format }) {
  const { t } = useTranslation();
  const current = offer.current!;
  return (
    <section className="card settings-card" aria-labelledby="promised-current-title">
      <h2 className="card__title" id="promised-current-title">
        {t('moneyIn.promised.current', { amount: format.money(current.amount) })}
      </h2>
      {current.status === 'overdue' ? (
        <Notice tone="error">
          {t('moneyIn.promised.overdue', {
            amount: format.money(current.outstanding),
            date: format.date(current.dueAt),
          })}
        </Notice>
      ) : (
        <p className="balance-card__value">
          {t('moneyIn.promised.outstanding', {
            amount: format.money(current.outstanding),
            date: format.date(current.dueAt),
          })}
        </p>
      )}
      <p className="muted">{t('moneyIn.promised.repayHint')}</p>
      <div className="form__actions">
        <Link className="button button--primary" to={to.topUp()}>
          {t('moneyIn.promised.repayByCard')}
        </Link>
        <Link className="button button--secondary" to={to.voucher()}>
          {t('moneyIn.links.voucher')}
        </Link>
      </div>
    </section>
  );
}

function TakeForm({
  msisdn,
  offer,
  format,
  onTaken,
}: {
  msisdn: string;
  offer: PromisedPaymentOffer;
  format: Format;
  onTaken: (taken: PromisedPaymentTaken) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState(offer.amounts[0] ?? 0);
  // One key per visit of this screen: a retried request cannot credit twice.
  const [clientKey] = useState(() => crypto.randomUUID());
  const take = useMutation({
    mutationFn: () => moneyInApi.takePromisedPayment(msisdn, amount, clientKey),
    onSuccess: (result) => {
      onTaken(result);
      void queryClient.invalidateQueries({ queryKey: ['line', msisdn] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    take.mutate();
  };
  return (
    <section className="card settings-card" aria-labelledby="promised-take-title">
      <h2 className="card__title" id="promised-take-title">
        {t('moneyIn.promised.takeTitle')}
      </h2>
      <form className="form" onSubmit={submit}>
        <fieldset className="choice-group">
          <legend className="field__label">{t('moneyIn.promised.choose')}</legend>
          {offer.amounts.map((value) => (
            <label className="choice" key={value}>
              <input
                type="radio"
                name="amount"
                value={value}
                checked={amount === value}
                onChange={() => setAmount(value)}
              />
              <span className="choice__label">{format.money(value)}</span>
            </label>
          ))}
        </fieldset>
        <p className="muted">
          {t('moneyIn.promised.terms', { fee: format.money(offer.feeAmount), count: offer.termDays })}
        </p>
        {take.isError ? <Notice tone="error">{moneyInProblem(t, take.error)}</Notice> : null}
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={take.isPending || take.isSuccess}
          >
            {take.isPending
              ? t('moneyIn.promised.taking')
              : t('moneyIn.promised.take', { amount: format.money(amount) })}
          </button>
        </div>
      </form>
    </section>
  );
}

function Refusals({ offer, format }: { offer: PromisedPaymentOffer; format: Format }) {
  const { t } = useTranslation();
  return (
    <section className="card settings-card" aria-labelledby="promised-refused-title">
      <h2 className="card__title" id="promised-refused-title">
        {t('moneyIn.promised.notAvailable')}
      </h2>
      <ul className="facts">
        {offer.refusals.map((reason) => (
          <li key={reason}>
            {t('moneyIn.promised.refusal', {
              reason,
              days: offer.rules.minLineAgeDays,
              amount: format.money(offer.rules.minTopUpAmount),
              window: offer.rules.topUpWindowDays,
              blocked: offer.rules.maxBlockedDays,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PromisedPayment({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  const offer = useQuery(promisedPaymentQuery(msisdn));
  const format = useMoneyFormat(offer.data?.currency ?? 'RUB');
  // Kept here, not in the form: once taken, the form gives way to the promised payment it made.
  const [taken, setTaken] = useState<PromisedPaymentTaken | null>(null);
  const notice = (
    <div aria-live="polite" className="live-region">
      {taken ? (
        <Notice tone="success">
          {t('moneyIn.promised.taken', {
            amount: format.money(taken.promisedPayment.amount),
            date: format.date(taken.promisedPayment.dueAt),
            balance: format.money(taken.balance),
          })}
        </Notice>
      ) : null}
    </div>
  );
  if (offer.isError) {
    return (
      <ErrorState error={offer.error} onRetry={() => void offer.refetch()} retrying={offer.isFetching} />
    );
  }
  if (!offer.data) {
    return (
      <Loading>
        <SkeletonCards count={2} lines={3} />
      </Loading>
    );
  }
  const data = offer.data;
  const history = data.history.filter((p) => p.status === 'repaid');
  return (
    <div className="settings-stack">
      {notice}
      {data.current ? <Current offer={data} format={format} /> : null}
      {data.eligible ? (
        <TakeForm key={msisdn} msisdn={msisdn} offer={data} format={format} onTaken={setTaken} />
      ) : data.current ? null : (
        <Refusals offer={data} format={format} />
      )}
      {history.length > 0 ? (
        <section className="card list-card" aria-labelledby="promised-history-title">
          <h2 className="card__title" id="promised-history-title">
            {t('moneyIn.promised.historyTitle')}
          </h2>
          <ul>
            {history.map((p) => (
              <li key={p.takenAt} className="list-row">
                <span className="list-row__main">
                  <span className="list-row__title">{format.money(p.amount)}</span>
                  <span className="list-row__text">
                    {t('moneyIn.promised.historyRow', {
                      taken: format.date(p.takenAt),
                      repaid: p.repaidAt ? format.date(p.repaidAt) : '',
                    })}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** The promised payment: what is owed now, or the amounts on offer, or why it is not available. */
export default function PromisedPaymentPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('moneyIn.promised.title')} lead={t('moneyIn.promised.lead')} before={<BackToHome />}>
      <RequireSignedIn>{(session) => <PromisedPayment session={session} />}</RequireSignedIn>
    </Page>
  );
}
