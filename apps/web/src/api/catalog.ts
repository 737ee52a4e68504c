import type { Catalog } from '@kabinet/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from './http';

/** The product catalogue: tariffs, services, packs, roaming zones, rewards. Public, same for everyone. */
export const catalogQuery = queryOptions({
  queryKey: ['catalog'] as const,
  queryFn: ({ signal }) => getJson<Catalog>('/api/catalog', signal),
  staleTime: 10 * 60_000,
});

export function useCatalog() {
  return useQuery(catalogQuery);
}
