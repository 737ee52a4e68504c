import type {
  CallForwarding,
  CallForwardingRequest,
  DailyDataUse,
  DetailsFormat,
  DetailsMailOrder,
  DetailsMailOrders,
  DetailType,
  LineCatalog,
  LineServices,
  LineSummary,
  MoneyHistory,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  OrderKind,
  OrderQuote,
  PlacedOrder,
  UsageDetails,
} from '@kabinet/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { request } from './http';

const linePath = (msisdn: string) => `/api/lines/${encodeURIComponent(msisdn)}`;

/** Everything the signed-in Home shows for one line, in one call. Private: dropped on sign-out. */
export const lineSummaryQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'summary'] as const,
    queryFn: ({ signal }) => request<LineSummary>(`${linePath(msisdn)}/summary`, { signal, session: true }),
    staleTime: 30_000,
  });

/** The services connected to the line, with their prices; content subscriptions apart. */
export const lineServicesQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'services'] as const,
    queryFn: ({ signal }) => request<LineServices>(`${linePath(msisdn)}/services`, { signal, session: true }),
    staleTime: 30_000,
  });

/** The catalogue as this line may order from it: its own tariff and connected services marked. */
export const lineCatalogQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'catalog'] as const,
    queryFn: ({ signal }) => request<LineCatalog>(`${linePath(msisdn)}/catalog`, { signal, session: true }),
    staleTime: 60_000,
  });

/** A period of local days (both inclusive; unset: the server's default, this month so far) and a type. */
export interface DetailsFilter {
  from?: string;
  to?: string;
  type?: DetailType;
}

function detailsSearch(filter: DetailsFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.type) params.set('type', filter.type);
  return params.toString();
}

/** Itemized details for a period and type, newest first, a page at a time (keyset cursor). */
export const usageDetailsQuery = (msisdn: string, filter: DetailsFilter) =>
  infiniteQueryOptions({
    queryKey: ['line', msisdn, 'usage', filter] as const,
    queryFn: ({ signal, pageParam }) =>
      request<UsageDetails>(
        `${linePath(msisdn)}/usage?${detailsSearch(filter, pageParam ? { cursor: pageParam, limit: '50' } : { limit: '50' })}`,
        { signal, session: true },
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 30_000,
  });

/**
 * Only the totals of a period (one item is the smallest page): what the spending chart needs per month.
 * Without a period it is this month so far, and its `period.to` says what "today" is in the billing zone.
 */
export const usageTotalsQuery = (msisdn: string, period: { from?: string; to?: string }) =>
  queryOptions({
    queryKey: ['line', msisdn, 'usage-totals', period] as const,
    queryFn: ({ signal }) =>
      request<UsageDetails>(`${linePath(msisdn)}/usage?${detailsSearch(period, { limit: '1' })}`, {
        signal,
        session: true,
      }),
    staleTime: 60_000,
  });

/** Payments in and charges out (the ledger's money rows), newest first, a page at a time. */
export const moneyHistoryQuery = (msisdn: string) =>
  infiniteQueryOptions({
    queryKey: ['line', msisdn, 'history'] as const,
    queryFn: ({ signal, pageParam }) =>
      request<MoneyHistory>(
        `${linePath(msisdn)}/history?limit=20${pageParam ? `&before=${pageParam}` : ''}`,
        { signal, session: true },
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 30_000,
  });

/** Where the CSV or PDF of the same period and filter is downloaded from. */
export function usageExportPath(
  msisdn: string,
  format: 'csv' | 'pdf',
  filter: DetailsFilter,
  lang: string,
): string {
  return `${linePath(msisdn)}/usage.${format}?${detailsSearch(filter, { lang })}`;
}

/** The address on file and the latest orders of details by e-mail. Private: dropped on sign-out. */
export const detailsMailQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'details-mail'] as const,
    queryFn: ({ signal }) =>
      request<DetailsMailOrders>(`${linePath(msisdn)}/usage/email-orders`, { signal, session: true }),
    staleTime: 30_000,
  });

export interface DetailsMailRequest {
  /** Made once per form, so a double tap or a retry after a lost answer sends one mail. */
  clientKey: string;
  /** Absent: the address on file for the account. */
  email?: string;
  filter: DetailsFilter;
  formats: DetailsFormat[];
  lang: string;
}

/** Orders the details of a period to an address; the server answers at once and mails in the background. */
export function orderDetailsMail(msisdn: string, order: DetailsMailRequest): Promise<DetailsMailOrder> {
  const { filter } = order;
  return request<DetailsMailOrder>(`${linePath(msisdn)}/usage/email-orders`, {
    method: 'POST',
    session: true,
    body: {
      clientKey: order.clientKey,
      ...(order.email === undefined ? {} : { email: order.email }),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      formats: order.formats,
      ...(['en', 'ru', 'id'].includes(order.lang) ? { lang: order.lang } : {}),
    },
  });
}

export interface OrderRequest {
  kind: OrderKind;
  code: string;
}

/** What an order would cost and when it would take effect; nothing changes. */
export function quoteOrder(msisdn: string, order: OrderRequest, signal?: AbortSignal): Promise<OrderQuote> {
  return request<OrderQuote>(`${linePath(msisdn)}/orders/quote`, {
    method: 'POST',
    body: order,
    signal,
    session: true,
  });
}

/** Places an order once: the same client key sent again is answered with the first result. */
export function placeOrder(
  msisdn: string,
  order: OrderRequest & { clientKey: string },
): Promise<PlacedOrder> {
  return request<PlacedOrder>(`${linePath(msisdn)}/orders`, { method: 'POST', body: order, session: true });
}

/** The line's call forwarding, each condition with its number or null when off. */
export const callForwardingQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'call-forwarding'] as const,
    queryFn: ({ signal }) =>
      request<CallForwarding>(`${linePath(msisdn)}/call-forwarding`, { signal, session: true }),
    staleTime: 60_000,
  });

/** Saves the whole call forwarding setting (absent conditions are turned off). */
export function saveCallForwarding(msisdn: string, body: CallForwardingRequest): Promise<CallForwarding> {
  return request<CallForwarding>(`${linePath(msisdn)}/call-forwarding`, {
    method: 'PUT',
    body,
    session: true,
  });
}

/** Data used per day of the billing zone, the last 30 days, for the Internet screen's chart. */
export const dailyDataUseQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'daily-data'] as const,
    queryFn: ({ signal }) =>
      request<DailyDataUse>(`${linePath(msisdn)}/usage/daily-data?days=30`, { signal, session: true }),
    staleTime: 60_000,
  });

/** Which SMS notifications the line receives. */
export const notificationsQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'notifications'] as const,
    queryFn: ({ signal }) =>
      request<NotificationPreferences>(`${linePath(msisdn)}/notifications`, { signal, session: true }),
    staleTime: 60_000,
  });

export function saveNotifications(
  msisdn: string,
  body: NotificationPreferencesUpdate,
): Promise<NotificationPreferences> {
  return request<NotificationPreferences>(`${linePath(msisdn)}/notifications`, {
    method: 'PUT',
    body,
    session: true,
  });
}
