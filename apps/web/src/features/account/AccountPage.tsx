import type { DetailItem, DetailType, UsageDetails } from '@kabinet/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile } from '../../api/http';
import { type DetailsFilter, lineSummaryQuery, usageDetailsQuery, usageExportPath } from '../../api/lines';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { currentLanguage } from '../../i18n';
import { formatDateTime, formatLocalDay } from '../../lib/dates';
import { pickText } from '../../lib/localized';
import { formatMoney } from '../../lib/money';
import { formatMsisdn } from '../../lib/phone';
import { formatDataBytes } from '../../lib/units';
import { Notice } from '../../ui/form';
import { Page } from '../../ui/Page';
import { EmptyState, ErrorState, Loading, SkeletonLine, SkeletonList } from '../../ui/states';
import { DetailsMail } from './DetailsMail';
import { MoneyHistory } from './MoneyHistory';
import { dayIn, type PeriodPreset, periodPresets, presetPeriod } from './period';
import { SpendingChart } from './SpendingChart';

const detailTypes: DetailType[] = ['voice', 'sms', 'mms', 'data', 'fee'];

function Balance({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const summary = useQuery(lineSummaryQuery(msisdn));
  const language = currentLanguage();
  if (summary.isError) {
    return (
      <ErrorState
        error={summary.error}
        onRetry={() => void summary.refetch()}
        retrying={summary.isFetching}
      />
    );
  }
  if (!summary.data) {
    return (
      <Loading>
        <div className="card">
          <SkeletonLine width="30%" />
          <SkeletonLine width="50%" height="2.5rem" />
        </div>
      </Loading>
    );
  }
  const { account } = summary.data;
  return (
    <section className="card balance-card" aria-labelledby="account-balance-title">
      <h2 className="balance-card__label" id="account-balance-title">
        {t('lineHome.balance')}
      </h2>
      <p
        className={
          account.balance < 0 ? 'balance-card__value balance-card__value--debt' : 'balance-card__value'
        }
      >
        {formatMoney(account.balance, account.currency, language)}
      </p>
      <p className="muted">
        {t('lineHome.account', { number: account.number })} ·{' '}
        {t('tariffs.paymentType', { type: account.paymentType })}
      </p>
    </section>
  );
}

/** One row's "what": the number called, or the fee's description; with how much of it there was. */
function ItemRow({ item, currency }: { item: DetailItem; currency: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const what =
    item.type === 'fee'
      ? item.description
        ? pickText(item.description, language)
        : t('details.kind', { kind: item.kind ?? 'other' })
      : item.otherParty
        ? formatMsisdn(item.otherParty)
        : t('details.type', { type: item.type });
  let quantity = '';
  if (item.quantity !== null) {
    if (item.unit === 'seconds')
      quantity = t('details.duration', {
        minutes: Math.floor(item.quantity / 60),
        seconds: String(item.quantity % 60).padStart(2, '0'),
      });
    else if (item.unit === 'bytes') quantity = formatDataBytes(item.quantity, language);
    else if (item.unit === 'messages') quantity = t('units.sms', { count: item.quantity });
  }
  return (
    <li className="list-row detail-row">
      <div className="detail-row__main">
        <span className="detail-row__what">{what}</span>
        <span className="detail-row__meta">
          <span className={`badge badge--type badge--${item.type}`}>
            {t('details.type', { type: item.type })}
          </span>{' '}
          {formatDateTime(item.at, language)}
          {quantity ? ` · ${quantity}` : ''}
          {item.roamingCountry ? ` · ${t('details.abroad', { country: item.roamingCountry })}` : ''}
          {item.bundleUnits && item.ratedUnits && item.bundleUnits >= item.ratedUnits
            ? ` · ${t('details.fromBundle')}`
            : ''}
        </span>
      </div>
      <span className="detail-row__amount">{formatMoney(item.amount, currency, language)}</span>
    </li>
  );
}

function Totals({ details }: { details: UsageDetails }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const money = (minor: number) => formatMoney(minor, details.currency, language);
  const { totals } = details;
  return (
    <section className="card details-totals" aria-labelledby="details-totals-title">
      <h3 className="card__title" id="details-totals-title">
        {t('details.totalsTitle', {
          from: formatLocalDay(details.period.from, language),
          to: formatLocalDay(details.period.to, language),
        })}
      </h3>
      <p className="details-totals__sum">
        {t('details.totalSpent', { amount: money(totals.amount), count: totals.count })}
      </p>
      <dl className="details-totals__types">
        {detailTypes
          .filter((type) => totals.byType[type].count > 0)
          .map((type) => (
            <div key={type} className="details-totals__type">
              <dt>{t('details.typePlural', { type })}</dt>
              <dd>
                {t('details.typeTotal', {
                  count: totals.byType[type].count,
                  amount: money(totals.byType[type].amount),
                })}
              </dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

function DetailsFilterForm({
  filter,
  timeZone,
  onChange,
}: {
  filter: DetailsFilter;
  timeZone: string;
  onChange: (filter: DetailsFilter) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const [type, setType] = useState<DetailType | ''>(filter.type ?? '');
  const today = dayIn(new Date(), timeZone);
  const invalid = from !== '' && to !== '' && from > to;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    onChange({ from: from || undefined, to: to || undefined, type: type || undefined });
  };
  const preset = (p: PeriodPreset) => {
    const period = presetPeriod(p, today);
    setFrom(period.from);
    setTo(period.to);
    onChange({ ...period, type: type || undefined });
  };
  return (
    <form className="card details-filter" onSubmit={submit} aria-label={t('details.filterLabel')}>
      <fieldset className="chips details-filter__presets">
        <legend className="sr-only">{t('details.presetsLabel')}</legend>
        {periodPresets.map((p) => (
          <button type="button" className="chip chip--button" key={p} onClick={() => preset(p)}>
            {t('details.preset', { preset: p })}
          </button>
        ))}
      </fieldset>
      <div className="details-filter__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-from`}>
            {t('details.from')}
          </label>
          <input
            id={`${id}-from`}
            className="field__input"
            type="date"
            value={from}
            max={today}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-to`}>
            {t('details.to')}
          </label>
          <input
            id={`${id}-to`}
            className="field__input"
            type="date"
            value={to}
            max={today}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${id}-error` : undefined}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-type`}>
            {t('details.typeFilter')}
          </label>
          <select
            id={`${id}-type`}
            className="field__input"
            value={type}
            onChange={(e) => setType(e.target.value as DetailType | '')}
          >
            <option value="">{t('details.allTypes')}</option>
            {detailTypes.map((dt) => (
              <option key={dt} value={dt}>
                {t('details.typePlural', { type: dt })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {invalid ? (
        <p className="field__error" id={`${id}-error`}>
          {t('details.fromAfterTo')}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={invalid}>
        {t('details.show')}
      </button>
    </form>
  );
}

function Downloads({ msisdn, filter }: { msisdn: string; filter: DetailsFilter }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const [failed, setFailed] = useState(false);
  const download = async (format: 'csv' | 'pdf') => {
    setBusy(format);
    setFailed(false);
    try {
      await downloadFile(usageExportPath(msisdn, format, filter, currentLanguage()), `details.${format}`);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="details-downloads">
      <button
        type="button"
        className="button button--secondary"
        disabled={busy !== null}
        onClick={() => void download('csv')}
      >
        {busy === 'csv' ? t('details.downloading') : t('details.downloadCsv')}
      </button>
      <button
        type="button"
        className="button button--secondary"
        disabled={busy !== null}
        onClick={() => void download('pdf')}
      >
        {busy === 'pdf' ? t('details.downloading') : t('details.downloadPdf')}
      </button>
      <DetailsMail key={`${filter.from}/${filter.to}/${filter.type ?? ''}`} msisdn={msisdn} filter={filter} />
      {failed ? <Notice tone="error">{t('details.downloadFailed')}</Notice> : null}
    </div>
  );
}

function Details({ msisdn }: { msisdn: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<DetailsFilter>({});
  const query = useInfiniteQuery(usageDetailsQuery(msisdn, filter));
  const first = query.data?.pages[0];
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const form = (
    <DetailsFilterForm
      // The server's default period fills the fields once it is known; a chosen period stays as typed.
      key={filter.from || filter.to ? 'chosen' : first ? 'default' : 'loading'}
      filter={
        first ? { from: first.period.from, to: first.period.to, type: first.type ?? undefined } : filter
      }
      timeZone={first?.period.timeZone ?? browserZone}
      onChange={setFilter}
    />
  );
  let body: ReactNode;
  if (query.isError && !first) {
    body =
      query.error instanceof ApiError && query.error.status === 400 ? (
        <Notice tone="error">{t('details.badPeriod')}</Notice>
      ) : (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      );
  } else if (!first) {
    body = (
      <Loading>
        <SkeletonList rows={6} />
      </Loading>
    );
  } else {
    body = (
      <>
        <Totals details={first} />
        <Downloads
          msisdn={msisdn}
          filter={{ from: first.period.from, to: first.period.to, type: first.type ?? undefined }}
        />
        {items.length === 0 ? (
          <EmptyState>{t('details.empty')}</EmptyState>
        ) : (
          <ul className="card list-card details-list" aria-label={t('details.listLabel')}>
            {items.map((item) => (
              <ItemRow key={item.id} item={item} currency={first.currency} />
            ))}
          </ul>
        )}
        {query.hasNextPage ? (
          <button
            type="button"
            className="button button--secondary button--wide"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? t('state.loading') : t('details.more')}
          </button>
        ) : null}
        {query.isFetchNextPageError ? <Notice tone="error">{t('details.moreFailed')}</Notice> : null}
      </>
    );
  }
  return (
    <section className="section" aria-labelledby="details-title">
      <h2 className="section__title" id="details-title">
        {t('details.title')}
      </h2>
      {form}
      {body}
    </section>
  );
}

function Account({ session }: { session: SessionView }) {
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  return (
    <>
      <Balance msisdn={msisdn} />
      <SpendingChart msisdn={msisdn} />
      <MoneyHistory msisdn={msisdn} />
      <Details key={msisdn} msisdn={msisdn} />
    </>
  );
}

/** Account: the balance, spending by month, payments and charges, then every charge of a period with totals, filters and downloads. */
export default function AccountPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('accountPage.title')} lead={t('accountPage.lead')}>
      <RequireSignedIn>{(session) => <Account session={session} />}</RequireSignedIn>
    </Page>
  );
}
