import type { Payment, SavedCard, StartedTopUp } from '@kabinet/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
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

/**
 * Which card pays: a saved one (brand, last four, expiry) or a new one typed on the provider's page,
 * which may be saved. `choice` is a saved card's id as a string, or 'new'.
 */
export function CardChoice({
  cards,
  choice,
  onChoice,
  saveCard,
  onSaveCard,
  hint,
}: {
  cards: SavedCard[];
  choice: string;
  onChoice: (choice: string) => void;
  saveCard: boolean;
  onSaveCard: (save: boolean) => void;
  hint: string;
}) {
  const { t } = useTranslation();
  const cardLabel = useCardLabel();
  const hintId = `${useId()}-hint`;
  return (
    <>
      <fieldset className="choice-group" aria-describedby={hintId}>
        <legend className="field__label">{t('topUp.payWith')}</legend>
        {cards.map((card) => (
          <label key={card.id} className="choice">
            <input
              type="radio"
              name="card"
              value={String(card.id)}
              checked={choice === String(card.id)}
              onChange={() => onChoice(String(card.id))}
            />
            <span>
              {cardLabel(card)}
              {card.expMonth && card.expYear ? (
                <span className="muted">
                  {' '}
                  ·{' '}
                  {t('topUp.expires', {
                    month: String(card.expMonth).padStart(2, '0'),
                    year: card.expYear % 100,
                  })}
                </span>
              ) : null}
            </span>
          </label>
        ))}
        <label className="choice">
          <input
            type="radio"
            name="card"
            value="new"
            checked={choice === 'new'}
            onChange={() => onChoice('new')}
          />
          <span>{t('topUp.newCard')}</span>
        </label>
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      </fieldset>
      {choice === 'new' ? (
        <label className="checkbox">
          <input type="checkbox" checked={saveCard} onChange={(event) => onSaveCard(event.target.checked)} />
          <span>{t('topUp.saveCard')}</span>
        </label>
      ) : null}
    </>
  );
}

/** A new key per attempt: a double tap or a retry of the same attempt reuses it, so it pays once. */
const newKey = () => crypto.randomUUID();

/**
 * What every card payment form keeps between renders: the card chosen (a saved one first), whether to
 * save a new one, and the attempt's idempotency key; and where the payer goes once the payment starts.
 */
export function useCardPaymentAttempt(cards: SavedCard[]) {
  const navigate = useNavigate();
  const [cardChoice, setCardChoice] = useState<string>(cards[0] ? String(cards[0].id) : 'new');
  const [saveCard, setSaveCard] = useState(false);
  const [key, setKey] = useState(newKey);
  return {
    key,
    /** A changed amount or a failure that was not transient is a new attempt. */
    renewKey: () => setKey(newKey()),
    choice: { cards, choice: cardChoice, onChoice: setCardChoice, saveCard, onSaveCard: setSaveCard },
    /** The card part of the request: a saved card's id, or a new card to type (and maybe save). */
    card: () => (cardChoice === 'new' ? { saveCard } : { cardId: Number(cardChoice) }),
    /** To the provider's page, or straight to the result when the provider decided at once (a saved card). */
    follow: (started: StartedTopUp, resultUrl: string) => {
      if (started.redirectUrl) window.location.assign(started.redirectUrl);
      else navigate(resultUrl);
    },
  };
}
