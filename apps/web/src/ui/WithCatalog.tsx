import type { Catalog } from '@kabinet/contracts';
import type { ReactNode } from 'react';
import { useCatalog } from '../api/catalog';
import { ErrorState, Loading } from './states';

/**
 * Renders its children with the catalogue once it is there; until then the given skeleton, and if it
 * cannot be loaded, an error with a retry button. Data already shown stays when a refresh fails.
 */
export function WithCatalog({
  skeleton,
  children,
}: {
  skeleton: ReactNode;
  children: (catalog: Catalog) => ReactNode;
}) {
  const query = useCatalog();
  if (query.data) return <>{children(query.data)}</>;
  if (query.isError) {
    return (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    );
  }
  return <Loading>{skeleton}</Loading>;
}
