import type { OrderKind, PlacedOrder } from '@kabinet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { placeOrder, quoteOrder } from '../../api/lines';
import { currentLanguage } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { Notice } from '../../ui/form';
import { Loading, SkeletonLine } from '../../ui/states';

export interface OrderTarget {
  kind: OrderKind;
  code: string;
  /** What the person is ordering, as the screen names it ("Internet 5 GB"). */
  name: string;
}

/** Why an order was refused, in the person's words; the codes are the API's stable order codes. */
export function orderProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return t('orders.problem.network');
    const known = [
      'insufficient_funds',
      'not_available',
      'line_blocked',
      'same_tariff',
      'already_scheduled',
      'already_connected',
      'not_connected',
    ];
    if (error.code && known.includes(error.code)) return t('orders.problem.refused', { code: error.code });
  }
  return t('orders.problem.other');
}

function useQuote(msisdn: string, target: OrderTarget) {
  return useQuery({
    queryKey: ['line', msisdn, 'quote', target.kind, target.code],
    queryFn: ({ signal }) => quoteOrder(msisdn, { kind: target.kind, code: target.code }, signal),
    // A price is read fresh every time the dialog opens: the balance or the catalogue may have moved.
    staleTime: 0,
    gcTime: 0,
    retry: (count, error) => count < 2 && error instanceof ApiError && error.transient,
  });
}

function QuoteFacts({ quote }: { quote: ReturnType<typeof useQuote> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (quote.isError) return <Notice tone="error">{orderProblem(t, quote.error)}</Notice>;
  if (!quote.data) {
    return (
      <Loading>
        <SkeletonLine width="70%" />
        <SkeletonLine width="50%" />
      </Loading>
    );
  }
  const q = quote.data;
  const money = (minor: number) => formatMoney(minor, q.currency, language);
  return (
    <>
      <dl className="quote">
        <div className="quote__row">
          <dt>{t('orders.chargedNow')}</dt>
          <dd className="quote__amount">{money(q.chargedNow)}</dd>
        </div>
        {q.recurringFee ? (
          <div className="quote__row">
            <dt>{t('orders.thenEvery')}</dt>
            <dd>{t('price.fee', { price: money(q.recurringFee.amount), period: q.recurringFee.period })}</dd>
          </div>
        ) : null}
        <div className="quote__row">
          <dt>{t('orders.effective')}</dt>
          <dd>
            {q.effective === 'now'
              ? t('orders.effectiveNow')
              : t('orders.effectiveOn', { date: formatDate(q.effectiveAt, language) })}
          </dd>
        </div>
      </dl>
      {q.canAfford ? null : <Notice tone="error">{t('orders.cannotAfford')}</Notice>}
    </>
  );
}

/**
 * Two taps to order: the first opens this dialog with the price and the date it takes effect (a quote
 * from the server, never worked out here), the second confirms. The client key is made once per
 * dialog, so a double tap or a retry after a lost answer places the order once.
 */
export function OrderDialog({
  msisdn,
  target,
  onClose,
  onDone,
}: {
  msisdn: string;
  target: OrderTarget;
  onClose: () => void;
  onDone: (order: PlacedOrder) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [clientKey] = useState(() => crypto.randomUUID());
  const queryClient = useQueryClient();
  const place = useMutation({
    mutationFn: () => placeOrder(msisdn, { clientKey, kind: target.kind, code: target.code }),
    onSuccess: (order) => {
      // Everything about the line may have moved (balance, bundles, services, details); the quote just
      // used is not read again: the order it priced is placed, and asking again would be refused.
      queryClient.removeQueries({ queryKey: ['line', msisdn, 'quote'] });
      void queryClient.invalidateQueries({
        queryKey: ['line', msisdn],
        predicate: (query) => query.queryKey[2] !== 'quote',
      });
      onDone(order);
    },
  });
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const quote = useQuote(msisdn, target);
  const destructive = target.kind === 'disconnect_service' || target.kind === 'cancel_subscription';
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        if (place.isPending) event.preventDefault();
      }}
    >
      <h2 className="dialog__title" id={titleId}>
        {t('orders.title', { kind: target.kind, name: target.name })}
      </h2>
      <QuoteFacts quote={quote} />
      {place.isError ? <Notice tone="error">{orderProblem(t, place.error)}</Notice> : null}
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => dialog.current?.close()}
          disabled={place.isPending}
        >
          {t('orders.cancel')}
        </button>
        <button
          type="button"
          className={destructive ? 'button button--danger' : 'button button--primary'}
          onClick={() => place.mutate()}
          disabled={place.isPending || !quote.data?.canAfford}
        >
          {place.isPending ? t('orders.placing') : t('orders.confirm', { kind: target.kind })}
        </button>
      </div>
    </dialog>
  );
}

/** One order at a time per screen: which one is being confirmed, and what was last done. */
export function useOrderFlow() {
  const [target, setTarget] = useState<OrderTarget | null>(null);
  const [done, setDone] = useState<{ target: OrderTarget; order: PlacedOrder } | null>(null);
  return {
    target,
    done,
    open: (next: OrderTarget) => {
      setDone(null);
      setTarget(next);
    },
    close: () => setTarget(null),
    finish: (order: PlacedOrder) => {
      if (target) setDone({ target, order });
      setTarget(null);
    },
  };
}

/** The order flow's dialog and its result message, to place once on a screen. */
export function OrderFlow({
  msisdn,
  flow,
  children,
}: {
  msisdn: string;
  flow: ReturnType<typeof useOrderFlow>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {flow.done ? (
        <Notice tone="success">
          {t('orders.done', {
            kind: flow.done.target.kind,
            name: flow.done.target.name,
            date: formatDate(flow.done.order.effectiveAt, currentLanguage()),
            effective: flow.done.order.effective,
          })}
        </Notice>
      ) : null}
      {children}
      {flow.target ? (
        <OrderDialog msisdn={msisdn} target={flow.target} onClose={flow.close} onDone={flow.finish} />
      ) : null}
    </>
  );
}
