import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import type { AdminTelemetry } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { formatDateTime } from '../ui/format.ts';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { AlertsSection } from './AlertsSection.tsx';
import { BarChart } from './BarChart.tsx';
import { getTelemetry } from './admin-api.ts';

const PERIODS = [1, 7, 30, 90] as const;

/** Operations overview for platform admins (docs/runbooks/admins.md). */
export function AdminPage() {
  useDocumentTitle(() => 'Operations');
  const [days, setDays] = createSignal<number>(7);
  const telemetry = useQuery(() => ({
    queryKey: ['admin', 'telemetry', days()],
    queryFn: () => getTelemetry(days()),
    refetchInterval: 60_000,
  }));
  const forbidden = () =>
    telemetry.error instanceof ApiError && telemetry.error.code === 'FORBIDDEN';

  return (
    <div class="page">
      <header class="page-header">
        <h1>Operations</h1>
        <label class="inline-field">
          Period{' '}
          <select
            value={days()}
            onChange={(e) => setDays(Number(e.currentTarget.value))}
            data-testid="telemetry-period"
          >
            <For each={PERIODS}>
              {(d) => <option value={d}>{d === 1 ? 'Last 24 hours' : `Last ${d} days`}</option>}
            </For>
          </select>
        </label>
      </header>
      <p>
        <A href="/admin/federation" data-testid="federation-link">
          Federation: this server’s subscriptions to other servers’ shares
        </A>
      </p>
      <Switch>
        <Match when={forbidden()}>
          {/* The maintainer's command is for whoever runs the server (docs/runbooks/admins.md),
              not something a member can use. */}
          <p class="alert alert-error" role="alert">
            Only platform admins can see this page. Ask whoever runs this CoRATES server if you need
            access.
          </p>
        </Match>
        <Match when={telemetry.isError}>
          <ErrorAlert error={telemetry.error} onRetry={() => void telemetry.refetch()} />
        </Match>
        <Match when={telemetry.data}>
          {(t) => (
            <>
              <AlertsSection />
              <Overview t={t()} />
            </>
          )}
        </Match>
        <Match when={telemetry.isPending}>
          <Loading label="Loading telemetry…" />
        </Match>
      </Switch>
    </div>
  );
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

function ms(value: number | null): string {
  if (value === null) return '—';
  return value < 1000 ? `${value} ms` : `${(value / 1000).toFixed(1)} s`;
}

function Overview(props: { t: AdminTelemetry }) {
  return (
    <>
      <section class="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Client versions</h2>
        <Show
          when={props.t.versions.length > 0}
          fallback={<p class="muted">No requests with a client version in this period.</p>}
        >
          <BarChart
            label="Requests per client version"
            series={['requests']}
            data={props.t.versions.map((v) => ({ label: v.version, values: [v.requests] }))}
          />
          <div class="table-scroll">
            <table class="data-table" data-testid="versions-table">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Requests</th>
                  <th scope="col">Reporting clients</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.t.versions}>
                  {(v) => (
                    <tr>
                      <th scope="row">{v.version}</th>
                      <td>{v.requests}</td>
                      <td>{v.clients}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <section class="card" aria-labelledby="sync-heading">
        <h2 id="sync-heading">Sync</h2>
        <dl class="stat-list">
          <div>
            <dt>Failure rate</dt>
            <dd data-testid="failure-rate">{percent(props.t.sync.failureRate)}</dd>
          </div>
          <div>
            <dt>Batches sent</dt>
            <dd>{props.t.sync.attempts}</dd>
          </div>
          <div>
            <dt>Time to replay (p50 / p95 / max)</dt>
            <dd data-testid="replay-times">
              {ms(props.t.replay.p50Ms)} / {ms(props.t.replay.p95Ms)} / {ms(props.t.replay.maxMs)}
              <span class="muted"> over {props.t.replay.count} drains</span>
            </dd>
          </div>
        </dl>
        <Show when={props.t.sync.byDay.length > 0}>
          <BarChart
            label="Sync batches per day, succeeded and failed"
            series={['succeeded', 'failed']}
            data={props.t.sync.byDay.map((d) => ({
              label: d.day.slice(5),
              values: [d.attempts - d.failures, d.failures],
            }))}
          />
        </Show>
      </section>

      <section class="card" aria-labelledby="backlog-heading">
        <h2 id="backlog-heading">Queued-op backlog</h2>
        <Show
          when={props.t.backlog.length > 0}
          fallback={<p class="muted">No client reported queued changes in this period.</p>}
        >
          <div class="table-scroll">
            <table class="data-table" data-testid="backlog-table">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Client version</th>
                  <th scope="col">Queued ops</th>
                  <th scope="col">Reported</th>
                </tr>
              </thead>
              <tbody>
                <For each={props.t.backlog}>
                  {(b) => (
                    <tr>
                      <th scope="row">{b.userEmail ?? 'deleted account'}</th>
                      <td>{b.clientVersion}</td>
                      <td>{b.queuedOps}</td>
                      <td>{formatDateTime(b.reportedAt)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>
    </>
  );
}
