import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/http';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retry what can get better by itself (network, 5xx) twice, quickly, then show an honest error
      // with a retry button; a 4xx will not change on its own.
      retry: (failures, error) => failures < 2 && (!(error instanceof ApiError) || error.transient),
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 4000),
      refetchOnWindowFocus: false,
    },
  },
});
