import { describe, expect, it } from 'vitest';
import {
  figureRows,
  formatNumber,
  goalVerdict,
  renderSection,
  type RunInfo,
  type ServerRun,
} from './relay-vs-peer.ts';

const info: RunInfo = {
  date: '2026-01-01 00:00 UTC',
  cores: 2,
  cpuModel: 'Test CPU',
  memoryGiB: 24,
  node: '22.0.0',
  os: 'Linux',
  durationS: 300,
  load: [1.5, 2.5],
  writes: 100,
  warmup: 10,
  connections: 1000,
  connectBudgetS: 120,
  priorUpdates: 10_000,
  syncRepeats: 3,
};

/** 100 samples 1..100 scaled by `k`, so p50/p95/p99 are 50k/95k/99k. */
const samples = (k: number) => Array.from({ length: 100 }, (_, i) => (i + 1) * k);

function serverRun(name: 'relay' | 'peer', k: number, extra: Partial<ServerRun> = {}): ServerRun {
  return {
    name,
    description: `${name} server`,
    latency: [{ clients: 50, samples: samples(k), lost: 0 }],
    memory: { idle: { rssBytes: 100 * 1024 * 1024 * k, detail: 'process' } },
    errors: [],
    ...extra,
  };
}

const row = (rows: string[][], label: string) => rows.find((r) => r[0]!.startsWith(label));

describe('figureRows', () => {
  it('puts relay, peer and relay/peer side by side for each figure', () => {
    const rows = figureRows([50], info, serverRun('relay', 2), serverRun('peer', 1));
    expect(row(rows, 'Propagation p95, 50 clients')).toEqual([
      'Propagation p95, 50 clients (ms)',
      '190.0',
      '95.0',
      '2.00',
    ]);
    expect(row(rows, 'Server RSS, idle')?.slice(1)).toEqual(['200', '100', '2.00']);
  });

  it('leaves a dash, not a zero, for a figure a server did not produce', () => {
    const failed = serverRun('relay', 1, {
      latency: [{ clients: 50, samples: [], lost: 0, error: '10/50 synced in 60 s' }],
    });
    const rows = figureRows([50], info, failed, serverRun('peer', 1));
    expect(row(rows, 'Propagation p50, 50 clients')?.slice(1)).toEqual(['—', '50.0', '—']);
    expect(row(rows, 'Connections synced')?.slice(1)).toEqual(['—', '—', '—']);
  });

  it('has a dash for every ratio when only one server ran', () => {
    const rows = figureRows([50], info, serverRun('relay', 1), undefined);
    expect(rows.every((r) => r[2] === '—' && r[3] === '—')).toBe(true);
  });
});

describe('goalVerdict', () => {
  it('is met when the relay p95 at 50 clients is at most the peer one', () => {
    expect(goalVerdict(serverRun('relay', 1), serverRun('peer', 1))).toMatch(/^met: relay 95\.0/);
    expect(goalVerdict(serverRun('relay', 3), serverRun('peer', 1))).toMatch(/^not met/);
  });

  it('says so when a side is missing rather than pass by default', () => {
    expect(goalVerdict(serverRun('relay', 1), undefined)).toMatch(/^not measured/);
  });
});

describe('renderSection', () => {
  it('names the machine and both servers and reports lost deliveries', () => {
    const lossy = serverRun('relay', 1, {
      latency: [{ clients: 50, samples: samples(1), lost: 7 }],
    });
    const text = renderSection(info, [50], lossy, serverRun('peer', 1));
    expect(text).toContain('## ProjectDoc relay vs @y/websocket-server');
    expect(text).toContain('2 cores (Test CPU)');
    expect(text).toContain('Node 22.0.0');
    expect(text).toContain('load average 1.5 at the start, 2.5 at the end');
    expect(text).toContain('- **peer**: peer server');
    expect(text).toContain('relay: latency, 50 clients: 7 deliveries timed out');
  });
});

describe('formatNumber', () => {
  it('groups thousands and fixes the fraction digits', () => {
    expect(formatNumber(12345.678, 1)).toBe('12,345.7');
    expect(formatNumber(Number.NaN, 1)).toBe('—');
  });
});
