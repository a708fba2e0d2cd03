import { queryOptions } from '@tanstack/solid-query';
import type { Session } from '@corates/shared';
import { api, dataOf } from '../api/client.ts';

export const ME_QUERY_KEY = ['me'] as const;

/**
 * The current session, or null when signed out. GET /api/session answers signed out with 200, so
 * a signed-out page load logs no failed request (GET /api/me would answer 401).
 */
export async function fetchSession(): Promise<Session | null> {
  return dataOf(await api.GET('/api/session')).session;
}

export const meQueryOptions = queryOptions({
  queryKey: ME_QUERY_KEY,
  queryFn: fetchSession,
  // Refetched on focus after this, which is how a sign-out in another tab is noticed.
  staleTime: 30_000,
});
