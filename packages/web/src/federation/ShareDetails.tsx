import { useQuery } from '@tanstack/solid-query';
import { For, Match, Show, Switch, createResource, createSignal } from 'solid-js';
import type { ShareGraph } from '@corates/shared';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { formatDateTime } from '../ui/format.ts';
import { federationKeys, getShare, getShareGraph } from './federation-api.ts';
import { graphFileName, lagText } from './federation-view.ts';

/**
 * One share's subscribers (lag, last pull, last error, schema-mismatch refusals) and the records
 * it covers, with the picture of its DAG. Shown when the owner opens it: the graph is read, and
 * the layout library loaded, only then.
 */
export function ShareDetails(props: { shareId: string }) {
  const detail = useQuery(() => ({
    queryKey: federationKeys.share(props.shareId),
    queryFn: () => getShare(props.shareId),
    refetchInterval: 30_000,
  }));
  const [showGraph, setShowGraph] = createSignal(false);

  return (
    <div class="share-details" data-testid="share-details">
      <Switch>
        <Match when={detail.isError}>
          <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
        </Match>
        <Match when={detail.data}>
          {(d) => (
            <>
              <p class="muted" data-testid="share-position">
                {d().recordCount} {d().recordCount === 1 ? 'record' : 'records'} covered · last
                change {d().lastSeq}
              </p>
              <h5 class="share-subheading">Subscribers</h5>
              <Show
                when={d().subscribers.length > 0}
                fallback={
                  <p class="empty-state" data-testid="subscribers-empty">
                    No server has subscribed yet: create an invite and give it to the other server’s
                    admin.
                  </p>
                }
              >
                <div class="table-scroll">
                  <table class="data-table" data-testid="subscribers-table">
                    <thead>
                      <tr>
                        <th scope="col">Server</th>
                        <th scope="col">Lag</th>
                        <th scope="col">Last successful pull</th>
                        <th scope="col">Last error</th>
                        <th scope="col">Schema refusals</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={d().subscribers}>
                        {(s) => (
                          <tr data-testid="subscriber" data-server-id={s.serverId}>
                            <th scope="row">
                              {s.origin}
                              <br />
                              <span class="mono muted">{s.serverId}</span>
                            </th>
                            <td data-testid="subscriber-lag">{lagText(s.lag)}</td>
                            <td data-testid="subscriber-last-pull">
                              {s.lastPullAt ? formatDateTime(s.lastPullAt) : 'Never'}
                            </td>
                            <td class={s.lastError ? 'error-text' : 'muted'}>
                              {s.lastError ?? 'None'}
                            </td>
                            <td>{s.schemaRefusals}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
              <button
                type="button"
                class="button button-small"
                aria-expanded={showGraph()}
                onClick={() => setShowGraph(!showGraph())}
                data-testid="toggle-graph"
              >
                {showGraph() ? 'Hide the records and graph' : 'Show the records and graph'}
              </button>
              <Show when={showGraph()}>
                <ShareGraphView shareId={props.shareId} />
              </Show>
            </>
          )}
        </Match>
        <Match when={detail.isPending}>
          <Loading label="Loading the share…" />
        </Match>
      </Switch>
    </div>
  );
}

/** The share's DAG drawn by @corates/shared/share-graph (dagre), loaded on first use. */
function ShareGraphView(props: { shareId: string }) {
  const graph = useQuery(() => ({
    queryKey: federationKeys.graph(props.shareId),
    queryFn: () => getShareGraph(props.shareId),
  }));
  const [svg] = createResource(
    () => graph.data,
    async (g: ShareGraph) => {
      const { layoutShareGraph, shareGraphSvg } = await import('@corates/shared/share-graph');
      const input = {
        nodes: g.nodes.map((n) => ({ id: n.key, entity: n.entity, title: n.label })),
        edges: g.edges.map((e) => ({ from: e.from, to: e.to })),
      };
      return shareGraphSvg(layoutShareGraph(input), `The records of share ${props.shareId}`);
    },
  );
  const download = () => {
    const text = svg();
    if (!text) return;
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = graphFileName(props.shareId);
    link.click();
    // The click starts the download synchronously; the object URL is not needed after it.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <Switch>
      <Match when={graph.isError || svg.error}>
        <ErrorAlert error={graph.error ?? svg.error} onRetry={() => void graph.refetch()} />
      </Match>
      <Match when={graph.data && svg()}>
        <Show
          when={graph.data!.nodes.length > 0}
          fallback={
            <p class="empty-state" data-testid="graph-empty">
              The share covers no records yet (they are recorded within seconds of a change).
            </p>
          }
        >
          <figure class="share-graph-figure">
            {/* The SVG is built from escaped text by shareGraphSvg (no markup from the data). */}
            <div class="share-graph" data-testid="share-graph" innerHTML={svg()} />
            <figcaption class="muted">
              What the share covers: each record below what it is covered through.{' '}
              <button
                type="button"
                class="button button-small"
                onClick={download}
                data-testid="download-graph"
              >
                Download SVG
              </button>
            </figcaption>
          </figure>
          <details>
            <summary>The records it covers ({graph.data!.nodes.length})</summary>
            <div class="table-scroll">
              <table class="data-table" data-testid="share-records">
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col">Record</th>
                    <th scope="col">In the share since</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={graph.data!.nodes}>
                    {(n) => (
                      <tr>
                        <td>{n.entity}</td>
                        <th scope="row">{n.label}</th>
                        <td>{formatDateTime(n.includedAt)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </details>
        </Show>
      </Match>
      <Match when={true}>
        <Loading label="Drawing the graph…" />
      </Match>
    </Switch>
  );
}
