import { describe, expect, it } from 'vitest';
import type { RobvisCell, RobvisRow, RobvisTable } from '@corates/shared';
import {
  BAR_HEIGHT,
  BAR_WIDTH,
  CELL,
  LIGHT_RADIUS,
  figureFileName,
  summaryBars,
  summaryLayout,
  textWidth,
  trafficLightLayout,
  type FigureLayout,
} from './figure-layout.ts';

const judged = (value: string, label: string): RobvisCell => ({
  state: 'judged',
  judgement: { value, label },
});
const LOW = judged('low', 'Low');
const SOME = judged('some-concerns', 'Some concerns');
const HIGH = judged('high', 'High');
const NA: RobvisCell = { state: 'not-applicable' };

const row = (study: string, cells: RobvisCell[], overall: RobvisCell, weight = 1): RobvisRow => ({
  checklistId: study,
  studyId: study,
  study,
  studyTitle: `Title of ${study}`,
  domains: Object.fromEntries(cells.map((c, i) => [KEYS[i]!, c])),
  overall,
  weight,
});
const KEYS = ['D1', 'D1b', 'D2'];
const table = (rows: RobvisRow[]): RobvisTable => ({
  type: 'ROB2',
  outcomeId: 'o1',
  outcome: 'Pain',
  columns: [
    {
      key: 'D1',
      title: '1. Bias arising from the randomisation process',
      domainIds: ['d1', 'd1a'],
    },
    {
      key: 'D1b',
      title: '1b. Bias arising from the timing of identification or recruitment of participants',
      domainIds: ['d1b'],
    },
    {
      key: 'D2',
      title: '2. Bias due to deviations from intended interventions',
      domainIds: ['d2a'],
    },
  ],
  rows,
  robvisTool: 'Generic',
  releases: [],
});
const TABLE = table([
  row('Lee 2020', [LOW, NA, SOME], SOME),
  row('Kim 2021', [HIGH, LOW, LOW], HIGH),
  row('A much longer study label', [LOW, LOW, LOW], LOW),
]);

/** Every mark lies inside the figure. */
function inside(layout: FigureLayout) {
  for (const r of layout.rects) {
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.y).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(layout.width);
    expect(r.y + r.height).toBeLessThanOrEqual(layout.height);
  }
  for (const c of layout.circles) {
    expect(c.cx - c.r).toBeGreaterThanOrEqual(0);
    expect(c.cx + c.r).toBeLessThanOrEqual(layout.width);
    expect(c.cy + c.r).toBeLessThanOrEqual(layout.height);
  }
  for (const t of layout.texts.filter((t) => !t.rotate)) {
    const left =
      t.anchor === 'end'
        ? t.x - textWidth(t.text, t.size, t.weight)
        : t.anchor === 'middle'
          ? t.x - textWidth(t.text, t.size, t.weight) / 2
          : t.x;
    expect(left, t.text).toBeGreaterThanOrEqual(0);
    expect(left + textWidth(t.text, t.size, t.weight), t.text).toBeLessThanOrEqual(layout.width);
    expect(t.y, t.text).toBeLessThanOrEqual(layout.height);
  }
}

