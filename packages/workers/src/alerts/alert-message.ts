import { ALERT_METRIC_LABELS, formatAlertFigure, type Alert } from '@corates/shared';

function line(a: Alert, kind: 'opened' | 'resolved'): string {
  const figure = formatAlertFigure(a.metric, kind === 'opened' ? a.figure : a.lastFigure);
  const threshold = formatAlertFigure(a.metric, a.threshold);
  const state = kind === 'opened' ? 'ALERT: above' : 'RESOLVED: back within';
  return `${state} threshold — ${ALERT_METRIC_LABELS[a.metric]}: ${figure} (threshold ${threshold})${a.detail ? ` — ${a.detail}` : ''}`;
}

/** One message for everything a check changed: the mail text and the webhook's `text`. */
export function alertMessage(
  changes: { opened: readonly Alert[]; resolved: readonly Alert[] },
  operationsUrl: string,
): { subject: string; text: string } {
  const { opened, resolved } = changes;
  const subject =
    opened.length > 0
      ? `[CoRATES] ${opened.length} new alert${opened.length > 1 ? 's' : ''}: ${opened.map((a) => a.metric).join(', ')}`
      : `[CoRATES] resolved: ${resolved.map((a) => a.metric).join(', ')}`;
  const text = [
    ...opened.map((a) => line(a, 'opened')),
    ...resolved.map((a) => line(a, 'resolved')),
    '',
    `Operations page: ${operationsUrl}`,
    'Runbook: docs/runbooks/alerts.md',
  ].join('\n');
  return { subject, text };
}
