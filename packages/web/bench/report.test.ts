import { describe, expect, it } from 'vitest';
import { opsPerSecond, renderSection, replayGoal, rows, type SyncBenchResults } from './report.ts';
import type { RunInfo } from './run-record.ts';

const summary = (p50: number, p95: number) => ({ count: 10, p50, p95, p99: p95, max: p95 });

function results(over: Partial<SyncBenchResults> = {}): SyncBenchResults {
  return {
    ops: 10_000,
    pullRows: 10_000,
    enqueue: summary(2, 8),
    restCall: summary(30, 60),
    engine: {
      totalMs: 5_000,
      cycleMs: 6_000,
      requests: 100,
      waitingMs: 4_000,
      failed: 0,
      verified: { matching: 1_000, expected: 1_000 },
    },
    rest: {
      totalMs: 100_000,
      requests: 10_000,
      failed: 0,
      verified: { matching: 1_000, expected: 1_000 },
    },
    pull: {
      engine: { totalMs: 2_000, requests: 30, rows: 10_000 },
      rest: { totalMs: 40_000, requests: 3_335, rows: 10_000 },
    },
    errors: [],
    ...over,
  };
}

const info: RunInfo = {
  date: '2026-11-22 03:00 UTC',
  cores: 2,
  cpuModel: 'Test CPU',
  memoryGiB: 24,
  node: '22.23.3',
  os: 'Linux 6',
  durationS: 300,
  load: [4.2, 5.1],
  server: 'test server',
};

describe('opsPerSecond', () => {
  it('is ops over seconds, NaN for no time', () => {
    expect(opsPerSecond(10_000, 5_000)).toBe(2_000);
    expect(opsPerSecond(10, 0)).toBeNaN();
  });
});

describe('replayGoal', () => {
  it('is met at ≥ 1,000 ops/s and ≥ 10× the naive peer', () => {
    expect(replayGoal(results())).toEqual({
      rate: 2_000,
      speedup: 20,
      rateMet: true,
      speedupMet: true,
    });
  });

  it('judges each half on its own, at the boundary inclusive', () => {
    const slow = results({ engine: { ...results().engine, totalMs: 10_000 } });
    expect(replayGoal(slow)).toMatchObject({ rate: 1_000, rateMet: true, speedupMet: true });
    const slower = results({ engine: { ...results().engine, totalMs: 20_000 } });
    expect(replayGoal(slower)).toMatchObject({ rateMet: false, speedup: 5, speedupMet: false });
  });

  it('is never met when either side left mutations unapplied', () => {
    const lossy = results({ engine: { ...results().engine, failed: 1 } });
    expect(replayGoal(lossy)).toMatchObject({ rateMet: false, speedupMet: false });
    const lossyPeer = results({ rest: { ...results().rest, failed: 3 } });
    expect(replayGoal(lossyPeer)).toMatchObject({ rateMet: false, speedupMet: false });
  });
});

describe('rows', () => {
  it('puts the engine ahead (> 1×) when it is faster, for times and throughput alike', () => {
    const byLabel = new Map(rows(results()).map((r) => [r[0], r.slice(1)]));
    expect(byLabel.get('Enqueue vs one REST call, p50 (ms)')).toEqual(['2.00', '30.00', '15.0×']);
    expect(byLabel.get('Replay of 10,000 mutations (s)')).toEqual(['5.0', '100.0', '20.0×']);
    expect(byLabel.get('Replay throughput (ops/s)')).toEqual(['2,000', '100', '20.0×']);
    expect(byLabel.get('Replay requests')).toEqual(['100', '10,000', '100.0×']);
    expect(byLabel.get('Pull of 10,000 rows into an empty cache (s)')).toEqual([
      '2.0',
      '40.0',
      '20.0×',
    ]);
  });

  it('shows a gap, not 0 or ∞, for a figure that is missing', () => {
    const r = results({ enqueue: summary(Number.NaN, Number.NaN) });
    expect(rows(r)[0]).toEqual(['Enqueue vs one REST call, p50 (ms)', '—', '30.00', '—']);
  });
});

describe('renderSection', () => {
  it('states the machine, the definitions, the table and the goal verdicts', () => {
    const text = renderSection(info, results());
    expect(text).toMatch(/^## Offline metadata sync vs one REST call per mutation/);
    expect(text).toContain('2 cores (Test CPU)');
    expect(text).toContain('load average 4.2 at the start, 5.1 at the end');
    expect(text).toContain('fake-indexeddb');
    expect(text).toContain('| figure | engine | naive peer | engine advantage |');
    expect(text).toContain('replay ≥ 1,000 ops/s locally — **met** (2,000 ops/s)');
    expect(text).toContain('≥ 10× the naive peer — **met** (20.0×)');
    expect(text).not.toContain('Errors');
  });

  it('says "not met" and lists errors when there were any', () => {
    const r = results({
      engine: { ...results().engine, totalMs: 50_000 },
      errors: ['engine: member.setRole: NOT_FOUND gone'],
    });
    const text = renderSection(info, r);
    expect(text).toContain('— **not met** (200 ops/s)');
    expect(text).toContain('— **not met** (2.00×)');
    expect(text).toContain('- engine: member.setRole: NOT_FOUND gone');
  });
});
