import type { AdminAlerts, AlertMetric } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { readRuntimeConfig } from '../domain/runtime-config.ts';
import type { Bindings } from '../env.ts';
import { listAlerts, readThresholds } from './alert-store.ts';
import { readFigures } from './read-figures.ts';

/** What the Operations page's Alerts card shows: thresholds, the figures now, open and past alerts. */
export async function alertsOverview(db: Database, env: Bindings): Promise<AdminAlerts> {
  const [thresholds, config, alerts] = await Promise.all([
    readThresholds(db),
    readRuntimeConfig(db, env),
    listAlerts(db),
  ]);
  const nearMin = thresholds.find((t) => t.metric === 'nearMinShare')?.minorVersions ?? 0;
  const figures = await readFigures(db, config.minSupportedClient, nearMin);
  return {
    thresholds,
    minSupportedClient: config.minSupportedClient,
    figures: Object.fromEntries(
      Object.entries(figures).map(([metric, f]) => [metric, f.value]),
    ) as Record<AlertMetric, number | null>,
    ...alerts,
  };
}
