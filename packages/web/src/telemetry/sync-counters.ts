import { MAX_TELEMETRY_REPORTS, type TelemetryReport } from '@corates/shared';

/**
 * What this client saw of its sync since the last report. Pure: the reporter feeds it events and
 * the time; tests drive it directly.
 */
export interface SyncCounters {
  attempts: number;
  failures: number;
  /** When the current backlog started draining (the first batch sent with ops queued). */
  drainStartedAt?: number;
  /** How long the last finished drain took, not yet reported. */
  replayMs?: number;
}

export const EMPTY_COUNTERS: SyncCounters = { attempts: 0, failures: 0 };

/** A batch was sent; `queuedAfter` is how many ops are still queued once it settled. */
export function countBatch(
  c: SyncCounters,
  batch: { ok: boolean },
  queuedAfter: number,
  now: number,
): SyncCounters {
  const next: SyncCounters = {
    ...c,
    attempts: c.attempts + 1,
    failures: c.failures + (batch.ok ? 0 : 1),
    drainStartedAt: c.drainStartedAt ?? now,
  };
  if (batch.ok && queuedAfter === 0) {
    next.replayMs = now - next.drainStartedAt!;
    delete next.drainStartedAt;
  }
  return next;
}

/** Whether there is anything worth a report: sends happened, or work is waiting. */
export function worthReporting(c: SyncCounters, queuedOps: number): boolean {
  return c.attempts > 0 || queuedOps > 0 || c.replayMs !== undefined;
}

/** Turns the counters into a report and starts the next period (a drain in progress carries on). */
export function takeReport(
  c: SyncCounters,
  meta: { id: string; clientId: string; clientVersion: string; at: Date; queuedOps: number },
): { report: TelemetryReport; next: SyncCounters } {
  const report: TelemetryReport = {
    id: meta.id,
    clientId: meta.clientId,
    clientVersion: meta.clientVersion,
    at: meta.at.toISOString(),
    queuedOps: meta.queuedOps,
    syncAttempts: c.attempts,
    syncFailures: c.failures,
    ...(c.replayMs !== undefined ? { replayMs: Math.round(c.replayMs) } : {}),
  };
  const next: SyncCounters = { ...EMPTY_COUNTERS };
  if (c.drainStartedAt !== undefined) next.drainStartedAt = c.drainStartedAt;
  return { report, next };
}

/** Reports kept while offline: the newest win when the buffer is full. */
export const MAX_BUFFERED_REPORTS = 5 * MAX_TELEMETRY_REPORTS;

export function bufferReport(
  buffer: readonly TelemetryReport[],
  report: TelemetryReport,
): TelemetryReport[] {
  return [...buffer, report].slice(-MAX_BUFFERED_REPORTS);
}
