import { describe, expect, it } from 'vitest';
import {
  figureRows,
  formatNumber,
  goalLines,
  modeEffects,
  renderSection,
  repeatSpread,
  runNotes,
  type RunInfo,
  type ServerRun,
} from './relay-vs-peer.ts';
import type { LatencyModeName } from '../scenarios/latency-modes.ts';
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
  commit: 'abc1234',
  writes: 100,
  warmup: 10,
  latencyModes: ['presence', 'bare'],
  paceMs: 100,
  repeats: 1,
  warmupClients: 50,
  connections: 1000,
  connectBudgetS: 120,
  priorUpdates: 10_000,
  syncRepeats: 3,
};

/** 100 samples 1..100 scaled by `k`, so p50/p95/p99 are 50k/95k/99k. */
const samples = (k: number) => Array.from({ length: 100 }, (_, i) => (i + 1) * k);

const latencyAt = (k: number, mode: LatencyModeName = 'presence', repeat = 0, clients = 50) => ({
  clients,
  mode,
  samples: samples(k),
  lost: 0,
  repeat,
});

function serverRun(name: ServerName, k: number, extra: Partial<ServerRun> = {}): ServerRun {
  return {
    name,
    description: `${name} server`,
    latency: [latencyAt(k)],
    memory: { idle: { rssBytes: 100 * 1024 * 1024 * k, detail: 'process' } },
    errors: [],
    ...extra,
  };
}

const row = (rows: string[][], label: string) => rows.find((r) => r[0]!.startsWith(label));

const DASHES = (n: number) => Array.from({ length: n }, () => '—');

describe('figureRows', () => {
  it('puts every server and the relay over each of the others side by side', () => {
    const rows = figureRows([50], info, {
      relay: serverRun('relay', 2),
      'relay-npm-start': serverRun('relay-npm-start', 3),
      floor: serverRun('floor', 1.5),
      'yps-stored': serverRun('yps-stored', 4),
      'yps-debounced': serverRun('yps-debounced', 1),
      'ws-server': serverRun('ws-server', 0.5),
      'relay-alone': serverRun('relay-alone', 2),
    });
    expect(row(rows, 'Propagation p95, 50 clients, presence')).toEqual([
      'Propagation p95, 50 clients, presence (ms)',
      '190.0',
      '285.0',
      '142.5',
      '380.0',
      '95.0',
      '47.5',
      '190.0',
      '0.67',
      '1.33',
      '0.50',
      '2.00',
      '4.00',
      '1.00',
      // The relay as npm start serves it, over the floor and y-partyserver stored.
      '2.00',
      '0.75',
    ]);
    expect(row(rows, 'Server RSS, idle')?.slice(1)).toEqual([
      '200',
      '300',
      '150',
      '400',
      '100',
      '50',
      '200',
      '0.67',
      '1.33',
      '0.50',
      '2.00',
      '4.00',
      '1.00',
      '2.00',
      '0.75',
    ]);
  });

  it('has rows for every latency mode, each from its own rooms', () => {
    const relay = serverRun('relay', 1, {
      latency: [latencyAt(2, 'presence'), latencyAt(1, 'bare')],
    });
    const rows = figureRows([50], info, { relay });
    expect(row(rows, 'Propagation p95, 50 clients, presence')?.[1]).toBe('190.0');
    expect(row(rows, 'Propagation p95, 50 clients, bare')?.[1]).toBe('95.0');
  });

  it('leaves a dash, not a zero, for a figure a server did not produce', () => {
    const failed = serverRun('relay', 1, {
      latency: [{ ...latencyAt(1), samples: [], error: '10/50 synced in 60 s' }],
    });
    const rows = figureRows([50], info, { relay: failed, 'ws-server': serverRun('ws-server', 1) });
    expect(row(rows, 'Propagation p50, 50 clients, presence')?.slice(1)).toEqual([
      '—',
      '—',
      '—',
      '—',
      '—',
      '50.0',
      '—',
      ...DASHES(8),
    ]);
    expect(row(rows, 'Connections synced')?.slice(1)).toEqual(DASHES(15));
  });

  it('has a dash for every ratio when the relay did not run', () => {
    const rows = figureRows([50], info, { floor: serverRun('floor', 1) });
    expect(rows.every((r) => r.slice(8).every((c) => c === '—'))).toBe(true);
  });
});

