import type { VoucherRedeemed } from '@kabinet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moneyInApi, voucherHistoryQuery } from '../../api/money-in';
import type { SessionView } from '../../auth/api';
import { RequireSignedIn } from '../../auth/RequireSignedIn';
import { useCurrentLine } from '../../auth/session';
import { Field, Notice } from '../../ui/form';
import { Page } from '../../ui/Page';
import { ErrorState, Loading, SkeletonList } from '../../ui/states';
import { BackToHome } from './BackToHome';
import { moneyInProblem } from './problems';
import { useMoneyFormat } from './useMoneyFormat';

function RedeemForm({ msisdn, currency }: { msisdn: string; currency: string }) {
  const { t } = useTranslation();
  const format = useMoneyFormat(currency);
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<VoucherRedeemed | null>(null);
  const redeem = useMutation({
    mutationFn: (value: string) => moneyInApi.redeemVoucher(msisdn, value),
    onSuccess: (result) => {
      setDone(result);
      setCode('');
      void queryClient.invalidateQueries({ queryKey: ['line', msisdn] });
    },
    onError: () => setDone(null),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) redeem.mutate(code.trim());
  };
  return (
    <section className="card settings-card" aria-labelledby="voucher-form-title">
      <h2 className="card__title" id="voucher-form-title">
        {t('moneyIn.voucher.formTitle')}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label={t('moneyIn.voucher.code')}
          hint={t('moneyIn.voucher.codeHint')}
          error={redeem.isError ? moneyInProblem(t, redeem.error) : undefined}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={24}
          required
        />
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={redeem.isPending || !code.trim()}
          >
            {redeem.isPending ? t('moneyIn.voucher.submitting') : t('moneyIn.voucher.submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite" className="live-region">
        {done ? (
          <Notice tone="success">
            {done.repaidAmount > 0
              ? t('moneyIn.voucher.creditedRepaid', {
                  amount: format.money(done.amount),
                  repaid: format.money(done.repaidAmount),
                  balance: format.money(done.balance),
                })
              : t('moneyIn.voucher.credited', {
                  amount: format.money(done.amount),
                  balance: format.money(done.balance),
                })}
          </Notice>
        ) : null}
      </div>
    </section>
  );
}

function Vouchers({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const msisdn = useCurrentLine(session) ?? session.msisdn;
  const history = useQuery(voucherHistoryQuery(msisdn));
  const format = useMoneyFormat(history.data?.currency ?? 'RUB');
  return (
    <div className="settings-stack">
      {history.data ? <RedeemForm msisdn={msisdn} currency={history.data.currency} /> : null}
      <section className="card list-card" aria-labelledby="voucher-history-title">
        <h2 className="card__title" id="voucher-history-title">
          {t('moneyIn.voucher.historyTitle')}
        </h2>
        {history.data ? (
          history.data.redemptions.length === 0 ? (
            <p className="muted">{t('moneyIn.voucher.historyEmpty')}</p>
          ) : (
            <ul>
              {history.data.redemptions.map((r) => (
                <li key={r.redeemedAt + r.amount} className="list-row">
                  <span className="list-row__main">
                    <span className="list-row__title">{format.money(r.amount)}</span>
                    <span className="list-row__text">
                      {format.date(r.redeemedAt)}
                      {r.repaidAmount > 0
                        ? ` · ${t('moneyIn.voucher.historyRepaid', { repaid: format.money(r.repaidAmount) })}`
                        : ''}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )
        ) : history.isError ? (
          <ErrorState
            error={history.error}
            onRetry={() => void history.refetch()}
            retrying={history.isFetching}
          />
        ) : (
          <Loading>
            <SkeletonList rows={2} />
          </Loading>
        )}
      </section>
    </div>
  );
}

/** Redeem a voucher code; the credit first repays an open promised payment. */
export default function VoucherPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('moneyIn.voucher.title')} lead={t('moneyIn.voucher.lead')} before={<BackToHome />}>
      <RequireSignedIn>{(session) => <Vouchers session={session} />}</RequireSignedIn>
    </Page>
  );
}
