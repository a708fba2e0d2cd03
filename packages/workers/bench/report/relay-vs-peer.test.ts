import { describe, expect, it } from 'vitest';
import {
  figureRows,
  formatNumber,
  goalVerdict,
  renderSection,
  repeatSpread,
  runNotes,
  type RunInfo,
  type ServerRun,
} from './relay-vs-peer.ts';
import type { ServerName } from '../servers/bench-server.ts';

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
  relayHost: 'miniflare',
  repeats: 1,
  warmupClients: 50,
  connections: 1000,
  connectBudgetS: 120,
  priorUpdates: 10_000,
  syncRepeats: 3,
};

/** 100 samples 1..100 scaled by `k`, so p50/p95/p99 are 50k/95k/99k. */
const samples = (k: number) => Array.from({ length: 100 }, (_, i) => (i + 1) * k);

function serverRun(name: ServerName, k: number, extra: Partial<ServerRun> = {}): ServerRun {
  return {
    name,
    description: `${name} server`,
    latency: [{ clients: 50, samples: samples(k), lost: 0, repeat: 0 }],
    memory: { idle: { rssBytes: 100 * 1024 * 1024 * k, detail: 'process' } },
    errors: [],
    ...extra,
  };
}

const row = (rows: string[][], label: string) => rows.find((r) => r[0]!.startsWith(label));

describe('figureRows', () => {
  it('puts relay, floor, peer and both ratios to the peer side by side for each figure', () => {
    const rows = figureRows([50], info, {
      relay: serverRun('relay', 2),
      floor: serverRun('floor', 1.5),
      peer: serverRun('peer', 1),
    });
    expect(row(rows, 'Propagation p95, 50 clients')).toEqual([
      'Propagation p95, 50 clients (ms)',
      '190.0',
      '142.5',
      '95.0',
      '2.00',
      '1.50',
    ]);
    expect(row(rows, 'Server RSS, idle')?.slice(1)).toEqual(['200', '150', '100', '2.00', '1.50']);
  });

  it('leaves a dash, not a zero, for a figure a server did not produce', () => {
    const failed = serverRun('relay', 1, {
      latency: [{ clients: 50, samples: [], lost: 0, error: '10/50 synced in 60 s', repeat: 0 }],
    });
    const rows = figureRows([50], info, { relay: failed, peer: serverRun('peer', 1) });
    expect(row(rows, 'Propagation p50, 50 clients')?.slice(1)).toEqual([
      '—',
      '—',
      '50.0',
      '—',
      '—',
    ]);
    expect(row(rows, 'Connections synced')?.slice(1)).toEqual(['—', '—', '—', '—', '—']);
  });

  it('has a dash for every ratio when the peer did not run', () => {
    const rows = figureRows([50], info, {
      relay: serverRun('relay', 1),
      floor: serverRun('floor', 1),
    });
    expect(rows.every((r) => r[4] === '—' && r[5] === '—')).toBe(true);
  });
});

describe('repeats', () => {
  const repeated = (name: ServerName, ks: number[]) =>
    serverRun(name, 1, {
      latency: ks.map((k, repeat) => ({ clients: 50, samples: samples(k), lost: 0, repeat })),
    });

  it('reports the median of each percentile over the repeats, not one lucky run', () => {
    const rows = figureRows([50], info, {
      relay: repeated('relay', [1, 3, 2]),
      peer: repeated('peer', [2, 2, 2]),
    });
    expect(row(rows, 'Propagation p95, 50 clients')?.slice(1)).toEqual([
      '190.0',
      '—',
      '190.0',
      '1.00',
      '—',
    ]);
  });

  it('counts the repeats in which the relay was at or under the peer, pairing them by repeat', () => {
    const verdict = goalVerdict({
      relay: repeated('relay', [1, 3, 2, 1]),
      peer: repeated('peer', [2, 2, 2]),
    });
    expect(verdict).toContain('at or under the peer in 2 of 3 repeats');
  });

  it('leaves a failed repeat out of the median and lists every repeat in the spread', () => {
    const relay = repeated('relay', [1, 2]);
    relay.latency.push({ clients: 50, samples: [], lost: 0, error: 'timed out', repeat: 2 });
    expect(figureRows([50], info, { relay })[1]?.[1]).toBe('95.0');
    expect(repeatSpread({ relay, peer: repeated('peer', [1]) }, 50)).toBe(
      'p95 at 50 clients in each repeat (ms): relay 95.0, 190.0; peer 95.0',
    );
  });
});

