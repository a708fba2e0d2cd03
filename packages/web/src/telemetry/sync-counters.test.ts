import { describe, expect, it } from 'vitest';
import type { TelemetryReport } from '@corates/shared';
import {
  EMPTY_COUNTERS,
  MAX_BUFFERED_REPORTS,
  bufferReport,
  countBatch,
  takeReport,
  worthReporting,
} from './sync-counters.ts';

const meta = (queuedOps: number) => ({
  id: '00000000-0000-4000-8000-000000000001',
  clientId: '00000000-0000-4000-8000-000000000002',
  clientVersion: '0.2.0',
  at: new Date('2026-11-22T10:00:00.000Z'),
  queuedOps,
});

describe('sync counters', () => {
  it('counts attempts and failures and times a drain from the first send to an empty queue', () => {
    let c = countBatch(EMPTY_COUNTERS, { ok: false }, 120, 1_000);
    c = countBatch(c, { ok: true }, 20, 4_000);
    expect(c).toMatchObject({ attempts: 2, failures: 1, drainStartedAt: 1_000 });
    c = countBatch(c, { ok: true }, 0, 6_500);
    expect(c).toEqual({ attempts: 3, failures: 1, replayMs: 5_500 });
  });

  it('reports the period and starts a new one; a drain in progress carries over', () => {
    const c = countBatch(EMPTY_COUNTERS, { ok: true }, 50, 1_000);
    const { report, next } = takeReport(c, meta(50));
    expect(report).toEqual({
      ...meta(50),
      at: '2026-11-22T10:00:00.000Z',
      syncAttempts: 1,
      syncFailures: 0,
    });
    expect(next).toEqual({ attempts: 0, failures: 0, drainStartedAt: 1_000 });
    const done = countBatch(next, { ok: true }, 0, 3_000);
    expect(takeReport(done, meta(0)).report.replayMs).toBe(2_000);
  });

  it('has nothing to report when nothing happened and nothing waits', () => {
    expect(worthReporting(EMPTY_COUNTERS, 0)).toBe(false);
    expect(worthReporting(EMPTY_COUNTERS, 3)).toBe(true);
  });

  it('keeps the newest reports when the offline buffer is full', () => {
    let buffer: TelemetryReport[] = [];
    for (let i = 0; i < MAX_BUFFERED_REPORTS + 3; i++) {
      buffer = bufferReport(buffer, { ...takeReport(EMPTY_COUNTERS, meta(i)).report });
    }
    expect(buffer).toHaveLength(MAX_BUFFERED_REPORTS);
    expect(buffer[0]!.queuedOps).toBe(3);
  });
});
