import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show, createEffect, createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  ALERT_METRICS,
  ALERT_METRIC_LABELS,
  formatAlertFigure,
  isFractionMetric,
  raisedMinimum,
  type AdminAlerts,
  type Alert,
} from '@corates/shared';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { getAlerts, putThresholds, runAlertCheck } from './admin-api.ts';
import { parseThresholdForm, toThresholdForm, type ThresholdForm } from './threshold-form.ts';

const QUERY_KEY = ['admin', 'alerts'];

/** Thresholds, the figures now, and open and past alerts (docs/runbooks/alerts.md). */
export function AlertsSection() {
  const queryClient = useQueryClient();
  const alerts = useQuery(() => ({
    queryKey: QUERY_KEY,
    queryFn: getAlerts,
    refetchInterval: 60_000,
  }));
  const store = (data: AdminAlerts) => queryClient.setQueryData(QUERY_KEY, data);
  const save = useMutation(() => ({ mutationFn: putThresholds, onSuccess: store }));
  const check = useMutation(() => ({ mutationFn: runAlertCheck, onSuccess: store }));

  const [form, setForm] = createStore<ThresholdForm>(toThresholdForm([]));
  const [formError, setFormError] = createSignal<string>();
  // The form follows the stored thresholds whenever they load or are saved.
  createEffect(() => {
    const data = alerts.data;
    if (data) setForm(toThresholdForm(data.thresholds));
  });

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const parsed = parseThresholdForm(form);
    if ('error' in parsed) return setFormError(parsed.error);
    setFormError(undefined);
    save.mutate(parsed.thresholds);
  };

  return (
    <section class="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts</h2>
      <Show when={alerts.isError}>
        <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} />
      </Show>
      <Show when={alerts.data}>
        {(data) => (
          <>
            <AlertList
              testId="open-alerts"
              alerts={data().open}
              empty="No open alerts."
              caption="Open"
            />
            <form onSubmit={submit} data-testid="threshold-form">
              <div class="table-scroll">
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Figure (last 24 hours)</th>
                      <th scope="col">Now</th>
                      <th scope="col">Alert above (empty: not watched)</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={ALERT_METRICS}>
                      {(metric) => (
                        <tr data-testid={`threshold-${metric}`}>
                          <th scope="row">{ALERT_METRIC_LABELS[metric]}</th>
                          <td data-testid={`figure-${metric}`}>
                            {figureText(metric, data().figures[metric])}
                          </td>
                          <td>
                            <input
                              type="text"
                              inputmode="decimal"
                              size="8"
                              aria-label={`Threshold: ${ALERT_METRIC_LABELS[metric]}`}
                              value={form.max[metric]}
                              onInput={(e) => setForm('max', metric, e.currentTarget.value)}
                            />
                            {isFractionMetric(metric) ? ' %' : ''}
                            <Show when={metric === 'nearMinShare'}>
                              {' '}
                              within{' '}
                              <input
                                type="text"
                                inputmode="numeric"
                                size="3"
                                aria-label="Minor versions above minSupportedClient"
                                value={form.minorVersions}
                                onInput={(e) => setForm('minorVersions', e.currentTarget.value)}
                              />{' '}
                              minor versions
                              <RaiseHint data={data()} />
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <Show when={formError()}>
                <p class="alert alert-error" role="alert">
                  {formError()}
                </p>
              </Show>
              <Show when={save.error ?? check.error}>
                {(error) => <ErrorAlert error={error()} />}
              </Show>
              <p>
                <button type="submit" class="button button-primary" disabled={save.isPending}>
                  Save thresholds
                </button>{' '}
                <button
                  type="button"
                  class="button"
                  disabled={check.isPending}
                  onClick={() => check.mutate()}
                  data-testid="check-alerts"
                >
                  Check now
                </button>
              </p>
            </form>
            <AlertList
              testId="past-alerts"
              alerts={data().past}
              empty="No past alerts."
              caption="Past"
            />
          </>
        )}
      </Show>
    </section>
  );
}

/**
 * The retire-old-clients step: the command that raises the minimum by the chosen minor versions,
 * next to the share of requests it would cut off (the nearMinShare figure for the stored N).
 */
function RaiseHint(props: { data: AdminAlerts }) {
  const stored = () =>
    props.data.thresholds.find((t) => t.metric === 'nearMinShare')?.minorVersions ?? 0;
  const target = () => raisedMinimum(props.data.minSupportedClient, stored());
  return (
    <Show when={stored() > 0 && target()}>
      {(version) => (
        <div class="muted" data-testid="raise-hint">
          <code>npm run maintainer -- set --min-client {version()}</code> would refuse{' '}
          {figureText('nearMinShare', props.data.figures.nearMinShare)} of requests (minimum now{' '}
          {props.data.minSupportedClient})
        </div>
      )}
    </Show>
  );
}

function figureText(metric: (typeof ALERT_METRICS)[number], value: number | null): string {
  return value === null ? '—' : formatAlertFigure(metric, value);
}

function AlertList(props: { testId: string; alerts: Alert[]; empty: string; caption: string }) {
  return (
    <Show when={props.alerts.length > 0} fallback={<p class="muted">{props.empty}</p>}>
      <div class="table-scroll">
        <table class="data-table" data-testid={props.testId}>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Value (threshold)</th>
              <th scope="col">Opened</th>
              <th scope="col">{props.caption === 'Open' ? 'Last seen' : 'Resolved'}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.alerts}>
              {(a) => (
                <tr>
                  <th scope="row">
                    {ALERT_METRIC_LABELS[a.metric]}
                    <Show when={a.detail}>
                      <div class="muted">{a.detail}</div>
                    </Show>
                  </th>
                  <td>
                    {formatAlertFigure(a.metric, a.lastFigure)} (
                    {formatAlertFigure(a.metric, a.threshold)})
                  </td>
                  <td>{formatDateTime(a.openedAt)}</td>
                  <td>{formatDateTime(a.resolvedAt ?? a.lastSeenAt)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
