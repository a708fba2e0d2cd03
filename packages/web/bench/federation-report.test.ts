import { describe, expect, test } from 'vitest';
import {
  federationGoals,
  renderFederationSection,
  type FederationBenchResults,
} from './federation-report.ts';
import type { RunInfo } from './run-record.ts';

const info: RunInfo = {
  date: '2026-12-07 18:00 UTC',
  cores: 2,
  cpuModel: 'CPU',
  memoryGiB: 24,
  node: '22',
  os: 'Linux',
  durationS: 60,
  load: [1, 1],
  server: 'two servers',
};

function results(over: Partial<FederationBenchResults> = {}): FederationBenchResults {
  return {
    records: 10_000,
    changes: 100,
    fromZero: {
      federation: { records: 10_000, ms: 4_000, requests: 51, bytes: 5_000_000 },
      naive: { records: 10_000, ms: 800, requests: 1, bytes: 3_000_000 },
    },
    afterChanges: {
      federation: { records: 100, ms: 200, requests: 1, bytes: 40_000 },
      naive: { records: 10_010, ms: 800, requests: 1, bytes: 3_000_000 },
    },
    errors: [],
    ...over,
  };
}

describe('federationGoals', () => {
  test('records/s from zero, requests and the bytes ratio after the changes', () => {
    const g = federationGoals(results());
    expect(g.rate).toBe(2_500);
    expect(g.requests).toBe(1);
    expect(g.bytesRatio).toBe(75);
    expect([g.rateMet, g.requestsMet, g.bytesMet]).toEqual([true, true, true]);
  });
  test('each goal can be missed on its own', () => {
    const slow = results();
    slow.fromZero.federation.ms = 10_000;
    slow.afterChanges.federation.requests = 3;
    slow.afterChanges.federation.bytes = 100_000;
    const g = federationGoals(slow);
    expect([g.rateMet, g.requestsMet, g.bytesMet]).toEqual([false, false, false]);
  });
  test('a run with errors meets nothing', () => {
    const g = federationGoals(results({ errors: ['B applied 9,000 changes'] }));
    expect([g.rateMet, g.requestsMet, g.bytesMet]).toEqual([false, false, false]);
  });
});

test('the section states the figures, the ratios and the verdicts', () => {
  const text = renderFederationSection(info, results());
  expect(text).toContain('| From zero (10,000 records): records/s | 2,500 | 12,500 | 0.20× |');
  expect(text).toContain('| After 100 changes: requests | 1 | 1 |  |');
  expect(text).toContain('75.0× fewer');
  expect(text).toContain('≥ 2,000 records/s — **met** (2,500)');
  expect(text).toContain('≥ 50× fewer bytes than the naive peer — **met** (75.0×)');
});
