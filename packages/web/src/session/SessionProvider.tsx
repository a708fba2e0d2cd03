import { type ParentProps, createContext, onCleanup, useContext } from 'solid-js';
import { hashKey, useQuery, useQueryClient } from '@tanstack/solid-query';
import type { User } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { ME_QUERY_KEY, meQueryOptions } from './me-query.ts';
import { readRememberedUser, rememberUser } from './remembered-user.ts';

export interface SessionContextValue {
  /**
   * The signed-in user; null when signed out; undefined while unknown (loading, or /api/session failed).
   * Offline (no answer at all) it is the last user the server confirmed, so the app opens on that
   * user's cached data.
   */
  user: () => User | null | undefined;
  /** Why the session could not be read (offline, server error); undefined otherwise. */
  error: () => unknown;
  /** Re-read the session after a failure. */
  retry: () => void;
  /**
   * Call after signing in or out: drops every cached query (another user's data must never show)
   * and reads the session again.
   */
  reset: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue>();

/**
 * Owns the one `me` query. A change of user seen by any refetch (focus, or a 401 elsewhere that
 * re-checks the session) is a session change and clears the cache like an explicit sign-in/out.
 */
export function SessionProvider(props: ParentProps) {
  const queryClient = useQueryClient();
  const me = useQuery(() => meQueryOptions);

  let resetting = false;
  // undefined until the first answer, so the first load is not mistaken for a change.
  let knownUserId: string | null | undefined;

  async function reset() {
    resetting = true;
    try {
      queryClient.clear();
      // clear() destroyed the query this observer watched; refetching makes it build and
      // subscribe to a fresh one, otherwise focus refetches and invalidations would miss it.
      await me.refetch();
    } finally {
      resetting = false;
    }
  }

  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    if (event.query.queryHash !== hashKey(ME_QUERY_KEY)) return;
    const sessionUser = queryClient.getQueryData(meQueryOptions.queryKey)?.user ?? null;
    rememberUser(localStorage, sessionUser);
    const userId = sessionUser?.id ?? null;
    const previous = knownUserId;
    knownUserId = userId;
    if (!resetting && previous !== undefined && previous !== userId) void reset();
  });
  onCleanup(unsubscribe);

  const offlineUser = () =>
    me.isError && me.error instanceof ApiError && me.error.code === 'NETWORK_ERROR'
      ? readRememberedUser(localStorage)
      : undefined;

  const value: SessionContextValue = {
    user: () => (me.isSuccess ? (me.data?.user ?? null) : offlineUser()),
    error: () => (me.isError && !me.isFetching && !offlineUser() ? me.error : undefined),
    retry: () => void me.refetch(),
    reset,
  };
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}
