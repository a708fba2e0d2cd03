import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../run-record.ts';
import type { PageLoad } from './browser-load.ts';
import { type FirstLoadResults, firstLoadGoal, renderFirstLoadSection } from './report.ts';

const load = (interactiveAt: number, scripts = 118_000): PageLoad => ({
  firstContentfulPaint: 2_500,
  readyAt: interactiveAt - 100,
  interactiveAt,
  transfer: {
    scripts,
    styles: 4_000,
    document: 1_200,
    api: 2_300,
    other: 0,
    websocket: 0,
    total: scripts + 7_500,
    requests: 6,
  },
});

function results(firstLoadGzip = [117_000, 3_500]): FirstLoadResults {
  return {
    firstLoad: [
      { file: 'assets/index-a.js', bytes: 366_000, gzip: firstLoadGzip[0]! },
      { file: 'assets/index-a.css', bytes: 12_600, gzip: firstLoadGzip[1]! },
    ],
    html: { file: 'index.html', bytes: 950, gzip: 550 },
    whenUsed: [
      {
        module: 'src/reconcile/ReconcilePage.tsx',
        files: [
          { file: 'assets/ReconcilePage-b.js', bytes: 14_000, gzip: 5_000 },
          { file: 'assets/yjs-c.js', bytes: 150_000, gzip: 47_000 },
        ],
      },
    ],
    precache: [{ file: 'assets/index-a.js', bytes: 366_000, gzip: 117_000 }],
    profile: 'Fast 3G, CPU 4× slower',
    signIn: [load(4_100), load(3_500), load(3_900)],
    projectList: [load(5_400), load(5_800), load(5_700, 118_500)],
  };
}

const info: RunInfo = {
  date: '2026-12-07 05:00 UTC',
  cores: 2,
  cpuModel: 'Test CPU',
  memoryGiB: 8,
  node: '22.23.3',
  os: 'Linux',
  durationS: 110,
  load: [1.0, 1.2],
  server: 'the app as `npm start` serves it',
};

describe('firstLoadGoal', () => {
  it('adds the gzipped scripts and styles and compares them with 150 kB', () => {
    expect(firstLoadGoal(results())).toEqual({
      gzip: 120_500,
      ratio: 120_500 / 150_000,
      met: true,
    });
    expect(firstLoadGoal(results([147_000, 3_001])).met).toBe(false);
    expect(firstLoadGoal(results([147_000, 3_000])).met).toBe(true);
  });
});

describe('renderFirstLoadSection', () => {
  const section = renderFirstLoadSection(info, results());

  it('states the goal, the total and the ratio', () => {
    expect(section).toContain('— **met**: 120.5 kB, 0.80× the goal.');
  });

  it('lists each counted file and what lazily loaded pages add, by page', () => {
    expect(section).toContain('| `assets/index-a.js` | 366.0 | 117.0 |');
    expect(section).toContain('| **scripts and styles, total** | 378.6 | **120.5** |');
    expect(section).toContain('| reconcile/ReconcilePage | 2 | 164.0 | 52.0 |');
  });

  it('reports the medians of the browser runs, side by side', () => {
    expect(section).toContain('| Time to interactive (s) | 3.90 | 5.70 |');
    expect(section).toContain('| … scripts and styles (kB) | 122.0 | 122.0 |');
  });

  it('says when the goal is missed', () => {
    expect(renderFirstLoadSection(info, results([160_000, 4_000]))).toContain(
      '— **not met**: 164.0 kB, 1.09× the goal.',
    );
  });
});
