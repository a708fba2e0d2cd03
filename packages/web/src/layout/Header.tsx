import { A, useNavigate } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import { useQuery } from '@tanstack/solid-query';
import { signOut } from '../api/auth.ts';
import { errorMessage } from '../api/error-messages.ts';
import { meQueryOptions } from '../session/me-query.ts';
import { useSession } from '../session/SessionProvider.tsx';

export function Header() {
  const session = useSession();
  // The same cached `me` query the session reads; only admins get the operations link.
  const me = useQuery(() => meQueryOptions);
  const isAdmin = () => me.data?.platformRole === 'admin';
  const navigate = useNavigate();
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<unknown>();

  async function onSignOut() {
    setPending(true);
    setError(undefined);
    try {
      await signOut();
      await session.reset();
      // Replaces the "/sign-in?next=…" the guard redirected to: signing out is not a detour.
      navigate('/sign-in', { replace: true });
    } catch (e) {
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
