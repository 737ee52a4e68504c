import { firstFeePeriod } from '../billing/fee-periods';
import { formatMoney } from '../money/money';
import { formatLocalDate, localDateOf } from '../time/zoned';
import type {
  FeeForPeriod,
  OrderContext,
  OrderQuote,
  OrderRejectionCode,
  OrderRequest,
  QuoteOutcome,
} from './order-types';

const DAY_MS = 86_400_000;

function reject(code: OrderRejectionCode, message: string, price = 0): QuoteOutcome {
  return { ok: false, code, message, price };
}

/**
 * Prices an order and decides what it will do, without changing anything: "this will cost X, effective
 * Y". The same decision is taken again under the account lock when the order is placed.
 *
 * Rules: a tariff change follows the target tariff's rules (its change fee; effective now, or from the
 * next period when the line has one); only active tariffs of the account's payment type; effective now
 * it also pays the new tariff's first period, which starts now. A service or pack must be on sale and
 * the line active; leaving a service is free and allowed on any line. Money due now must fit the
 * balance and credit limit, for prepaid and postpaid accounts alike.
 */
export function quoteOrder(
  ctx: OrderContext,
  request: OrderRequest,
  now: Date,
  timeZone: string,
): QuoteOutcome {
  const money = (amount: number) => formatMoney(amount, ctx.currency, 'en');
  const day = (instant: Date) => formatLocalDate(localDateOf(instant, timeZone));
  const lineActive = ctx.line.status === 'active';
  const blocked = () =>
    reject('line_blocked', 'The line is not active, so nothing new can be ordered on it.');

  const quote = (q: Omit<OrderQuote, 'kind' | 'code' | 'currency' | 'canAfford'>): QuoteOutcome => ({
    ok: true,
    quote: {
      kind: request.kind,
      code: request.code,
      currency: ctx.currency,
      canAfford: q.chargedNow <= 0 || ctx.account.balance - q.chargedNow >= -ctx.account.creditLimit,
      ...q,
    },
  });

  switch (request.kind) {
    case 'change_tariff': {
      const t = ctx.tariff;
      if (!t) return reject('not_found', `There is no tariff "${request.code}".`);
      if (t.status !== 'active' || t.paymentType !== ctx.account.paymentType) {
        return reject('not_available', `${t.name} is not available for this line.`);
      }
      if (!lineActive) return blocked();
      if (t.id === ctx.line.tariffId) return reject('same_tariff', `The line is already on ${t.name}.`);
      if (t.id === ctx.line.pendingTariffId) {
        return reject('already_scheduled', `The change to ${t.name} is already scheduled.`);
      }
      const recurringFee = t.feeAmount > 0 ? { amount: t.feeAmount, period: t.feePeriod } : null;
      const per = t.feePeriod === 'day' ? 'a day' : 'a month';

      if (t.changeEffective === 'next_period' && ctx.line.nextFeeAt) {
        const effectiveAt = new Date(Math.max(ctx.line.nextFeeAt.getTime(), now.getTime()));
        return quote({
          price: t.changeFee,
          chargedNow: 0,
          recurringFee,
          effective: 'next_period',
          effectiveAt,
          description:
            `Switch to ${t.name} from ${day(effectiveAt)}, when the current period ends. Nothing is charged now; ` +
            `then ${t.changeFee > 0 ? `the change fee ${money(t.changeFee)} and ` : ''}` +
            `${money(t.feeAmount)} ${per}.`,
          plan: { action: 'schedule_tariff', tariffId: t.id },
        });
      }

      const periodic = t.feeAmount > 0 || t.hasAllowances;
      const first = periodic ? firstFeePeriod(now, t.feePeriod, timeZone) : null;
      const fee: FeeForPeriod | null = first
        ? { amount: t.feeAmount, periodStart: first.start, periodEnd: first.end }
        : null;
      const chargedNow = t.changeFee + (fee?.amount ?? 0);
      const parts = [
        t.changeFee > 0 ? `the change fee ${money(t.changeFee)}` : null,
        fee && fee.amount > 0 ? `${money(fee.amount)} for the period to ${day(fee.periodEnd)}` : null,
      ].filter(Boolean);
      return quote({
        price: t.changeFee,
        chargedNow,
        recurringFee,
        effective: 'now',
        effectiveAt: now,
        description:
          `Switch to ${t.name} now: ${parts.length > 0 ? `${parts.join(' and ')}, ${money(chargedNow)} in all` : 'nothing to pay now'}` +
          `${recurringFee ? `; then ${money(t.feeAmount)} ${per}` : ''}. The current tariff's remaining bundles end now.`,
        plan: {
          action: 'switch_tariff_now',
          tariffId: t.id,
          changeFee: t.changeFee,
          fee,
          anchorDay: first?.anchorDay ?? null,
        },
      });
    }

    case 'connect_service': {
      const s = ctx.service;
      if (!s) return reject('not_found', `There is no service "${request.code}".`);
      if (s.status !== 'active') return reject('not_available', `${s.name} is not available.`);
      if (!lineActive) return blocked();
      if (ctx.subscription) return reject('already_connected', `${s.name} is already connected.`);
      if (s.feeType === 'one_time') {
        return quote({
          price: s.feeAmount,
          chargedNow: s.feeAmount,
          recurringFee: null,
          effective: 'now',
          effectiveAt: now,
          description: `Connect ${s.name} now for a one-time ${money(s.feeAmount)}.`,
          plan: {
            action: 'connect_service',
            serviceId: s.id,
            oneTimeFee: s.feeAmount,
            fee: null,
            anchorDay: null,
          },
        });
      }
      const kind = s.feeType === 'daily' ? 'day' : 'month';
      const first = s.feeAmount > 0 ? firstFeePeriod(now, kind, timeZone) : null;
      const per = kind === 'day' ? 'a day' : 'a month';
      return quote({
        price: s.feeAmount,
        chargedNow: s.feeAmount,
        recurringFee: s.feeAmount > 0 ? { amount: s.feeAmount, period: kind } : null,
        effective: 'now',
        effectiveAt: now,
        description: first
          ? `Connect ${s.name} now: ${money(s.feeAmount)} for the period to ${day(first.end)}, then ${money(s.feeAmount)} ${per}.`
          : `Connect ${s.name} now, free of charge.`,
        plan: {
          action: 'connect_service',
          serviceId: s.id,
          oneTimeFee: 0,
          fee: first ? { amount: s.feeAmount, periodStart: first.start, periodEnd: first.end } : null,
          anchorDay: first?.anchorDay ?? null,
        },
      });
    }

    case 'disconnect_service':
    case 'cancel_subscription': {
      const s = ctx.service;
      if (!s) return reject('not_found', `There is no service "${request.code}".`);
      if (request.kind === 'cancel_subscription' && s.kind !== 'content') {
        return reject(
          'not_available',
          `${s.name} is not a content subscription; disconnect it as a service.`,
        );
      }
      if (!ctx.subscription) return reject('not_connected', `${s.name} is not connected.`);
      return quote({
        price: 0,
        chargedNow: 0,
        recurringFee: null,
        effective: 'now',
        effectiveAt: now,
        description: `${request.kind === 'cancel_subscription' ? 'Cancel' : 'Disconnect'} ${s.name} now, free of charge. Its fee is not charged again.`,
        plan: { action: 'disconnect_service', lineServiceId: ctx.subscription.id },
      });
    }

    case 'buy_pack': {
      const p = ctx.pack;
      if (!p) return reject('not_found', `There is no pack "${request.code}".`);
      if (p.status !== 'active') return reject('not_available', `${p.name} is not on sale.`);
      if (!lineActive) return blocked();
      const expiresAt = new Date(now.getTime() + p.validityDays * DAY_MS);
      return quote({
        price: p.price,
        chargedNow: p.price,
        recurringFee: null,
        effective: 'now',
        effectiveAt: now,
        description: `Buy ${p.name} for ${money(p.price)}: valid for ${p.validityDays} ${p.validityDays === 1 ? 'day' : 'days'}, until ${day(expiresAt)}.`,
        plan: {
          action: 'buy_pack',
          packId: p.id,
          price: p.price,
          roamingZoneId: p.roamingZoneId,
          validFrom: now,
          expiresAt,
        },
      });
    }
  }
}
