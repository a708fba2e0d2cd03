import { z } from 'zod';
import { parseSemver, semverSchema } from '../semver.ts';

/**
 * The operational figures an alert can watch, each computed from the telemetry the server already
 * keeps (docs/runbooks/alerts.md). An alert opens when a figure rises above its threshold.
 */
export const ALERT_METRICS = [
  /** The most ops queued at one client's latest report. */
  'backlogOps',
  /** How long, in minutes, the longest-waiting client has reported a non-empty queue. */
  'backlogAgeMinutes',
  /** Share (0–1) of requests from client versions below the newest one seen. */
  'outdatedShare',
  /** Share (0–1) of requests from versions within `nearMinMinors` minor versions of minSupportedClient. */
  'nearMinShare',
  /** Failed sync batches per attempted batch (0–1). */
  'syncFailureRate',
  /** 95th percentile of the time clients took to replay their queue, in milliseconds. */
  'replayP95Ms',
] as const;
export const alertMetricSchema = z.enum(ALERT_METRICS);
export type AlertMetric = z.infer<typeof alertMetricSchema>;

/** Days of telemetry the figures are computed over (the census counts whole UTC days). */
export const ALERT_WINDOW_DAYS = 1;

/** One metric's threshold; an unset metric is not watched. */
export const alertThresholdSchema = z.strictObject({
  metric: alertMetricSchema,
  /** The alert opens when the figure is strictly above this. */
  max: z.number().min(0).max(1e12),
  /**
   * For `nearMinShare` only: how many minor versions above minSupportedClient count as "near"
   * (0: only versions below the minimum itself).
   */
  minorVersions: z.number().int().min(0).max(100).optional(),
});
export type AlertThreshold = z.infer<typeof alertThresholdSchema>;

const FRACTIONS = new Set<AlertMetric>(['outdatedShare', 'nearMinShare', 'syncFailureRate']);

/** `PUT /api/admin/alerts/thresholds`: the whole set; a metric left out is no longer watched. */
export const alertThresholdsSchema = z
  .strictObject({ thresholds: z.array(alertThresholdSchema).max(ALERT_METRICS.length) })
  .refine((b) => new Set(b.thresholds.map((t) => t.metric)).size === b.thresholds.length, {
    message: 'each metric at most once',
  })
  .refine((b) => b.thresholds.every((t) => !FRACTIONS.has(t.metric) || t.max <= 1), {
    message: 'shares and rates are fractions between 0 and 1',
  });
export type AlertThresholds = z.infer<typeof alertThresholdsSchema>;

/** One alert: open while `resolvedAt` is null, past once the figure recovered. */
export const alertSchema = z.object({
  id: z.string(),
  metric: alertMetricSchema,
  threshold: z.number(),
  /** The figure when the alert opened, and the latest one seen while it stayed open. */
  figure: z.number(),
  lastFigure: z.number(),
  /** What the figure is about, e.g. the client with the largest backlog; null when global. */
  detail: z.string().nullable(),
  openedAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

/** `GET /api/admin/alerts`: thresholds, the figures now, open alerts and the latest past ones. */
export const adminAlertsSchema = z.object({
  thresholds: z.array(alertThresholdSchema),
  /** The minimum now, so the page can name the raise that `nearMinShare` measures. */
  minSupportedClient: semverSchema,
  /** Each figure now; null where there is no data (no sync attempts, no replays). */
  figures: z.object({
    backlogOps: z.number().nullable(),
    backlogAgeMinutes: z.number().nullable(),
    outdatedShare: z.number().nullable(),
    nearMinShare: z.number().nullable(),
    syncFailureRate: z.number().nullable(),
    replayP95Ms: z.number().nullable(),
  }) satisfies z.ZodType<Record<AlertMetric, number | null>>,
  open: z.array(alertSchema),
  past: z.array(alertSchema),
});
export type AdminAlerts = z.infer<typeof adminAlertsSchema>;

/** How the metric is named in messages and on the Operations page. */
export const ALERT_METRIC_LABELS: Record<AlertMetric, string> = {
  backlogOps: 'Queued ops at one client',
  backlogAgeMinutes: 'Minutes a client has not drained its queue',
  outdatedShare: 'Requests from clients below the newest version',
  nearMinShare: 'Requests from clients near or below minSupportedClient',
  syncFailureRate: 'Sync failure rate',
  replayP95Ms: 'Time to replay a queue, p95 (ms)',
};

/** True for the metrics that are fractions (shown and entered as percentages). */
export function isFractionMetric(metric: AlertMetric): boolean {
  return FRACTIONS.has(metric);
}

/** A figure as people read it: fractions as percentages, the rest as whole numbers. */
export function formatAlertFigure(metric: AlertMetric, value: number): string {
  return isFractionMetric(metric) ? `${(value * 100).toFixed(1)}%` : String(Math.round(value));
}

/**
 * The minimum `nearMinShare` measures against: `minSupportedClient` raised by `minorVersions`
 * minor versions. Requests from versions below it are the ones such a raise would cut off.
 */
export function raisedMinimum(
  minSupportedClient: string,
  minorVersions: number,
): string | undefined {
  const min = parseSemver(minSupportedClient);
  return min ? `${min.major}.${min.minor + minorVersions}.0` : undefined;
}
