import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { alertMetricSchema, type Alert, type AlertThreshold } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { alerts, alertThresholds } from '../db/schema.ts';
import type { Evaluation, OpenAlertRef } from './evaluate.ts';

/** Past alerts the Operations page lists. */
const PAST_ALERTS = 50;

export async function readThresholds(db: Database): Promise<AlertThreshold[]> {
  const rows = await db.select().from(alertThresholds).orderBy(alertThresholds.metric);
  // A row for a metric this build does not know (written by a newer one) is skipped, not fatal.
  return rows.flatMap((r) => {
    const metric = alertMetricSchema.safeParse(r.metric);
    if (!metric.success) return [];
    return [
      r.minorVersions === null
        ? { metric: metric.data, max: r.max }
        : { metric: metric.data, max: r.max, minorVersions: r.minorVersions },
    ];
  });
}

/** Replaces the whole set in one batch: a metric left out is no longer watched. */
export async function replaceThresholds(db: Database, thresholds: readonly AlertThreshold[]) {
  await db.batch([
    db.delete(alertThresholds),
    ...thresholds.map((t) =>
      db.insert(alertThresholds).values({
        metric: t.metric,
        max: t.max,
        minorVersions: t.minorVersions ?? null,
      }),
    ),
  ]);
}

export async function openAlertRefs(db: Database): Promise<OpenAlertRef[]> {
  const rows = await db
    .select({ id: alerts.id, metric: alerts.metric })
    .from(alerts)
    .where(isNull(alerts.resolvedAt));
  return rows.flatMap((r) => {
    const metric = alertMetricSchema.safeParse(r.metric);
    return metric.success ? [{ id: r.id, metric: metric.data }] : [];
  });
}

/**
 * Writes one evaluation and returns the alerts whose state changed (to be sent). An insert that
 * meets an alert a concurrent check just opened is dropped by the one-open-per-metric index, so
 * overlapping checks still send it once.
 */
export async function applyEvaluation(
  db: Database,
  e: Evaluation,
  now: Date,
): Promise<{ opened: Alert[]; resolved: Alert[] }> {
  const opened = [];
  for (const o of e.opened) {
    const [row] = await db
      .insert(alerts)
      .values({
        id: crypto.randomUUID(),
        metric: o.metric,
        threshold: o.threshold,
        figure: o.figure,
        lastFigure: o.figure,
        detail: o.detail,
        openedAt: now,
        lastSeenAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (row) opened.push(row);
  }
  for (const c of e.continued)
    await db
      .update(alerts)
      .set({ lastFigure: c.figure, detail: c.detail, lastSeenAt: now })
      .where(eq(alerts.id, c.id));
  const resolved = [];
  for (const r of e.resolved) {
    const [row] = await db
      .update(alerts)
      .set({
        resolvedAt: now,
        lastSeenAt: now,
        ...(r.figure === null ? {} : { lastFigure: r.figure }),
      })
      .where(and(eq(alerts.id, r.id), isNull(alerts.resolvedAt)))
      .returning();
    if (row) resolved.push(row);
  }
  return { opened: opened.flatMap(toAlert), resolved: resolved.flatMap(toAlert) };
}

/** Open alerts (newest first) and the latest past ones. */
export async function listAlerts(db: Database): Promise<{ open: Alert[]; past: Alert[] }> {
  const [open, past] = await db.batch([
    db.select().from(alerts).where(isNull(alerts.resolvedAt)).orderBy(desc(alerts.openedAt)),
    db
      .select()
      .from(alerts)
      .where(isNotNull(alerts.resolvedAt))
      .orderBy(desc(alerts.resolvedAt), sql`rowid desc`)
      .limit(PAST_ALERTS),
  ]);
  return { open: open.flatMap(toAlert), past: past.flatMap(toAlert) };
}

/** As a one-element list, or none for a metric this build does not know (a newer build wrote it). */
function toAlert(row: typeof alerts.$inferSelect): Alert[] {
  const metric = alertMetricSchema.safeParse(row.metric);
  if (!metric.success) return [];
  return [
    {
      id: row.id,
      metric: metric.data,
      threshold: row.threshold,
      figure: row.figure,
      lastFigure: row.lastFigure,
      detail: row.detail,
      openedAt: row.openedAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
    },
  ];
}
