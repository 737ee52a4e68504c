import type { AutoTopUpSettings, SavedCard, TopUpOptions } from '@kabinet/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/http';
import { autoTopUpQuery, paymentsApi, savedCardsQuery, topUpOptionsQuery } from '../../api/payments';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { currentLanguage } from '../../i18n';
import { formatMoney, minorDigits, parseMoneyInput, toDecimalString } from '../../lib/money';
import { Field, Notice } from '../../ui/form';
import { Page } from '../../ui/Page';
import { ErrorState, Loading, SkeletonCards } from '../../ui/states';
import { useCardLabel } from './parts';

type MoneyField = 'amount' | 'threshold' | 'dailyLimit' | 'monthlyLimit';

function SettingsForm({
  msisdn,
  settings,
  cards,
  options,
}: {
  msisdn: string;
  settings: AutoTopUpSettings;
  cards: SavedCard[];
  options: TopUpOptions;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const cardLabel = useCardLabel();
  const language = currentLanguage();
  const digits = minorDigits(options.currency);
  const show = (minor: number | null) =>
    minor === null ? '' : toDecimalString(minor, digits).replace(/\.0+$/, '');
  const [enabled, setEnabled] = useState(settings.enabled);
  const [cardId, setCardId] = useState<number | null>(settings.cardId ?? cards[0]?.id ?? null);
  const [values, setValues] = useState<Record<MoneyField, string>>({
    amount: show(settings.amount),
    threshold: show(settings.threshold),
    dailyLimit: show(settings.dailyLimit),
    monthlyLimit: show(settings.monthlyLimit),
  });
  const [monthlyDay, setMonthlyDay] = useState(
    settings.monthlyDay === null ? '' : String(settings.monthlyDay),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [feedback, setFeedback] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  const parse = (field: MoneyField) => parseMoneyInput(values[field], options.currency);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const amount = parse('amount');
    const threshold = values.threshold.trim() === '' ? null : parse('threshold');
    const dailyLimit = parse('dailyLimit');
    const monthlyLimit = parse('monthlyLimit');
    const day = monthlyDay.trim() === '' ? null : Number(monthlyDay);
    if (amount === null) found.amount = t('autoTopUp.errors.amount');
    if (values.threshold.trim() !== '' && threshold === null) found.threshold = t('autoTopUp.errors.amount');
    if (dailyLimit === null) found.dailyLimit = t('autoTopUp.errors.amount');
    if (monthlyLimit === null) found.monthlyLimit = t('autoTopUp.errors.amount');
    if (day !== null && !(Number.isInteger(day) && day >= 1 && day <= 28))
      found.monthlyDay = t('autoTopUp.errors.day');
    setErrors(found);
    setFeedback(null);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    try {
      const saved = await paymentsApi.saveAutoTopUp(msisdn, {
        enabled,
        cardId,
        amount: amount!,
        threshold,
        monthlyDay: day,
        dailyLimit: dailyLimit!,
        monthlyLimit: monthlyLimit!,
      });
      queryClient.setQueryData(autoTopUpQuery(msisdn).queryKey, saved);
      setFeedback({ tone: 'success', text: t('autoTopUp.saved') });
    } catch (error) {
      const fieldErrors = error instanceof ApiError && error.code === 'validation_failed';
      if (fieldErrors) {
        const body = error.problem as { errors?: { field: string; message: string }[] };
        const server: Record<string, string> = {};
        for (const e of body.errors ?? []) server[e.field] = t('autoTopUp.errors.field', { field: e.field });
        setErrors(server);
      }
      setFeedback({ tone: 'error', text: fieldErrors ? t('autoTopUp.invalid') : t('topUp.errors.generic') });
    } finally {
      setPending(false);
    }
  }

  const moneyField = (field: MoneyField, label: string, hint?: string) => (
    <Field
      label={label}
      hint={hint}
      error={errors[field]}
      inputMode="decimal"
      value={values[field]}
      onChange={(event) => setValues((v) => ({ ...v, [field]: event.target.value }))}
    />
  );

  if (cards.length === 0) {
    return (
      <div className="form">
        <Notice tone="info">{t('autoTopUp.noCards')}</Notice>
        <Link to={to.topUp()} className="button button--primary">
          {t('lineHome.topUp')}
        </Link>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        <span>{t('autoTopUp.enabled')}</span>
      </label>
      <fieldset className="choice-group">
        <legend className="field__label">{t('autoTopUp.card')}</legend>
        {cards.map((card) => (
          <label key={card.id} className="choice">
            <input
              type="radio"
              name="auto-card"
              checked={cardId === card.id}
              onChange={() => setCardId(card.id)}
            />
            <span>{cardLabel(card)}</span>
          </label>
        ))}
      </fieldset>
      {moneyField(
        'amount',
        t('autoTopUp.amount'),
        t('topUp.amountHint', {
          min: formatMoney(options.min, options.currency, language),
          max: formatMoney(options.max, options.currency, language),
        }),
      )}
      {moneyField('threshold', t('autoTopUp.threshold'), t('autoTopUp.thresholdHint'))}
      <Field
        label={t('autoTopUp.monthly')}
        hint={t('autoTopUp.monthlyHint')}
        error={errors.monthlyDay}
        inputMode="numeric"
        value={monthlyDay}
        onChange={(event) => setMonthlyDay(event.target.value)}
      />
      {moneyField('dailyLimit', t('autoTopUp.dailyLimit'))}
      {moneyField('monthlyLimit', t('autoTopUp.monthlyLimit'))}
      {feedback ? <Notice tone={feedback.tone}>{feedback.text}</Notice> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('autoTopUp.saving') : t('autoTopUp.save')}
        </button>
      </div>
    </form>
  );
}

function SavedCards({ msisdn, cards }: { msisdn: string; cards: SavedCard[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const cardLabel = useCardLabel();
  const [removing, setRemoving] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  if (cards.length === 0) return null;
  async function remove(cardId: number) {
    setRemoving(cardId);
    setFailed(false);
    try {
      await paymentsApi.removeCard(msisdn, cardId);
      await queryClient.invalidateQueries({ queryKey: ['line', msisdn, 'cards'] });
      await queryClient.invalidateQueries({ queryKey: ['line', msisdn, 'auto-top-up'] });
    } catch {
      setFailed(true);
    } finally {
      setRemoving(null);
    }
  }
  return (
    <section className="card settings-card" aria-labelledby="saved-cards-title">
      <h2 className="card__title" id="saved-cards-title">
        {t('autoTopUp.cardsTitle')}
      </h2>
      <ul className="list-card list-card--flat">
        {cards.map((card) => (
          <li key={card.id} className="list-row">
            <span className="list-row__main">
              <span className="list-row__title">{cardLabel(card)}</span>
            </span>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={removing === card.id}
              onClick={() => void remove(card.id)}
              aria-label={t('autoTopUp.removeCard', { card: cardLabel(card) })}
            >
              {t('autoTopUp.remove')}
            </button>
          </li>
        ))}
      </ul>
      {failed ? <Notice tone="error">{t('topUp.errors.generic')}</Notice> : null}
    </section>
  );
}

function AutoTopUp({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  const settings = useQuery(autoTopUpQuery(msisdn));
  const cards = useQuery(savedCardsQuery(msisdn));
  const options = useQuery(topUpOptionsQuery(msisdn));
  const failed = [settings, cards, options].find((q) => q.isError);
  return (
    <Page title={t('autoTopUp.title')} lead={t('autoTopUp.lead')}>
      <div className="settings-stack">
        <section className="card settings-card">
          {settings.data && cards.data && options.data ? (
            <SettingsForm
              key={`${msisdn}-${cards.data.cards.length}`}
              msisdn={msisdn}
              settings={settings.data}
              cards={cards.data.cards}
              options={options.data}
            />
          ) : failed ? (
            <ErrorState
              error={failed.error}
              onRetry={() => void failed.refetch()}
              retrying={failed.isFetching}
            />
          ) : (
            <Loading>
              <SkeletonCards count={1} lines={5} />
            </Loading>
          )}
        </section>
        {cards.data ? <SavedCards msisdn={msisdn} cards={cards.data.cards} /> : null}
      </div>
    </Page>
  );
}

export default function AutoTopUpPage() {
  return <RequireSignedIn>{(session) => <AutoTopUp session={session} />}</RequireSignedIn>;
}
