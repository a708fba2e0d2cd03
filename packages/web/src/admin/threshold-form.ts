import {
  ALERT_METRICS,
  isFractionMetric,
  type AlertMetric,
  type AlertThreshold,
} from '@corates/shared';

/** The thresholds form as typed: fractions in percent, an empty box for an unwatched metric. */
export interface ThresholdForm {
  max: Record<AlertMetric, string>;
  /** nearMinShare's "within N minor versions". */
  minorVersions: string;
}

export function toThresholdForm(thresholds: readonly AlertThreshold[]): ThresholdForm {
  const byMetric = new Map(thresholds.map((t) => [t.metric, t]));
  const max = Object.fromEntries(
    ALERT_METRICS.map((m) => {
      const t = byMetric.get(m);
      if (!t) return [m, ''];
      // Rounded so 0.07 shows as 7, not 7.000000000000001.
      return [m, String(isFractionMetric(m) ? Math.round(t.max * 10000) / 100 : t.max)];
    }),
  ) as Record<AlertMetric, string>;
  return { max, minorVersions: String(byMetric.get('nearMinShare')?.minorVersions ?? 0) };
}

/** The thresholds to store, or the first problem with what was typed. */
export function parseThresholdForm(
  form: ThresholdForm,
): { thresholds: AlertThreshold[] } | { error: string } {
  const thresholds: AlertThreshold[] = [];
  for (const metric of ALERT_METRICS) {
    const text = form.max[metric].trim();
    if (text === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || (isFractionMetric(metric) && value > 100))
      return {
        error: isFractionMetric(metric)
          ? `${metric}: a percentage between 0 and 100`
          : `${metric}: a number of at least 0`,
      };
    const max = isFractionMetric(metric) ? value / 100 : value;
    if (metric === 'nearMinShare') {
      const minor = Number(form.minorVersions.trim() || '0');
      if (!Number.isInteger(minor) || minor < 0 || minor > 100)
        return { error: 'minor versions: a whole number from 0 to 100' };
      thresholds.push({ metric, max, minorVersions: minor });
    } else thresholds.push({ metric, max });
  }
  return { thresholds };
}
