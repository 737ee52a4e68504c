import type { SavedCard, TopUpOptions } from '@kabinet/contracts';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { paymentsApi, savedCardsQuery, topUpOptionsQuery } from '../../api/payments';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { currentLanguage } from '../../i18n';
import { formatMoney, minorDigits, parseMoneyInput, toDecimalString } from '../../lib/money';
import { formatMsisdn } from '../../lib/phone';
import { Field, Notice } from '../../ui/form';
import { Page } from '../../ui/Page';
import { ErrorState, Loading, SkeletonCards } from '../../ui/states';
import { CardChoice, useCardPaymentAttempt } from './parts';

function TopUpForm({
  msisdn,
  options,
  cards,
}: {
  msisdn: string;
  options: TopUpOptions;
  cards: SavedCard[];
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const money = (minor: number) => formatMoney(minor, options.currency, language);
  const [text, setText] = useState(() =>
    toDecimalString(options.suggested[1] ?? options.min, minorDigits(options.currency)).replace(/\.0+$/, ''),
  );
  const attempt = useCardPaymentAttempt(cards);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const amount = parseMoneyInput(text, options.currency);
  const valid = amount !== null && amount >= options.min && amount <= options.max;
  const range = { min: money(options.min), max: money(options.max) };

  const change = (value: string) => {
    setText(value);
    attempt.renewKey();
    setError(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!valid || amount === null) return;
    setPending(true);
    setError(null);
    try {
      const started = await paymentsApi.startTopUp(msisdn, {
        amount,
        idempotencyKey: attempt.key,
        ...attempt.card(),
      });
      attempt.follow(started, to.topUpResult(msisdn, started.payment.id));
    } catch (caught) {
      setPending(false);
      if (caught instanceof ApiError && caught.code === 'amount_out_of_range') {
        setError(t('topUp.amountInvalid', range));
      } else if (caught instanceof ApiError && caught.transient) {
        setError(t('topUp.errors.unavailable'));
      } else {
        setError(t('topUp.errors.generic'));
        attempt.renewKey();
      }
    }
  }

  return (
    <form className="form top-up" onSubmit={submit} noValidate>
      <fieldset className="choice-group">
        <legend className="field__label">{t('topUp.chipsLabel')}</legend>
        <div className="chips top-up__chips">
          {options.suggested.map((suggested) => (
            <button
              key={suggested}
              type="button"
              className={amount === suggested ? 'chip chip--button chip--selected' : 'chip chip--button'}
              aria-pressed={amount === suggested}
              onClick={() =>
                change(toDecimalString(suggested, minorDigits(options.currency)).replace(/\.0+$/, ''))
              }
            >
              {money(suggested)}
            </button>
          ))}
        </div>
      </fieldset>
      <Field
        label={t('topUp.amount', { currency: options.currency })}
        hint={t('topUp.amountHint', range)}
        error={touched && !valid ? t('topUp.amountInvalid', range) : undefined}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        onChange={(event) => change(event.target.value)}
        onBlur={() => setTouched(true)}
      />

      <CardChoice {...attempt.choice} hint={t('topUp.noCommission')} />
      {options.provider === 'sandbox' ? <Notice tone="info">{t('topUp.sandboxNote')}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary button--wide" disabled={pending}>
          {pending
            ? t('topUp.submitting')
            : valid && amount !== null
              ? t('topUp.submit', { amount: money(amount) })
              : t('topUp.submitPlain')}
        </button>
      </div>
    </form>
  );
}

function TopUp({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  const options = useQuery(topUpOptionsQuery(msisdn));
  const cards = useQuery(savedCardsQuery(msisdn));
  const failed = options.isError ? options : cards.isError ? cards : null;
  return (
    <Page title={t('topUp.title')} lead={t('topUp.lead', { number: formatMsisdn(msisdn) })}>
      <div className="top-up-layout">
        <section className="card settings-card">
          {options.data && cards.data ? (
            <TopUpForm key={msisdn} msisdn={msisdn} options={options.data} cards={cards.data.cards} />
          ) : failed ? (
            <ErrorState
              error={failed.error}
              onRetry={() => void failed.refetch()}
              retrying={failed.isFetching}
            />
          ) : (
            <Loading>
              <SkeletonCards count={1} lines={4} />
            </Loading>
          )}
        </section>
        <nav className="card list-card top-up__links" aria-label={t('topUp.moreLabel')}>
          <Link to={to.autoTopUp()} className="list-row list-row--link">
            <span className="list-row__main">
              <span className="list-row__title">{t('autoTopUp.title')}</span>
              <span className="list-row__text">{t('autoTopUp.short')}</span>
            </span>
          </Link>
          <Link to={to.payments()} className="list-row list-row--link">
            <span className="list-row__main">
              <span className="list-row__title">{t('payments.title')}</span>
              <span className="list-row__text">{t('payments.short')}</span>
            </span>
          </Link>
        </nav>
      </div>
    </Page>
  );
}

export default function TopUpPage() {
  return <RequireSignedIn>{(session) => <TopUp session={session} />}</RequireSignedIn>;
}
