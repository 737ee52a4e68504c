import type {
  BillDetail,
  BillList,
  PromisedPaymentOffer,
  PromisedPaymentTaken,
  VoucherHistory,
  VoucherRedeemed,
} from '@kabinet/contracts';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, csrfHeader, request } from './http';

const line = (msisdn: string) => `/api/lines/${encodeURIComponent(msisdn)}`;

export const voucherHistoryQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'vouchers'] as const,
    queryFn: ({ signal }) => request<VoucherHistory>(`${line(msisdn)}/vouchers`, { signal, session: true }),
  });

export const promisedPaymentQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'promised-payment'] as const,
    queryFn: ({ signal }) =>
      request<PromisedPaymentOffer>(`${line(msisdn)}/promised-payment`, { signal, session: true }),
  });

export const billsQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'bills'] as const,
    queryFn: ({ signal }) => request<BillList>(`${line(msisdn)}/bills`, { signal, session: true }),
  });

export const billQuery = (msisdn: string, number: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'bills', number] as const,
    queryFn: ({ signal }) =>
      request<BillDetail>(`${line(msisdn)}/bills/${encodeURIComponent(number)}`, { signal, session: true }),
  });

export const moneyInApi = {
  redeemVoucher: (msisdn: string, code: string) =>
    request<VoucherRedeemed>(`${line(msisdn)}/vouchers/redeem`, {
      method: 'POST',
      body: { code },
      session: true,
    }),
  takePromisedPayment: (msisdn: string, amount: number, clientKey: string) =>
    request<PromisedPaymentTaken>(`${line(msisdn)}/promised-payment`, {
      method: 'POST',
      body: { amount, clientKey },
      session: true,
    }),
  /**
   * The bill's PDF. Fetched with the page key (a plain link cannot send it) and handed to the browser
   * as a download.
   */
  async downloadBillPdf(msisdn: string, number: string, lang: string): Promise<void> {
    const url = `${line(msisdn)}/bills/${encodeURIComponent(number)}/pdf?lang=${encodeURIComponent(lang)}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: csrfHeader(), credentials: 'same-origin' });
    } catch {
      throw new ApiError('network', 0);
    }
    if (!response.ok) throw new ApiError('http', response.status);
    const blob = await response.blob();
    const href = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = href;
    link.download = `bill-${number}.pdf`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  },
};