describe('repeats', () => {
  const repeated = (name: ServerName, ks: number[]) =>
    serverRun(name, 1, { latency: ks.map((k, repeat) => latencyAt(k, 'presence', repeat)) });

  it('reports the median of each percentile over the repeats, not one lucky run', () => {
    const rows = figureRows([50], info, {
      relay: repeated('relay', [1, 3, 2]),
      floor: repeated('floor', [2, 2, 2]),
    });
    const p95 = row(rows, 'Propagation p95, 50 clients, presence');
    expect([p95?.[1], p95?.[3]]).toEqual(['190.0', '190.0']);
    expect(p95?.[9]).toBe('1.00'); // relay / floor
  });

  it('leaves a failed repeat out of the median and lists every repeat in the spread', () => {
    const relay = repeated('relay', [1, 2]);
    relay.latency.push({ ...latencyAt(1, 'presence', 2), samples: [], error: 'timed out' });
    expect(row(figureRows([50], info, { relay }), 'Propagation p50')?.[1]).toBe('50.0');
    expect(repeatSpread({ relay, 'ws-server': repeated('ws-server', [1]) }, 50, 'presence')).toBe(
      'p95 at 50 clients, presence, in each repeat (ms): relay 95.0, 190.0; ws-server 95.0',
    );
  });
});

describe('goalLines', () => {
  const at = (k: number, clients: number) => latencyAt(k, 'presence', 0, clients);
  const latencyRuns = (relay: number[], floor: number[], stored: number[]) => ({
    relay: serverRun('relay', 1, { latency: relay.map((k, i) => at(k, [2, 50][i]!)) }),
    floor: serverRun('floor', 1, { latency: floor.map((k, i) => at(k, [2, 50][i]!)) }),
    'yps-stored': serverRun('yps-stored', 1, { latency: stored.map((k, i) => at(k, [2, 50][i]!)) }),
  });

  it('judges relay latency against 1.1× the floor and 1.0× y-partyserver stored, per figure', () => {
    const lines = goalLines([2, 50], info, latencyRuns([1.1, 2], [1, 1], [2, 2]));
    expect(lines[0]).toBe(
      'Relay latency ≤ 1.1× runtime floor (p50 and p95, presence): not met, 2 of 4 figures (p50 at 2 1.10, p95 at 2 1.10, p50 at 50 2.00, p95 at 50 2.00)',
    );
    expect(lines[1]).toMatch(/^Relay latency ≤ 1× y-partyserver, stored .*: met, 4 of 4 figures/);
  });

  it('says not measured rather than met when a side is missing', () => {
    const lines = goalLines([50], info, { relay: serverRun('relay', 1) });
    expect(lines[0]).toMatch(/runtime floor \(presence\): not measured$/);
    expect(lines).toContain('1,000 sockets opened and synced, relay / floor: not measured');
  });

  it('judges the burst, the join and the 1,000 sockets', () => {
    const burst = {
      priorUpdates: 10_000,
      ingestMs: 1_500,
      burstJoinMs: 1_200,
      burstJoinHeld: 8_000,
      syncMs: [30],
      medianSyncMs: 30,
      docBytes: 2048,
    };
    const conns = (openMs: number, rss: number) => ({
      target: 1000,
      synced: 1000,
      openMs,
      held: 1000,
      reached: 999,
      fanOutMs: 50,
      memory: { rssBytes: rss, detail: '' },
      failures: [],
    });
    const lines = goalLines([50], info, {
      relay: serverRun('relay', 1, { initialSync: burst, connections: conns(3000, 400) }),
      floor: serverRun('floor', 1, { connections: conns(1000, 200) }),
      'yps-stored': serverRun('yps-stored', 1, { initialSync: { ...burst, medianSyncMs: 25 } }),
    });
    expect(lines).toContain(
      'Burst of 10,000 updates durable and seen by another client: met (1.50 s, goal ≤ 2 s)',
    );
    expect(lines).toContain(
      'First join during the burst served: not met (1,200 ms, goal ≤ 1,000 ms)',
    );
    expect(lines).toContain(
      'New client holds the document, relay / y-partyserver stored: met (1.20×, goal ≤ 1.5×)',
    );
    expect(lines).toContain(
      '1,000 sockets opened and synced, relay / floor: not met (3.00×, goal ≤ 2×)',
    );
    expect(lines).toContain('RSS with 1,000 sockets, relay / floor: not met (2.00×, goal ≤ 1.5×)');
  });
});