describe('goalVerdict', () => {
  it('is met when the relay p95 at 50 clients is at most the peer one', () => {
    expect(goalVerdict({ relay: serverRun('relay', 1), peer: serverRun('peer', 1) })).toMatch(
      /^met: relay 95\.0/,
    );
    expect(goalVerdict({ relay: serverRun('relay', 3), peer: serverRun('peer', 1) })).toMatch(
      /^not met/,
    );
  });

  it('says so when a side is missing rather than pass by default', () => {
    expect(goalVerdict({ relay: serverRun('relay', 1), floor: serverRun('floor', 1) })).toMatch(
      /^not measured/,
    );
  });

  it('splits the gap into the floor and what the relay adds above it', () => {
    const verdict = goalVerdict({
      relay: serverRun('relay', 2),
      floor: serverRun('floor', 1.5),
      peer: serverRun('peer', 1),
    });
    expect(verdict).toContain('not met: relay 190.0 ms vs peer 95.0 ms (ratio 2.00)');
    expect(verdict).toContain('measured 142.5 ms (ratio 1.50)');
    expect(verdict).toContain("the relay's own code adds 47.5 ms above it");
    const under = goalVerdict({
      relay: serverRun('relay', 1.2),
      floor: serverRun('floor', 1.5),
      peer: serverRun('peer', 1),
    });
    expect(under).toContain('the relay measured 28.5 ms below it');
  });
});

describe('renderSection', () => {
  it('names the machine and both servers and reports lost deliveries', () => {
    const lossy = serverRun('relay', 1, {
      latency: [{ clients: 50, samples: samples(1), lost: 7, repeat: 0 }],
    });
    const text = renderSection(info, [50], { relay: lossy, peer: serverRun('peer', 1) });
    expect(text).toContain('## ProjectDoc relay vs @y/websocket-server');
    expect(text).toContain('2 cores (Test CPU)');
    expect(text).toContain('Node 22.0.0');
    expect(text).toContain('load average 1.5 at the start, 2.5 at the end');
    expect(text).toContain('- **peer**: peer server');
    expect(text).toContain('relay: latency, 50 clients, repeat 1: 7 deliveries timed out');
  });
});

describe('formatNumber', () => {
  it('groups thousands and fixes the fraction digits', () => {
    expect(formatNumber(12345.678, 1)).toBe('12,345.7');
    expect(formatNumber(Number.NaN, 1)).toBe('—');
  });
});

describe('burst figures', () => {
  it('puts the ingest and the first join during the burst side by side, and notes what the join held', () => {
    const burst = {
      priorUpdates: 10_000,
      ingestMs: 1_500,
      burstJoinMs: 420,
      burstJoinHeld: 8_000,
      syncMs: [20, 30, 25],
      medianSyncMs: 25,
      docBytes: 2048,
    };
    const relay = serverRun('relay', 1, { initialSync: burst });
    const peer = serverRun('peer', 1, {
      initialSync: { ...burst, ingestMs: 750, burstJoinMs: 210 },
    });
    const rows = figureRows([50], info, { relay, peer });
    expect(row(rows, 'Ingest of those 10,000 updates')?.slice(1)).toEqual([
      '1.5',
      '—',
      '0.8',
      '2.00',
      '—',
    ]);
    expect(row(rows, 'First join during that burst')?.slice(1)).toEqual([
      '420',
      '—',
      '210',
      '2.00',
      '—',
    ]);
    expect(runNotes(relay).join('\n')).toContain(
      'the client that joined during the burst was answered holding 8,000 of the 10,000 updates',
    );
  });
});
