import type { Payment } from '@kabinet/contracts';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { formatMoney } from '../../lib/money';

/** "Visa ending 4242": a card is never shown with more than its brand and last four digits. */
export function useCardLabel() {
  const { t } = useTranslation();
  return (card: { brand: string; last4: string }) =>
    t('topUp.cardLabel', { brand: t('topUp.brand', { brand: card.brand }), last4: card.last4 });
}

/** Why a payment failed, in the subscriber's words. */
export function FailureReason({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  if (!payment.failureReason) return null;
  return <>{t('topUp.reason', { reason: payment.failureReason })}</>;
}

/** The receipt of a successful payment: number, amount (no commission), time and card. */
export function ReceiptCard({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const cardLabel = useCardLabel();
  const language = currentLanguage();
  const receipt = payment.receipt;
  if (!receipt) return null;
  return (
    <section className="card receipt" aria-labelledby="receipt-title">
      <h2 className="card__title" id="receipt-title">
        {t('topUp.receipt.title')}
      </h2>
      <dl className="receipt__list">
        <dt>{t('topUp.receipt.number')}</dt>
        <dd>{receipt.number}</dd>
        <dt>{t('topUp.receipt.amount')}</dt>
        <dd>{formatMoney(receipt.amount, receipt.currency, language)}</dd>
        <dt>{t('topUp.receipt.commission')}</dt>
        <dd>{formatMoney(0, receipt.currency, language)}</dd>
        <dt>{t('topUp.receipt.time')}</dt>
        <dd>{formatDateTime(receipt.paidAt, language)}</dd>
        {receipt.card ? (
          <>
            <dt>{t('topUp.receipt.card')}</dt>
            <dd>{cardLabel(receipt.card)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
