import { type Component, Match, Switch, createSignal, lazy } from 'solid-js';
import { Loading } from '../ui/PageStatus.tsx';

/**
 * A route's page in its own chunk, fetched the first time the route is shown, so the first load
 * carries only the sign-in page and the project list (pdf.js, the checklists, reconciliation and
 * the charts come when used). The service worker precaches every chunk, so an offline visit still
 * finds them. Pages are named exports; `name` picks the one to show.
 *
 * No <Suspense>: pages read their queries themselves and show their own loading states, which a
 * boundary here would swallow into one fallback. The chunk's own loading and failure are shown
 * here instead; a failure is offered again (Solid's `lazy` forgets a failed import).
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): Component {
  const Page = lazy(() => load().then((m) => ({ default: m[name] as Component })));
  let loaded = false;
  return () => {
    const [status, setStatus] = createSignal<{ ready: boolean; error?: unknown }>({
      ready: loaded,
    });
    const fetchPage = () => {
      setStatus({ ready: false });
      Page.preload().then(
        () => {
          loaded = true;
          setStatus({ ready: true });
        },
        (error: unknown) => setStatus({ ready: false, error: error ?? 'failed' }),
      );
    };
    if (!loaded) fetchPage();
    return (
      <Switch fallback={<Loading label="Loading…" />}>
        <Match when={status().ready}>
          <Page />
        </Match>
        <Match when={status().error}>
          <PageLoadFailed retry={fetchPage} />
        </Match>
      </Switch>
    );
  };
}

/** The chunk could not be fetched (offline before the service worker had it, or a bad network). */
function PageLoadFailed(props: { retry: () => void }) {
  return (
    <div class="page">
      <div class="alert alert-error" role="alert" data-testid="page-load-failed">
        <p>This page could not be loaded. Check your connection and try again.</p>
        <button type="button" class="button button-small" onClick={() => props.retry()}>
          Try again
        </button>
      </div>
    </div>
  );
}
