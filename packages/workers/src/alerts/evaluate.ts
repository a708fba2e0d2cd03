import type { AlertMetric, AlertThreshold } from '@corates/shared';

/** A figure as the check computed it; `value` null means no data, which neither opens nor resolves. */
export interface Figure {
  value: number | null;
  /** What the figure is about (e.g. the client with the largest backlog), shown with the alert. */
  detail?: string | null;
}
export type Figures = Record<AlertMetric, Figure>;

export interface OpenAlertRef {
  id: string;
  metric: AlertMetric;
}

export interface Evaluation {
  /** Figures newly above their threshold: one new alert each, to be sent. */
  opened: { metric: AlertMetric; threshold: number; figure: number; detail: string | null }[];
  /** Alerts already open whose figure is still above: updated in place, not sent again. */
  continued: { id: string; figure: number; detail: string | null }[];
  /** Alerts whose figure recovered (or whose threshold was removed): closed, sent once. */
  resolved: { id: string; metric: AlertMetric; figure: number | null }[];
}

/**
 * Figures in, alerts out. At most one alert per metric is open at a time, so a check that runs
 * every few minutes reports a lasting problem once, not once per run; it resolves at or below the
 * threshold, the same boundary it opened above.
 */
export function evaluateAlerts(
  figures: Figures,
  thresholds: readonly AlertThreshold[],
  open: readonly OpenAlertRef[],
): Evaluation {
  const result: Evaluation = { opened: [], continued: [], resolved: [] };
  const limits = new Map(thresholds.map((t) => [t.metric, t.max]));
  const openByMetric = new Map(open.map((a) => [a.metric, a]));

  for (const [metric, max] of limits) {
    const { value, detail = null } = figures[metric];
    if (value === null) continue;
    const existing = openByMetric.get(metric);
    if (value > max) {
      if (existing) result.continued.push({ id: existing.id, figure: value, detail });
      else result.opened.push({ metric, threshold: max, figure: value, detail });
    } else if (existing) {
      result.resolved.push({ id: existing.id, metric, figure: value });
    }
  }
  // Nobody watches these any more: an alert nobody can resolve would stay open for ever.
  for (const a of open)
    if (!limits.has(a.metric))
      result.resolved.push({ id: a.id, metric: a.metric, figure: figures[a.metric].value });
  return result;
}
