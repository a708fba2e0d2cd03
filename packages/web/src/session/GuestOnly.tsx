import { Match, type ParentProps, Switch } from 'solid-js';
import { Navigate, useSearchParams } from '@solidjs/router';
import { Loading } from '../ui/PageStatus.tsx';
import { safeNextPath } from './redirect.ts';
import { useSession } from './SessionProvider.tsx';

/** Layout route for the sign-in/up pages: a signed-in user goes on to `next` (or home). */
export function GuestOnly(props: ParentProps) {
  const session = useSession();
  const [search] = useSearchParams<{ next?: string }>();
  return (
    <Switch fallback={props.children}>
      <Match when={session.user()}>
        <Navigate href={safeNextPath(search.next)} />
      </Match>
      {/* Unknown because /api/session failed (offline): show the form; signing in will say why. */}
      <Match when={session.user() === undefined && !session.error()}>
        <Loading label="Checking your session…" />
      </Match>
    </Switch>
  );
}
