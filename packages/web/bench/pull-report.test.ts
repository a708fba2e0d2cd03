import { describe, expect, it } from 'vitest';
import {
  pullGoal,
  renderPullSection,
  statementsPerPage,
  type PullBenchResults,
} from './pull-report.ts';
import type { RunInfo } from './run-record.ts';

const pull = (totalMs: number, waitingMs: number, rows = 10_000) => ({
  totalMs,
  waitingMs,
  requests: 21,
  rows,
});

function results(over: Partial<PullBenchResults> = {}): PullBenchResults {
  return {
    rows: 10_000,
    pageSize: 500,
    pulls: [pull(2_600, 2_000), pull(2_400, 1_900), pull(3_400, 2_900)],
    floorMs: [900, 1_000, 1_100],
    pages: [
      { changes: 340, upserts: 338 },
      { changes: 12, upserts: 0 },
    ],
    errors: [],
    ...over,
  };
}

const info: RunInfo = {
  date: '2026-12-07 05:00 UTC',
  cores: 2,
  cpuModel: 'Test CPU',
  memoryGiB: 8,
  node: '22.23.3',
  os: 'Linux',
  durationS: 70,
  load: [1.5, 1.7],
  server: 'the app as `npm start` serves it',
};

describe('statementsPerPage', () => {
  it('per-row hydration spends one query per upsert on top of 3; batched, 2 plus one batch of 4 when there is an upsert', () => {
    expect(statementsPerPage(results().pages)).toEqual({
      perRow: { total: 341 + 3, max: 341 },
      batched: { total: 6 + 2, max: 6 },
    });
  });
});

describe('pullGoal', () => {
  it('judges the median pull against 3 s', () => {
    const g = pullGoal(results());
    expect(g.totalMs).toBe(2_600);
    expect(g.waitingMs).toBe(2_000);
    expect(g.met).toBe(true);
    expect(g.ratio).toBeCloseTo(2.6 / 3);
  });

  it('is not met when the median is over 3 s', () => {
    const slow = results({ pulls: [pull(3_100, 2_000), pull(2_900, 2_000), pull(3_200, 2_000)] });
    expect(pullGoal(slow).met).toBe(false);
  });

  it('is not met by a fast pull that left rows out', () => {
    const short = results({ pulls: [pull(1_000, 800), pull(1_000, 800, 9_990), pull(1_000, 800)] });
    expect(pullGoal(short)).toMatchObject({ complete: false, met: false });
  });
});

describe('renderPullSection', () => {
  it('states the median, the goal and the ratio, every pull, and the statements per page', () => {
    const text = renderPullSection(info, results());
    expect(text).toContain('| Pull of 10,000 rows into an empty cache (s) | 2.60 | 3.00 | 0.87× |');
    expect(text).toContain('**met**: 2.60 s, 0.87× the goal');
    expect(text).toContain('Each pull (s): 2.60, 2.40, 3.40');
    expect(text).toContain('| … of those, what as many `GET /api/me/settings` take (s) | 1.00 |');
    expect(text).toContain('8 in all, at most 6 a page');
    expect(text).toContain(
      "14.94 s, 13.37 s of it waiting for the server; this run's median is 5.75× faster",
    );
    expect(text).toContain('344 in all, up to 341 a page');
    expect(text).toContain('load average 1.5 at the start, 1.7 at the end');
  });

  it('lists errors and says why the goal was missed', () => {
    const text = renderPullSection(
      info,
      results({ pulls: [pull(1_000, 800, 9_000)], errors: ['pull 1 left 9000 of 10000 rows'] }),
    );
    expect(text).toContain('**not met**: 1.00 s, 0.33× the goal (a pull left rows out)');
    expect(text).toContain('- pull 1 left 9000 of 10000 rows');
  });
});
