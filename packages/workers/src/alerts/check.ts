import type { Alert } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { readRuntimeConfig } from '../domain/runtime-config.ts';
import type { Bindings } from '../env.ts';
import { applyEvaluation, openAlertRefs, readThresholds } from './alert-store.ts';
import { evaluateAlerts } from './evaluate.ts';
import { notifyAlerts, type AlertSettings } from './notify.ts';
import { readFigures } from './read-figures.ts';

/**
 * One alert check: figures from the telemetry, evaluated against the thresholds, recorded, and
 * what changed sent. Run by the Cron Trigger and by `POST /api/admin/alerts/check`.
 */
export async function runAlertCheck(
  db: Database,
  env: Bindings,
  now = new Date(),
  fetcher?: typeof fetch,
): Promise<{ opened: Alert[]; resolved: Alert[] }> {
  const [thresholds, open, config] = await Promise.all([
    readThresholds(db),
    openAlertRefs(db),
    readRuntimeConfig(db, env),
  ]);
  if (thresholds.length === 0 && open.length === 0) return { opened: [], resolved: [] };
  const nearMin = thresholds.find((t) => t.metric === 'nearMinShare')?.minorVersions ?? 0;
  const figures = await readFigures(db, config.minSupportedClient, nearMin, now);
  const changes = await applyEvaluation(db, evaluateAlerts(figures, thresholds, open), now);
  await notifyAlerts(db, env as unknown as AlertSettings, changes, fetcher);
  return changes;
}
