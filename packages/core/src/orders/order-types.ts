import type { FeePeriodKind } from '../billing/fee-periods';

/** What a subscriber can order in the self-care app. */
export type OrderKind =
  | 'change_tariff'
  | 'connect_service'
  | 'disconnect_service'
  | 'buy_pack'
  | 'cancel_subscription';

export interface OrderRequest {
  kind: OrderKind;
  /** The catalogue code of the tariff, service or pack. */
  code: string;
}

/** Why an order is refused; each is a stable problem code. */
export type OrderRejectionCode =
  | 'not_found'
  | 'not_available'
  | 'line_blocked'
  | 'same_tariff'
  | 'already_scheduled'
  | 'already_connected'
  | 'not_connected'
  | 'insufficient_funds';

export interface OrderTariff {
  id: number;
  code: string;
  name: string;
  status: string;
  paymentType: string;
  feePeriod: FeePeriodKind;
  feeAmount: number;
  changeFee: number;
  changeEffective: 'now' | 'next_period';
  hasAllowances: boolean;
}

export interface OrderService {
  id: number;
  code: string;
  name: string;
  kind: 'option' | 'content';
  status: string;
  feeType: 'one_time' | 'daily' | 'monthly';
  feeAmount: number;
}

export interface OrderPack {
  id: number;
  code: string;
  name: string;
  status: string;
  price: number;
  validityDays: number;
  roamingZoneId: number | null;
}

/** Everything an order is decided on, read under the account lock when the order is placed. */
export interface OrderContext {
  currency: string;
  line: {
    id: number;
    accountId: number;
    status: string;
    tariffId: number;
    tariffStatus: string;
    anchorDay: number | null;
    nextFeeAt: Date | null;
    pendingTariffId: number | null;
  };
  account: { paymentType: string; balance: number; creditLimit: number };
  /** The catalogue item the order names, by kind; undefined when no such code exists. */
  tariff?: OrderTariff | undefined;
  service?: OrderService | undefined;
  pack?: OrderPack | undefined;
  /** The line's current subscription to `service`, if connected (active or suspended). */
  subscription?: { id: number; status: string } | undefined;
}

export interface FeeForPeriod {
  amount: number;
  periodStart: Date;
  periodEnd: Date;
}

/** What placing the order does; executed in one transaction by the order store. */
export type OrderPlan =
  | {
      action: 'switch_tariff_now';
      tariffId: number;
      changeFee: number;
      /** The first period of the new tariff, starting now; null for a tariff without periods. */
      fee: FeeForPeriod | null;
      anchorDay: number | null;
    }
  | { action: 'schedule_tariff'; tariffId: number }
  | {
      action: 'connect_service';
      serviceId: number;
      oneTimeFee: number;
      fee: FeeForPeriod | null;
      anchorDay: number | null;
    }
  | { action: 'disconnect_service'; lineServiceId: number }
  | {
      action: 'buy_pack';
      packId: number;
      price: number;
      roamingZoneId: number | null;
      validFrom: Date;
      expiresAt: Date;
    };

export interface OrderQuote {
  kind: OrderKind;
  code: string;
  /** What the order itself costs: change fee, one-time or first period's fee, pack price; 0 to leave. */
  price: number;
  /** What is debited when the order is placed (a tariff change now also pays the new tariff's first period). */
  chargedNow: number;
  /** What it costs afterwards, per day or month; null when nothing recurs. */
  recurringFee: { amount: number; period: FeePeriodKind } | null;
  currency: string;
  effective: 'now' | 'next_period';
  effectiveAt: Date;
  /** Whether the balance (and credit limit) covers chargedNow at this moment. */
  canAfford: boolean;
  description: string;
  plan: OrderPlan;
}

export type QuoteOutcome =
  | { ok: true; quote: OrderQuote }
  | { ok: false; code: OrderRejectionCode; message: string; price: number };

/** The stored answer of a completed order; the API returns it as is, also on a repeat. */
export interface CompletedOrder {
  id: number;
  status: 'completed';
  kind: OrderKind;
  code: string;
  price: number;
  chargedNow: number;
  effective: 'now' | 'next_period';
  effectiveAt: string;
  balanceAfter: number;
  createdAt: string;
}

export interface StoredOrder {
  id: number;
  clientKey: string;
  kind: OrderKind;
  code: string;
  status: 'completed' | 'rejected';
  reason: OrderRejectionCode | null;
  price: number;
  effectiveAt: string;
  /** The completed order's answer, or the rejection's `{ code, message }`. */
  result: CompletedOrder | { code: OrderRejectionCode; message: string };
  createdAt: string;
}
