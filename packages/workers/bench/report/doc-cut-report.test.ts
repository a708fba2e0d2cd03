import { describe, expect, it } from 'vitest';
import { type CutRun, type DocCutInfo, docCutRows, renderDocCutSection } from './doc-cut-report.ts';

const MIB = 1024 * 1024;

const info: DocCutInfo = {
  date: '2026-12-07 08:00 UTC',
  cores: 2,
  cpuModel: 'Test CPU',
  memoryGiB: 8,
  node: '22.0.0',
  durationS: 300,
  load: [1.5, 2.5],
  studies: 200,
  checklists: 600,
  assigned: 200,
  docBytes: { v1: 4_000_000, project: 300_000, checklistMedian: 6_000 },
  perChecklist: { answers: 30, notes: 10, noteChars: 400 },
  joins: 3,
  syncs: 1,
  syncConcurrency: 6,
  active: 20,
  writes: 100,
  revokes: 3,
  paceMs: 100,
};

const join = (ms: number, bytes: number, coldStarts: number) => ({ ms, bytes, coldStarts });

function run(cut: CutRun['cut'], scale: number): CutRun {
  return {
    cut,
    memory: { idle: 90 * MIB, one: (90 + 4 * scale) * MIB, active: (90 + 10 * scale) * MIB },
    joins: {
      cold: [
        join(30 * scale, 300_000, 1),
        join(10 * scale, 300_000, 1),
        join(20 * scale, 300_000, 1),
      ],
      warm: [join(5 * scale, 300_000, 0)],
    },
    syncs: { cold: [], warm: [] },
    latency: [
      { writers: 10, samples: [3 * scale, 1 * scale, 2 * scale], lost: 0 },
      { writers: 2, samples: [scale], lost: 0 },
    ],
    revokes: [
      { ms: 4 * scale, closed: 2, coldStarts: scale },
      { ms: 2 * scale, closed: 2, coldStarts: scale },
    ],
    errors: [],
  };
}

const valueOf = (rows: ReturnType<typeof docCutRows>, label: string) => {
  const row = rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row ${label}`);
  return row.values;
};

describe('docCutRows', () => {
  it('takes the median of each cut’s samples and memory over the idle figure', () => {
    const rows = docCutRows(info, [run('v1', 4), run('a', 1), run('b', 2)]);
    expect(valueOf(rows, 'Join, cold: median (ms)')).toEqual({ v1: 80, a: 20, b: 40 });
    expect(valueOf(rows, 'Join, cold: slowest (ms)')).toEqual({ v1: 120, a: 30, b: 60 });
    expect(valueOf(rows, 'Bytes a joiner receives (kB)')).toEqual({ v1: 300, a: 300, b: 300 });
    expect(valueOf(rows, 'RSS over idle, 20 members active (MiB)')).toEqual({
      v1: 40,
      a: 10,
      b: 20,
    });
    expect(valueOf(rows, 'Revoke: until the member’s sockets are closed (ms)')).toEqual({
      v1: 8,
      a: 2,
      b: 4,
    });
  });

  it('gives latency rows per writer count in ascending order', () => {
    const labels = docCutRows(info, [run('a', 1)]).map((r) => r.label);
    const latency = labels.filter((l) => l.startsWith('Update round trip'));
    expect(latency).toEqual([
      'Update round trip p50, 2 writers (ms)',
      'Update round trip p95, 2 writers (ms)',
      'Update round trip p50, 10 writers (ms)',
      'Update round trip p95, 10 writers (ms)',
    ]);
    expect(
      valueOf(docCutRows(info, [run('a', 1)]), 'Update round trip p95, 10 writers (ms)').a,
    ).toBe(3);
  });

  it('leaves a figure a cut did not produce unset (v1 has no background sync)', () => {
    const b = run('b', 1);
    b.syncs.cold.push({ documents: 200, ms: 4000, bytes: 1_200_000, coldStarts: 201 });
    const rows = docCutRows(info, [run('v1', 1), b]);
    expect(valueOf(rows, 'Objects started by a cold background sync')).toEqual({
      v1: undefined,
      a: undefined,
      b: 201,
    });
    expect(valueOf(rows, 'Background sync of 200 checklists, cold (s)').b).toBe(4);
  });
});

describe('renderDocCutSection', () => {
  it('prints each cut’s figure and the ratios A/B, A/v1 and B/v1', () => {
    const section = renderDocCutSection(info, [run('v1', 4), run('a', 1), run('b', 2)]);
    expect(section).toContain('| Join, cold: median (ms) | 80 | 20 | 40 | 0.50× | 0.25× | 0.50× |');
    expect(section).toContain('load average 1.50 at the start, 2.50 at the end');
    expect(section).not.toContain('Failed scenarios');
  });

  it('gives small ratios two significant digits', () => {
    const a = run('a', 1);
    const b = run('b', 1);
    a.syncs.cold.push({ documents: 200, ms: 3000, bytes: 1, coldStarts: 1 });
    b.syncs.cold.push({ documents: 200, ms: 3000, bytes: 1, coldStarts: 201 });
    expect(renderDocCutSection(info, [a, b])).toContain(
      '| Objects started by a cold background sync | — | 1 | 201 | 0.0050× | — | — |',
    );
  });

  it('shows a dash, never a number, where a side of a ratio is missing, and lists failures', () => {
    const a = run('a', 1);
    a.errors.push('latency 10 failed: boom');
    a.latency[0]!.lost = 3;
    const section = renderDocCutSection(info, [a]);
    expect(section).toContain('| Join, cold: median (ms) | — | 20 | — | — | — | — |');
    expect(section).toContain('- a: latency 10 failed: boom');
    expect(section).toContain('- a, 10 writers: 3 writes not seen within 10 s');
  });
});
