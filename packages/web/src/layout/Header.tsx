import { A, useNavigate } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import { useQuery } from '@tanstack/solid-query';
import { signOut } from '../api/auth.ts';
import { errorMessage } from '../api/error-messages.ts';
import { listable, unsyncedDocEdits } from '../session/local-data.ts';
import { meQueryOptions } from '../session/me-query.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { expectSignOut } from '../session/wipe-local-data.ts';
import { useSyncState } from '../sync/use-sync-summary.ts';

export function Header() {
  const session = useSession();
  // The same cached `me` query the session reads; only admins get the operations link.
  const me = useQuery(() => meQueryOptions);
  const isAdmin = () => me.data?.platformRole === 'admin';
  const navigate = useNavigate();
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const sync = useSyncState();
  /** What is not on the server, said before signing out deletes it; undefined: not asking. */
  const [confirming, setConfirming] = createSignal<string>();

  /**
   * The app's sync status when anything is not on the server (waiting or refused); a document's
   * count of unsent edits from before this page (counted in updates, not entities) asks too.
   */
  function unsyncedChanges(userId: string): string | undefined {
    const s = sync().summary;
    if (!s.allSaved) return s.headline;
    if (unsyncedDocEdits(listable(localStorage), userId) > 0)
      return 'Some changes on this device are not on the server yet';
    return undefined;
  }

  /**
   * Signing out deletes everything of this user on this device (SPEC.md [S3] in sync/offline),
   * unsynced changes included, so it asks first when there are any.
   */
  async function onSignOut(confirmed = false) {
    const user = session.user();
    if (!user) return;
    const unsynced = unsyncedChanges(user.id);
    if (!confirmed && unsynced) {
      setConfirming(unsynced);
      return;
    }
    setConfirming(undefined);
    setPending(true);
    setError(undefined);
    const ending = expectSignOut(user.id);
    try {
      await signOut();
      await session.reset();
      // The session's end deletes this user's data; the sign-in page shows once it is gone.
      await ending.done;
      // Replaces the "/sign-in?next=…" the guard redirected to: signing out is not a detour.
      navigate('/sign-in', { replace: true });
    } catch (e) {
      ending.cancel();
      setError(e);
    } finally {
      setPending(false);
    }
  }

  return (
    <header class="site-header">
      <div class="site-header-inner">
        <A href="/" class="brand" end>
          CoRATES
        </A>
        <Show when={session.user()}>
          {(user) => (
            <div class="user-menu" data-testid="user-menu">
              <Show when={isAdmin()}>
                <A href="/admin" class="header-link" data-testid="admin-link">
                  Operations
                </A>
              </Show>
              <span class="user-identity">
                <span class="visually-hidden">Signed in as </span>
                <span class="user-name">{user().name}</span>
                <span class="user-email">{user().email}</span>
              </span>
              <button
                type="button"
                class="button button-small"
                data-testid="sign-out"
                disabled={pending()}
                onClick={() => void onSignOut()}
              >
                {pending() ? 'Signing out…' : 'Sign out'}
              </button>
            </div>
          )}
        </Show>
      </div>
      <Show when={confirming()}>
        <div
          class="alert alert-error header-alert"
          role="alertdialog"
          data-testid="sign-out-unsynced"
        >
          <p>
            {confirming()}. Signing out deletes everything of yours from this device, these changes
            too.
          </p>
          <button
            type="button"
            class="button button-small button-danger-quiet"
            data-testid="sign-out-confirm"
            onClick={() => void onSignOut(true)}
          >
            Sign out and delete them
          </button>{' '}
          <button
            type="button"
            class="button button-small"
            data-testid="sign-out-cancel"
            onClick={() => setConfirming(undefined)}
          >
            Keep them and stay signed in
          </button>
        </div>
      </Show>
      <Show when={error()}>
        {(e) => (
          <p class="alert alert-error header-alert" role="alert">
            Could not sign out. {errorMessage(e())}
          </p>
        )}
      </Show>
    </header>
  );
}
