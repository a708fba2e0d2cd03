import { queryOptions } from '@tanstack/solid-query';
import type { Session } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { api, dataOf } from '../api/client.ts';

export const ME_QUERY_KEY = ['me'] as const;

/** The current session, or null when signed out (401 is an answer here, not a failure). */
export async function fetchSession(): Promise<Session | null> {
  try {
    return dataOf(await api.GET('/api/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const meQueryOptions = queryOptions({
  queryKey: ME_QUERY_KEY,
  queryFn: fetchSession,
  // Refetched on focus after this, which is how a sign-out in another tab is noticed.
  staleTime: 30_000,
});