describe('traffic-light plot layout', () => {
  const layout = trafficLightLayout(TABLE);
  const lights = layout.circles.filter((c) => c.r === LIGHT_RADIUS);
  const textAt = (x: number, y: number) =>
    layout.texts.filter((t) => t.x === x && t.y === y).map((t) => t.text);

  it('a circle per study and column (domains, then overall), centred in its cell', () => {
    expect(lights).toHaveLength(3 * 4);
    const xs = [...new Set(lights.map((c) => c.cx))];
    const ys = [...new Set(lights.map((c) => c.cy))];
    expect(xs).toHaveLength(4);
    expect(ys).toHaveLength(3);
    for (let j = 1; j < xs.length; j++) expect(xs[j]! - xs[j - 1]!).toBe(CELL);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBe(CELL);
    // Each circle fits its cell with room around it.
    expect(2 * LIGHT_RADIUS).toBeLessThan(CELL);
  });

  it('headers D1, D1b, D2, Overall over the columns; each study labelled on its row, right-aligned', () => {
    const xs = [...new Set(lights.map((c) => c.cx))];
    const headers = layout.texts.filter((t) => ['D1', 'D1b', 'D2', 'Overall'].includes(t.text));
    expect(headers.map((h) => [h.text, h.x])).toEqual([
      ['D1', xs[0]],
      ['D1b', xs[1]],
      ['D2', xs[2]],
      ['Overall', xs[3]],
    ]);
    const ys = [...new Set(lights.map((c) => c.cy))];
    for (const [i, study] of ['Lee 2020', 'Kim 2021', 'A much longer study label'].entries()) {
      const label = layout.texts.find((t) => t.text === study)!;
      expect([label.y, label.anchor]).toEqual([ys[i], 'end']);
      expect(label.x).toBeLessThan(xs[0]! - LIGHT_RADIUS);
    }
  });

  it("each cell's colour and symbol are its judgement's (robvis), the symbol in contrasting ink", () => {
    const cell = (i: number, j: number) => {
      const xs = [...new Set(lights.map((c) => c.cx))];
      const ys = [...new Set(lights.map((c) => c.cy))];
      const circle = lights.find((c) => c.cx === xs[j] && c.cy === ys[i])!;
      const symbol = layout.texts.find((t) => t.x === xs[j] && t.y === ys[i]);
      return [circle.fill, symbol?.text ?? '', symbol?.fill ?? ''];
    };
    expect(cell(0, 0)).toEqual(['#02C100', '+', '#000000']);
    expect(cell(0, 1)).toEqual(['#CCCCCC', '', '']);
    expect(cell(0, 2)).toEqual(['#E2DF07', '−', '#000000']);
    expect(cell(1, 0)).toEqual(['#BF0000', '×', '#FFFFFF']);
    expect(cell(1, 3)).toEqual(['#BF0000', '×', '#FFFFFF']);
  });

  it('the overall column is shaded, as robvis does', () => {
    const overallX = Math.max(...lights.map((c) => c.cx)) - CELL / 2;
    const cells = layout.rects.filter((r) => r.width === CELL && r.height === CELL);
    expect(new Set(cells.filter((r) => r.x === overallX).map((r) => r.fill))).toEqual(
      new Set(['#D3D3D3']),
    );
    expect(new Set(cells.filter((r) => r.x !== overallX).map((r) => r.fill))).toEqual(
      new Set(['#FFFFFF']),
    );
  });

  it('legend: the judgements used, in scale order, each with its colour, symbol and name', () => {
    const legendCircles = layout.circles.filter((c) => c.r !== LIGHT_RADIUS);
    expect(legendCircles.map((c) => c.fill)).toEqual(['#02C100', '#E2DF07', '#BF0000', '#CCCCCC']);
    const labels = legendCircles.map(
      (c) => layout.texts.find((t) => t.y === c.cy && t.x > c.cx && t.anchor === undefined)?.text,
    );
    expect(labels).toEqual(['Low', 'Some concerns', 'High', 'Not applicable']);
    expect(legendCircles.map((c) => textAt(c.cx, c.cy))).toEqual([['+'], ['−'], ['×'], []]);
    // Below the grid.
    expect(Math.min(...legendCircles.map((c) => c.cy))).toBeGreaterThan(
      Math.max(...lights.map((c) => c.cy)) + LIGHT_RADIUS,
    );
  });

  it("the domains' names below, without their numbers", () => {
    expect(layout.texts.filter((t) => /^D\w+: /.test(t.text)).map((t) => t.text)).toEqual([
      'D1: Bias arising from the randomisation process.',
      'D1b: Bias arising from the timing of identification or recruitment of participants.',
      'D2: Bias due to deviations from intended interventions.',
    ]);
  });

  it('every mark inside the figure; a longer study label widens it, another study lengthens it by a row', () => {
    inside(layout);
    const longer = trafficLightLayout(
      table([...TABLE.rows, row('An even longer study label than before', [LOW, LOW, LOW], LOW)]),
    );
    inside(longer);
    expect(longer.height - layout.height).toBe(CELL);
    const gridLeft = (l: FigureLayout) =>
      Math.min(...l.circles.filter((c) => c.r === LIGHT_RADIUS).map((c) => c.cx));
    expect(gridLeft(longer) - gridLeft(layout)).toBe(
      textWidth('An even longer study label than before', 13) -
        textWidth('A much longer study label', 13),
    );
  });

  it('named for the tool and outcome, and described in words', () => {
    expect(layout.title).toBe('RoB 2, Pain: risk of bias by study and domain');
    expect(layout.description).toMatch(/^Traffic-light plot: 3 studies by 3 domains/);
  });
});

