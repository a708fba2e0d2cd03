import { describe, expect, it } from 'vitest';
import type { PageLoad } from '../first-load/browser-load.ts';
import type { RunInfo } from '../run-record.ts';
import { renderDocOpenSection } from './report.ts';

const load = (readyAt: number, websocket: number): PageLoad => ({
  firstContentfulPaint: 300,
  readyAt,
  interactiveAt: readyAt + 200,
  transfer: {
    scripts: 120_000,
    styles: 5_000,
    document: 1_000,
    api: 3_000,
    other: 0,
    websocket,
    total: 129_000 + websocket,
    requests: 9,
  },
});

const info: RunInfo = {
  date: '2026-12-07 11:00 UTC',
  cores: 2,
  cpuModel: 'Test CPU',
  memoryGiB: 24,
  node: '22.0.0',
  os: 'Linux',
  durationS: 600,
  load: [0.5, 0.7],
  server: 'both apps',
};

describe('renderDocOpenSection', () => {
  const section = renderDocOpenSection(info, {
    studies: 200,
    v1Rev: 'abc1234',
    sizes: { v1: 3_931_000, v2Project: 283_000, v2Checklist: 6_500 },
    profiles: [
      {
        profile: 'Unthrottled',
        v1: [load(2_000, 3_900_000), load(2_400, 3_900_000), load(2_200, 3_900_000)],
        v2: [load(400, 290_000), load(500, 290_000), load(440, 290_000)],
      },
    ],
  });

  it('reports medians of each build and v2 as a ratio of v1', () => {
    expect(section).toContain('| Checklist shown with its answers (s) | 2.20 | 0.44 | 0.20× |');
    expect(section).toContain(
      '| Document bytes received over the sockets until then (kB) | 3,900.0 | 290.0 | 0.07× |',
    );
  });

  it('names the v1 commit and the documents’ sizes', () => {
    expect(section).toContain('`abc1234`');
    expect(section).toContain('3,931.0 kB encoded');
    expect(section).toContain('289.5 kB together');
  });
});
