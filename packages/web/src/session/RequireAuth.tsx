import { Match, type ParentProps, Switch } from 'solid-js';
import { Navigate, useLocation } from '@solidjs/router';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { signInPathFor } from './redirect.ts';
import { useSession } from './SessionProvider.tsx';

/** Layout route for signed-in pages: signed-out visitors go to /sign-in, remembering the page. */
export function RequireAuth(props: ParentProps) {
  const session = useSession();
  const location = useLocation();
  return (
    <Switch fallback={<Loading label="Checking your session…" />}>
      <Match when={session.user()}>{props.children}</Match>
      <Match when={session.user() === null}>
        <Navigate href={signInPathFor(location.pathname + location.search)} />
      </Match>
      <Match when={session.error()}>
        {(error) => (
          <div class="page">
            <h1>Cannot load CoRATES</h1>
            <ErrorAlert error={error()} onRetry={session.retry} />
          </div>
        )}
      </Match>
    </Switch>
  );
}