describe('the relay as npm start serves it', () => {
  it('is put over the floor beside the goals, only when both ran', () => {
    const runs = {
      relay: serverRun('relay', 1),
      'relay-npm-start': serverRun('relay-npm-start', 2.5),
      floor: serverRun('floor', 1),
    };
    const line = goalLines([50], info, runs).find((l) => l.startsWith('Side by side'));
    expect(line).toMatch(/latency \(presence\) p50 at 50 2\.50, p95 at 50 2\.50; /);
    const { floor: _, ...withoutFloor } = runs;
    expect(goalLines([50], info, withoutFloor).some((l) => l.startsWith('Side by side'))).toBe(
      false,
    );
  });
});

describe('the experiment', () => {
  it('puts the relay alone over the floor, labelled as an experiment, and only when both ran', () => {
    const runs = {
      relay: serverRun('relay', 3),
      floor: serverRun('floor', 1),
      'relay-alone': serverRun('relay-alone', 1.5),
    };
    expect(goalLines([50], info, runs)).toContain(
      "Experiment, the relay's Durable Object in a Worker of its own, over the floor (presence): p50 at 50 1.50, p95 at 50 1.50",
    );
    const { floor: _, ...withoutFloor } = runs;
    expect(goalLines([50], info, withoutFloor).some((l) => l.startsWith('Experiment'))).toBe(false);
    // relay / relay alone: the last of the relay's ratios, before the two of npm start's.
    expect(row(figureRows([50], info, runs), 'Propagation p95')?.at(-3)).toBe('2.00');
  });
});

describe('modeEffects', () => {
  it('splits presence over bare into pacing and presence traffic, per server', () => {
    const relay = serverRun('relay', 1, {
      latency: [latencyAt(3, 'presence'), latencyAt(2, 'presence-unpaced'), latencyAt(1, 'bare')],
    });
    const three = {
      ...info,
      latencyModes: ['presence', 'presence-unpaced', 'bare'] as LatencyModeName[],
    };
    expect(modeEffects([50], three, { relay })).toEqual([
      'all of it (presence / bare), p95 ratio at 50 clients: relay 3.00',
      'pacing (presence / presence-unpaced), p95 ratio at 50 clients: relay 1.50',
      'presence traffic (presence-unpaced / bare), p95 ratio at 50 clients: relay 2.00',
    ]);
    expect(modeEffects([50], { ...info, latencyModes: ['presence'] }, { relay })).toEqual([]);
  });
});

describe('renderSection', () => {
  it('names the machine, the commit and every server, and reports lost deliveries', () => {
    const lossy = serverRun('relay', 1, { latency: [{ ...latencyAt(1), lost: 7 }] });
    const text = renderSection(info, [50], {
      relay: lossy,
      'yps-stored': serverRun('yps-stored', 1),
    });
    expect(text).toContain('## ProjectDoc relay vs the runtime floor and same-runtime Yjs peers');
    expect(text).toContain('on commit abc1234');
    expect(text).toContain('2 cores (Test CPU)');
    expect(text).toContain('Node 22.0.0');
    expect(text).toContain('load average 1.5 at the start, 2.5 at the end');
    expect(text).toContain('- **yps-stored**: yps-stored server');
    expect(text).toContain(
      'relay: latency, 50 clients, presence, repeat 1: 7 deliveries timed out',
    );
    expect(text).toContain('`presence` (presence on, an edit every 100 ms)');
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
    const stored = serverRun('yps-stored', 1, {
      initialSync: { ...burst, ingestMs: 750, burstJoinMs: 210 },
    });
    const rows = figureRows([50], info, { relay, 'yps-stored': stored });
    const cells = (label: string) => {
      const r = row(rows, label)!;
      return [r[1], r[4], r[10]];
    };
    expect(cells('Ingest of those 10,000 updates')).toEqual(['1.50', '0.75', '2.00']);
    expect(cells('First join during that burst')).toEqual(['420', '210', '2.00']);
    expect(runNotes(relay).join('\n')).toContain(
      'the client that joined during the burst was answered holding 8,000 of the 10,000 updates',
    );
  });
});
