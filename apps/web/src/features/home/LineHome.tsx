import type { LineAlert, LineBundle, LineSummary } from '@kabinet/contracts';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigationType } from 'react-router';
import { readLastSummary, rememberSummary } from '../../api/last-summary';
import { lineSummaryQuery } from '../../api/lines';
import { to } from '../../app/routes';
import type { SessionView } from '../../auth/api';
import { useCurrentLine } from '../../auth/session';
import { currentLanguage } from '../../i18n';
import { formatDate, formatLocalDay } from '../../lib/dates';
import { pickText } from '../../lib/localized';
import { formatMoney } from '../../lib/money';
import { formatMsisdn } from '../../lib/phone';
import { formatDataBytes, wholeMinutes } from '../../lib/units';
import { Icon } from '../../ui/Icon';
import { useDocumentTitle } from '../../ui/Page';
import { ErrorState, Loading, SkeletonCards, SkeletonLine } from '../../ui/states';
import { MoneyInLinks } from '../money-in/MoneyInLinks';
import { usePullToRefresh } from './usePullToRefresh';

/** Formatting of one line's figures in the UI language and the account's currency. */
export function useLineFormat(currency: string) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return useMemo(
    () => ({
      language,
      money: (minor: number) => formatMoney(minor, currency, language),
      date: (iso: string) => formatDate(iso, language),
      day: (day: string) => formatLocalDay(day, language),
      /** An amount of a bundle's unit: "120 minutes", "50 SMS", "3.2 GB". */
      amount: (unit: LineBundle['unit'], value: number) => {
        switch (unit) {
          case 'voice_seconds':
            return t('units.minutes', { count: wholeMinutes(value) });
          case 'sms':
            return t('units.sms', { count: value });
          case 'data_bytes':
            return formatDataBytes(value, language);
        }
      },
    }),
    [t, currency, language],
  );
}

export type LineFormat = ReturnType<typeof useLineFormat>;

function AlertText({ alert, format }: { alert: LineAlert; format: LineFormat }) {
  const { t } = useTranslation();
  switch (alert.code) {
    case 'low_balance':
      return (
        <>
          {t('lineHome.alert.lowBalance', {
            reason: alert.reason,
            available: format.money(alert.available),
            needed: format.money(alert.needed),
            date: alert.dueAt ? format.date(alert.dueAt) : '',
          })}
        </>
      );
    case 'bundle_almost_used':
    case 'bundle_used_up':
      return (
        <>
          {t('lineHome.alert.bundle', {
            state: alert.code === 'bundle_used_up' ? 'used_up' : 'almost',
            unit: alert.unit,
            percent: alert.usedPercent,
            remaining: format.amount(alert.unit, alert.remaining),
            date: format.date(alert.expiresAt),
          })}
        </>
      );
    case 'tariff_fee_unpaid':
      return (
        <>
          {t('lineHome.alert.tariffFeeUnpaid', {
            amount: format.money(alert.amount),
            shortfall: format.money(alert.shortfall),
          })}
        </>
      );
    case 'service_fee_unpaid':
      return (
        <>
          {t('lineHome.alert.serviceFeeUnpaid', {
            name: pickText(alert.name, format.language),
            amount: format.money(alert.amount),
          })}
        </>
      );
    case 'bill_open':
    case 'bill_overdue':
      return (
        <>
          {t('lineHome.alert.bill', {
            state: alert.code === 'bill_overdue' ? 'overdue' : 'open',
            number: alert.billNumber,
            amount: format.money(alert.amount),
            date: format.day(alert.dueDate),
          })}
        </>
      );
    case 'promised_payment_due':
      return (
        <>
          {t('lineHome.alert.promisedPayment', {
            overdue: alert.overdue ? 'yes' : 'no',
            amount: format.money(alert.amount),
            date: format.date(alert.dueAt),
          })}{' '}
          <Link to={to.promisedPayment()} className="text-link">
            {t('lineHome.alert.promisedPaymentLink')}
          </Link>
        </>
      );
    case 'line_blocked':
      return <>{t('lineHome.alert.lineBlocked', { status: alert.status })}</>;
  }
}

