import { MutationCache, QueryCache, QueryClient } from '@tanstack/solid-query';
import { ApiError } from '../api/api-error.ts';
import { shouldRetry } from '../api/retry-policy.ts';

/**
 * The app's QueryClient. A 401 from any data call means the session ended (expired, or signed
 * out elsewhere): `onUnauthenticated` re-checks the session (GET /api/session), and the session layer takes it from there.
 */
export function createAppQueryClient(options: { onUnauthenticated: () => void }): QueryClient {
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) options.onUnauthenticated();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000 },
      // Mutations are not idempotent by default; the user retries them deliberately.
      mutations: { retry: false },
    },
  });
}