describe('summary plot', () => {
  it('weighted shares per judgement, best first; not applicable left out of a bar and its n', () => {
    const weighted = table([
      row('a', [LOW, NA, LOW], LOW, 2),
      row('b', [HIGH, LOW, SOME], HIGH, 1),
      row('c', [LOW, HIGH, HIGH], HIGH, 1),
    ]);
    const bars = summaryBars(weighted).map((b) => [
      b.key,
      b.n,
      b.segments.map((s) => `${s.style.label} ${s.weight} ${s.share}`),
    ]);
    expect(bars).toEqual([
      ['D1', 3, ['Low 3 0.75', 'High 1 0.25']],
      ['D1b', 2, ['Low 1 0.5', 'High 1 0.5']],
      ['D2', 3, ['Low 2 0.5', 'Some concerns 1 0.25', 'High 1 0.25']],
      ['Overall', 3, ['Low 2 0.5', 'High 2 0.5']],
    ]);
  });

  it('weight 1 for every study: shares are proportions of studies', () => {
    const [d1] = summaryBars(TABLE);
    expect(d1!.segments.map((s) => [s.style.label, s.share])).toEqual([
      ['Low', 2 / 3],
      ['High', 1 / 3],
    ]);
  });

  it('segments fill each bar from the left, contiguous, in the judgement colours; overall last and bold', () => {
    const layout = summaryLayout(TABLE);
    inside(layout);
    const bars = layout.rects.filter((r) => r.height === BAR_HEIGHT && r.stroke === '#000000');
    const rows = [...new Set(bars.map((r) => r.y))];
    expect(rows).toHaveLength(4);
    for (const y of rows) {
      const segments = bars.filter((r) => r.y === y);
      const left = segments[0]!.x;
      let x = left;
      for (const s of segments) {
        expect(s.x).toBeCloseTo(x, 6);
        x += s.width;
      }
      expect(x - left).toBeCloseTo(BAR_WIDTH, 6);
    }
    const labels = layout.texts.filter((t) => t.anchor === 'end');
    expect(labels.map((t) => [t.text, t.weight])).toEqual([
      ['D1: Bias arising from the randomisation process', undefined],
      [
        'D1b: Bias arising from the timing of identification or recruitment of participants',
        undefined,
      ],
      ['D2: Bias due to deviations from intended interventions', undefined],
      ['Overall risk of bias', 'bold'],
    ]);
    const overallRow = bars.filter((r) => r.y === rows[3]);
    expect(overallRow.map((r) => [r.fill, r.width])).toEqual([
      ['#02C100', BAR_WIDTH / 3],
      ['#E2DF07', BAR_WIDTH / 3],
      ['#BF0000', BAR_WIDTH / 3],
    ]);
  });

  it('a wide segment carries its symbol and share; n after each bar; a 0–100 % axis', () => {
    const layout = summaryLayout(TABLE);
    const texts = layout.texts.map((t) => t.text);
    expect(texts).toContain('+ 67%');
    expect(texts).toContain('× 33%');
    expect(texts.filter((t) => t.startsWith('n = '))).toEqual(['n = 3', 'n = 2', 'n = 3', 'n = 3']);
    expect(texts.filter((t) => /^\d+%$/.test(t))).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });

  it('the legend names the judgements in the bars, not cells left out of them', () => {
    const layout = summaryLayout(TABLE);
    const keys = layout.rects.filter((r) => r.width === r.height && r.stroke === '#000000');
    expect(keys.map((r) => r.fill)).toEqual(['#02C100', '#E2DF07', '#BF0000']);
    expect(layout.texts.map((t) => t.text)).not.toContain('Not applicable');
  });
});

describe('figure file names', () => {
  it('tool, outcome as ASCII words, kind', () => {
    expect(figureFileName({ type: 'ROB2', outcome: 'Pain' }, 'summary', 'svg')).toBe(
      'corates-rob2-pain-summary.svg',
    );
    expect(
      figureFileName(
        { type: 'ROBINS_I', outcome: 'Schmerz (Über 12 Wochen)' },
        'traffic-light',
        'png',
      ),
    ).toBe('corates-robins-i-schmerz-uber-12-wochen-traffic-light.png');
    expect(figureFileName({ type: 'ROB2', outcome: '' }, 'robvis', 'csv')).toBe(
      'corates-rob2-no-outcome-robvis.csv',
    );
  });
});