export function BundleMeter({ bundle, format }: { bundle: LineBundle; format: LineFormat }) {
  const { t } = useTranslation();
  // Share left, in whole percent for the bar's width only; the text gives exact amounts.
  const left = bundle.total > 0 ? Math.round((bundle.remaining / bundle.total) * 100) : 0;
  return (
    <li className="card meter">
      <div className="meter__head">
        <span className="meter__unit">{t('lineHome.unit', { unit: bundle.unit })}</span>
        <span className="meter__name">{pickText(bundle.name, format.language)}</span>
      </div>
      <p className="meter__value">
        {t('lineHome.remainingOf', {
          remaining: format.amount(bundle.unit, bundle.remaining),
          total: format.amount(bundle.unit, bundle.total),
        })}
      </p>
      <div className={left <= 10 ? 'meter__bar meter__bar--low' : 'meter__bar'} aria-hidden="true">
        <span style={{ width: `${left}%` }} />
      </div>
      <p className="meter__foot">
        {bundle.resets
          ? t('lineHome.renews', { date: format.date(bundle.expiresAt) })
          : t('lineHome.validUntil', { date: format.date(bundle.expiresAt) })}
        {bundle.scope !== 'all' ? ` · ${t('units.scope', { scope: bundle.scope })}` : ''}
        {bundle.roamingZone
          ? ` · ${t('lineHome.abroad', { zone: pickText(bundle.roamingZone.name, format.language) })}`
          : ''}
      </p>
    </li>
  );
}

/** When the figures are from, and whether they are being (or could not be) brought up to date. */
function Freshness({
  summary,
  language,
  state,
  stale,
  onRefresh,
}: {
  summary: LineSummary;
  language: string;
  state: 'fresh' | 'updating' | 'failed';
  /** The figures are this device's memory, not yet confirmed by the server. */
  stale: boolean;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="freshness">
      <p className="muted as-of" role="status">
        {t('lineHome.asOf', {
          date: new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(
            new Date(summary.asOf),
          ),
        })}
        {state === 'updating' ? ` · ${t(stale ? 'lineHome.lastKnownUpdating' : 'lineHome.updating')}` : ''}
        {state === 'failed' ? ` · ${t('lineHome.notUpdated')}` : ''}
      </p>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={onRefresh}
        disabled={state === 'updating'}
      >
        <Icon name="refresh" size={18} />
        {t('lineHome.refresh')}
      </button>
    </div>
  );
}

