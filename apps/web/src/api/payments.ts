import type {
  AutoTopUpSettings,
  Payment,
  PaymentList,
  SavedCardList,
  StartedTopUp,
  TopUpOptions,
} from '@kabinet/contracts';
import { queryOptions } from '@tanstack/react-query';
import { request } from './http';

const base = (msisdn: string) => `/api/lines/${encodeURIComponent(msisdn)}`;

export const topUpOptionsQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'top-up-options'] as const,
    queryFn: ({ signal }) =>
      request<TopUpOptions>(`${base(msisdn)}/top-ups/options`, { signal, session: true }),
    staleTime: 5 * 60_000,
  });

export const savedCardsQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'cards'] as const,
    queryFn: ({ signal }) => request<SavedCardList>(`${base(msisdn)}/cards`, { signal, session: true }),
  });

export const autoTopUpQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'auto-top-up'] as const,
    queryFn: ({ signal }) =>
      request<AutoTopUpSettings>(`${base(msisdn)}/auto-top-up`, { signal, session: true }),
  });

export const paymentsQuery = (msisdn: string, before?: number) =>
  queryOptions({
    queryKey: ['line', msisdn, 'payments', before ?? null] as const,
    queryFn: ({ signal }) =>
      request<PaymentList>(`${base(msisdn)}/top-ups${before ? `?before=${before}` : ''}`, {
        signal,
        session: true,
      }),
  });

export const paymentsApi = {
  startTopUp: (
    msisdn: string,
    body: { amount: number; idempotencyKey: string; cardId?: number; saveCard?: boolean },
  ) => request<StartedTopUp>(`${base(msisdn)}/top-ups`, { method: 'POST', body, session: true }),
  startBillPayment: (
    msisdn: string,
    number: string,
    body: { amount?: number; idempotencyKey: string; cardId?: number; saveCard?: boolean },
  ) =>
    request<StartedTopUp>(`${base(msisdn)}/bills/${encodeURIComponent(number)}/card-payments`, {
      method: 'POST',
      body,
      session: true,
    }),
  /** Asks the provider about the payment (the result screen polls this). */
  refresh: (msisdn: string, paymentId: number, signal?: AbortSignal) =>
    request<Payment>(`${base(msisdn)}/top-ups/${paymentId}/refresh`, {
      method: 'POST',
      signal,
      session: true,
    }),
  removeCard: (msisdn: string, cardId: number) =>
    request<void>(`${base(msisdn)}/cards/${cardId}`, { method: 'DELETE', session: true }),
  saveAutoTopUp: (msisdn: string, settings: AutoTopUpSettings) =>
    request<AutoTopUpSettings>(`${base(msisdn)}/auto-top-up`, {
      method: 'PUT',
      body: settings,
      session: true,
    }),
};
