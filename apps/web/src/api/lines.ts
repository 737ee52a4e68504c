import type { LineSummary } from '@kabinet/contracts';
import { queryOptions } from '@tanstack/react-query';
import { request } from './http';

/** Everything the signed-in Home shows for one line, in one call. Private: dropped on sign-out. */
export const lineSummaryQuery = (msisdn: string) =>
  queryOptions({
    queryKey: ['line', msisdn, 'summary'] as const,
    queryFn: ({ signal }) =>
      request<LineSummary>(`/api/lines/${encodeURIComponent(msisdn)}/summary`, { signal, session: true }),
    staleTime: 30_000,
  });