function Summary({
  summary,
  stale,
  freshness,
}: {
  summary: LineSummary;
  /** Shown from the device's memory, not yet confirmed by the server. */
  stale: boolean;
  freshness: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useLineFormat(summary.account.currency);
  const { line, account } = summary;
  const fee =
    line.tariff.feeAmount > 0
      ? t('price.fee', { price: format.money(line.tariff.feeAmount), period: line.tariff.feePeriod })
      : t('price.noFee', { period: line.tariff.feePeriod });
  return (
    <div className={stale ? 'line-summary line-summary--stale' : 'line-summary'}>
      {freshness}
      {summary.alerts.length > 0 ? (
        <section aria-label={t('lineHome.alertsLabel')}>
          <ul className="alerts">
            {summary.alerts.map((alert, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: alerts have no id; their order is stable per answer
              <li key={`${alert.code}-${index}`} className={`alert alert--${alert.severity}`}>
                <AlertText alert={alert} format={format} />
                {alert.code === 'low_balance' || alert.code === 'tariff_fee_unpaid' ? (
                  <>
                    {' '}
                    <Link to={to.topUp()} className="alert__action">
                      {t('lineHome.topUp')}
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="card-grid line-cards">
        <section className="card balance-card" aria-labelledby="balance-title">
          <h2 className="balance-card__label" id="balance-title">
            {t('lineHome.balance')}
          </h2>
          <p
            className={
              account.balance < 0 ? 'balance-card__value balance-card__value--debt' : 'balance-card__value'
            }
          >
            {format.money(account.balance)}
          </p>
          {account.creditLimit > 0 ? (
            <p className="muted">
              {t('lineHome.available', {
                available: format.money(account.available),
                limit: format.money(account.creditLimit),
              })}
            </p>
          ) : null}
          <p className="muted">
            {t('lineHome.account', { number: account.number })} ·{' '}
            {t('tariffs.paymentType', { type: account.paymentType })}
          </p>
          <p className="balance-card__actions">
            <Link to={to.topUp()} className="button button--primary button--small">
              {t('lineHome.topUp')}
            </Link>
            <Link to={to.payments()} className="button button--secondary button--small">
              {t('lineHome.history')}
            </Link>
          </p>
        </section>

        <section className="card tariff-card" aria-labelledby="tariff-title">
          <h2 className="balance-card__label" id="tariff-title">
            {t('lineHome.tariff')}
          </h2>
          <p className="tariff-mini__name">
            <Link to={to.tariff(line.tariff.code)} className="tariff-link">
              {line.tariff.name}
            </Link>
          </p>
          <p className="tariff-mini__fee">{fee}</p>
          {line.tariffStatus === 'suspended' ? (
            <p className="field__error">{t('lineHome.tariffSuspended')}</p>
          ) : line.nextFeeAt ? (
            <p className="muted">{t('lineHome.nextFee', { date: format.date(line.nextFeeAt) })}</p>
          ) : null}
          {summary.services.count > 0 ? (
            <p className="muted">
              {t('lineHome.services', {
                count: summary.services.count,
                cost: format.money(summary.services.monthlyCost),
              })}
            </p>
          ) : null}
        </section>
      </div>

      <section className="section" aria-labelledby="bundles-title">
        <h2 className="section__title" id="bundles-title">
          {t('lineHome.bundles')}
        </h2>
        {summary.bundles.length === 0 ? (
          <p className="muted">{t('lineHome.noBundles')}</p>
        ) : (
          <ul className="card-grid meters">
            {summary.bundles.map((bundle) => (
              <BundleMeter key={bundle.id} bundle={bundle} format={format} />
            ))}
          </ul>
        )}
      </section>

      <MoneyInLinks paymentType={account.paymentType} />
    </div>
  );
}

/**
 * The signed-in Home: the chosen line's balance, tariff, bundles and alerts. `remembered`: the session is
 * the one this device last had, not yet confirmed, so only the last known figures show and nothing is
 * asked of the server until it answers.
 */
export function LineHome({ session, remembered = false }: { session: SessionView; remembered?: boolean }) {
  const { t } = useTranslation();
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  const line = session.lines.find((l) => l.msisdn === msisdn);
  const name = line?.customerName ?? (msisdn === session.msisdn ? session.customerName : null);
  const summary = useQuery({
    ...lineSummaryQuery(msisdn),
    placeholderData: () => readLastSummary(msisdn),
    enabled: !remembered,
  });
  useEffect(() => {
    if (summary.data && !summary.isPlaceholderData) rememberSummary(summary.data);
  }, [summary.data, summary.isPlaceholderData]);
  const { refetch } = summary;
  const refresh = useCallback(() => void refetch(), [refetch]);
  const pull = usePullToRefresh(refresh);
  // Offline or failing: the last known figures stay on screen, said to be not up to date.
  const shown = summary.data ?? (summary.isError ? readLastSummary(msisdn) : undefined);
  const stale = shown !== summary.data || summary.isPlaceholderData;
  const state =
    summary.isFetching || remembered
      ? 'updating'
      : summary.isError || summary.isPlaceholderData
        ? 'failed'
        : 'fresh';
  useDocumentTitle(t('nav.home'));
  const heading = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();
  const { key } = useLocation();
  // As on every screen (see Page): after an in-app navigation, reading starts at the title.
  useEffect(() => {
    if (navigationType !== 'POP' && key) heading.current?.focus({ preventScroll: true });
  }, [navigationType, key]);
  const firstName = name?.split(' ')[0];
  return (
    <div className="page page--home">
      <div className="page__header">
        <h1 className="page__title" ref={heading} tabIndex={-1}>
          {firstName ? t('lineHome.greeting', { name: firstName }) : t('lineHome.title')}
        </h1>
        <p className="page__lead">
          <Icon name="lines" size={18} className="page__lead-icon" /> {formatMsisdn(msisdn)}
        </p>
      </div>
      {pull.pulled > 0 ? (
        <div className="pull" style={{ height: pull.pulled }} aria-hidden="true">
          <Icon
            name="refresh"
            size={22}
            className={pull.armed ? 'pull__icon pull__icon--armed' : 'pull__icon'}
          />
        </div>
      ) : null}
      {shown ? (
        <Summary
          summary={shown}
          stale={stale}
          freshness={
            <Freshness
              summary={shown}
              language={currentLanguage()}
              state={state}
              stale={stale}
              onRefresh={refresh}
            />
          }
        />
      ) : summary.isError ? (
        <ErrorState
          error={summary.error}
          onRetry={() => void summary.refetch()}
          retrying={summary.isFetching}
        />
      ) : (
        <Loading>
          <SkeletonLine width="50%" height="2.5rem" />
          <SkeletonCards count={3} lines={2} />
        </Loading>
      )}
    </div>
  );
}
