import { checklistDefinition, type RobvisCell, type RobvisTable } from '@corates/shared';
import { cellStyle, stylesUsed, type JudgementStyle } from './judgement-style.ts';

/**
 * Risk-of-bias figures as plain geometry, drawn by `figureSvg` in the page and in the downloads.
 * The conventions are robvis's (McGuinness & Higgins, Res Synth Methods 2021;12:55–61): the
 * traffic-light plot is a study × domain grid of circles, a symbol on each, the overall column
 * shaded, a legend of the judgements used and the domains' names below; the summary plot has one
 * 100 % bar per domain and the overall judgement (bold, last), its segments the weighted share of
 * studies at each judgement, best on the left.
 */

export interface TextMark {
  x: number;
  y: number;
  text: string;
  size: number;
  anchor?: 'start' | 'middle' | 'end';
  /** `central`: `y` is the text's middle (symbols in circles, labels beside them). */
  baseline?: 'central';
  weight?: 'bold';
  fill?: string;
  /** Degrees, around (x, y). */
  rotate?: number;
}

export interface RectMark {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  stroke?: string;
}

export interface CircleMark {
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke: string;
}

export interface LineMark {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
}

export interface FigureLayout {
  width: number;
  height: number;
  /** The figure's accessible name and the file's `<title>`. */
  title: string;
  /** What the figure shows, in words (`<desc>`); the tables on the page give every value. */
  description: string;
  rects: RectMark[];
  lines: LineMark[];
  circles: CircleMark[];
  texts: TextMark[];
}

/** The font every figure is set in: a sans-serif every system (and canvas) has. */
export const FIGURE_FONT = 'Arial, Helvetica, sans-serif';

const PAD = 16;
const FONT = 13;
const SMALL = 11;
/** The traffic-light grid's cell: its side, and the circle's radius in it. */
export const CELL = 38;
export const LIGHT_RADIUS = 14;
const HEADER = 24;
const AXIS_TITLE = 22;
const LEGEND_ROW = 22;
const LEGEND_RADIUS = 8;
/** Summary plot: the bars' length (100 %), height and the gap between them. */
export const BAR_WIDTH = 480;
export const BAR_HEIGHT = 22;
const BAR_GAP = 12;

// Advance widths of Arial/Helvetica in em, by character class (from the fonts' metrics, rounded
// up): enough to lay labels out without a browser to measure them.
const NARROW = /[ijl|.,:;!'’ ]/;
const SLIM = /[frtI()[\]/-]/;
const WIDE_LOWER = /[mw]/;
const WIDE_UPPER = /[MW@%]/;

function emWidth(ch: string): number {
  if (NARROW.test(ch)) return 0.28;
  if (SLIM.test(ch)) return 0.34;
  if (WIDE_LOWER.test(ch)) return 0.84;
  if (WIDE_UPPER.test(ch)) return 0.95;
  if (/[A-Z]/.test(ch)) return 0.73;
  // Digits, other lower case, accented letters, symbols.
  return 0.58;
}

/**
 * A text's width in the figure font, estimated without a browser from Arial's advance widths
 * (rounded up, and 8 % more in bold) so labels never run into the grid.
 */
export function textWidth(text: string, size: number, weight?: 'bold'): number {
  const em = [...text].reduce((sum, ch) => sum + emWidth(ch), 0);
  return Math.ceil(em * size * (weight === 'bold' ? 1.08 : 1));
}

/** "1b. Bias arising from …" → "Bias arising from …": the column key says the number. */
function domainName(title: string): string {
  return title.replace(/^[0-9A-Z]+[a-z]?\.\s+/, '');
}

function subject(table: RobvisTable): string {
  const tool = checklistDefinition(table.type).title;
  return table.outcome === '' ? tool : `${tool}, ${table.outcome}`;
}

const OVERALL = 'Overall';

/** The legend: a title and one row per style, a circle (or square) with its symbol and label. */
function legend(
  styles: readonly JudgementStyle[],
  x: number,
  y: number,
  title: string,
  shape: 'circle' | 'square',
  out: Pick<FigureLayout, 'rects' | 'circles' | 'texts'>,
): { right: number; bottom: number } {
  out.texts.push({ x, y: y + FONT, text: title, size: FONT, weight: 'bold' });
  let right = x + textWidth(title, FONT, 'bold');
  styles.forEach((s, i) => {
    const cy = y + FONT + 8 + LEGEND_ROW * i + LEGEND_ROW / 2;
    const cx = x + LEGEND_RADIUS + 1;
    if (shape === 'circle')
      out.circles.push({ cx, cy, r: LEGEND_RADIUS, fill: s.fill, stroke: '#000000' });
    else
      out.rects.push({
        x: cx - LEGEND_RADIUS,
        y: cy - LEGEND_RADIUS,
        width: LEGEND_RADIUS * 2,
        height: LEGEND_RADIUS * 2,
        fill: s.fill,
        stroke: '#000000',
      });
    if (s.symbol !== '')
      out.texts.push({
        x: cx,
        y: cy,
        text: s.symbol,
        size: SMALL - (s.symbol.length > 1 ? 3 : 0),
        anchor: 'middle',
        baseline: 'central',
        weight: 'bold',
        fill: s.ink,
      });
    const tx = cx + LEGEND_RADIUS + 8;
    out.texts.push({ x: tx, y: cy, text: s.label, size: SMALL + 1, baseline: 'central' });
    right = Math.max(right, tx + textWidth(s.label, SMALL + 1));
  });
  return { right, bottom: y + FONT + 8 + LEGEND_ROW * styles.length };
}

/**
 * The traffic-light plot of a robvis table: a row per study (labelled as in the table), a column
 * per domain and one for the overall judgement (shaded), a circle in each cell in the judgement's
 * colour with its symbol; below, the legend of the judgements used and each domain's name.
 */
export function trafficLightLayout(table: RobvisTable): FigureLayout {
  const out: FigureLayout = {
    width: 0,
    height: 0,
    title: `${subject(table)}: risk of bias by study and domain`,
    description:
      `Traffic-light plot: ${table.rows.length} ${table.rows.length === 1 ? 'study' : 'studies'} ` +
      `by ${table.columns.length} domains and the overall judgement; each judgement is a coloured ` +
      'circle with a symbol, named in the legend.',
    rects: [],
    lines: [],
    circles: [],
    texts: [],
  };
  const columns = [...table.columns.map((c) => c.key), OVERALL];
  const labelWidth = Math.max(...table.rows.map((r) => textWidth(r.study, FONT)), 0);
  const gridLeft = PAD + AXIS_TITLE + labelWidth + 10;
  const gridTop = PAD + AXIS_TITLE + HEADER;
  const gridWidth = columns.length * CELL;
  const gridBottom = gridTop + table.rows.length * CELL;

  out.texts.push({
    x: gridLeft + gridWidth / 2,
    y: PAD + FONT,
    text: 'Risk of bias domains',
    size: FONT,
    anchor: 'middle',
  });
  out.texts.push({
    x: PAD + FONT,
    y: (gridTop + gridBottom) / 2,
    text: 'Study',
    size: FONT,
    anchor: 'middle',
    rotate: -90,
  });
  columns.forEach((key, j) => {
    const x = gridLeft + j * CELL;
    // robvis's grey strip over each column.
    out.rects.push({
      x,
      y: gridTop - HEADER,
      width: CELL,
      height: HEADER,
      fill: '#A9A9A9',
      stroke: '#808080',
    });
    out.texts.push({
      x: x + CELL / 2,
      y: gridTop - HEADER / 2,
      text: key,
      size: key === OVERALL ? SMALL - 1 : SMALL,
      anchor: 'middle',
      baseline: 'central',
    });
  });
  table.rows.forEach((row, i) => {
    const y = gridTop + i * CELL;
    out.texts.push({
      x: gridLeft - 10,
      y: y + CELL / 2,
      text: row.study,
      size: FONT,
      anchor: 'end',
      baseline: 'central',
    });
    const cells: RobvisCell[] = [...table.columns.map((c) => row.domains[c.key]!), row.overall];
    cells.forEach((cell, j) => {
      const x = gridLeft + j * CELL;
      out.rects.push({
        x,
        y,
        width: CELL,
        height: CELL,
        fill: j === cells.length - 1 ? '#D3D3D3' : '#FFFFFF',
        stroke: '#BDBDBD',
      });
      const style = cellStyle(table.type, cell);
      out.circles.push({
        cx: x + CELL / 2,
        cy: y + CELL / 2,
        r: LIGHT_RADIUS,
        fill: style.fill,
        stroke: '#000000',
      });
      if (style.symbol !== '')
        out.texts.push({
          x: x + CELL / 2,
          y: y + CELL / 2,
          text: style.symbol,
          size: style.symbol.length > 1 ? SMALL : FONT + 3,
          anchor: 'middle',
          baseline: 'central',
          weight: 'bold',
          fill: style.ink,
        });
    });
  });

  const legendEnd = legend(stylesUsed(table), PAD, gridBottom + 20, 'Judgement', 'circle', out);
  let y = legendEnd.bottom + 16;
  out.texts.push({ x: PAD, y: y + SMALL, text: 'Domains:', size: SMALL + 1, weight: 'bold' });
  let right = Math.max(gridLeft + gridWidth, legendEnd.right);
  for (const c of table.columns) {
    y += SMALL + 7;
    const text = `${c.key}: ${domainName(c.title)}.`;
    out.texts.push({ x: PAD, y: y + SMALL, text, size: SMALL + 1 });
    right = Math.max(right, PAD + textWidth(text, SMALL + 1));
  }
  out.width = right + PAD;
  out.height = y + SMALL + 4 + PAD;
  return out;
}

/** One segment of a summary bar: the studies at one judgement. */
export interface SummarySegment {
  style: JudgementStyle;
  /** The summed weights of those studies. */
  weight: number;
  /** weight / the bar's total weight (0–1). */
  share: number;
}

export interface SummaryBar {
  /** The column key (`D1`), or `Overall`. */
  key: string;
  label: string;
  /** Studies the domain applies to (neither not applicable nor not assessed). */
  n: number;
  segments: SummarySegment[];
}

// Cells that are not part of a study's assessment: left out of a bar, not counted in its n.
const OUTSIDE = new Set(['not-applicable', 'not-assessed']);

/**
 * The summary plot's bars: per domain and overall, the studies' weights (robvis's `Weight`) summed
 * per judgement, as shares of the bar, in the tool's order (best first, No information last).
 */
export function summaryBars(table: RobvisTable): SummaryBar[] {
  const bar = (key: string, label: string, cellOf: (i: number) => RobvisCell): SummaryBar => {
    const weights = new Map<string, { style: JudgementStyle; weight: number }>();
    let n = 0;
    let total = 0;
    table.rows.forEach((row, i) => {
      const style = cellStyle(table.type, cellOf(i));
      if (OUTSIDE.has(style.key)) return;
      n++;
      total += row.weight;
      const entry = weights.get(style.key) ?? { style, weight: 0 };
      entry.weight += row.weight;
      weights.set(style.key, entry);
    });
    const segments = stylesUsed(table)
      .filter((s) => weights.has(s.key))
      .map((s) => {
        const weight = weights.get(s.key)!.weight;
        return { style: s, weight, share: total > 0 ? weight / total : 0 };
      });
    return { key, label, n, segments };
  };
  return [
    ...table.columns.map((c) =>
      bar(c.key, `${c.key}: ${domainName(c.title)}`, (i) => table.rows[i]!.domains[c.key]!),
    ),
    bar(OVERALL, 'Overall risk of bias', (i) => table.rows[i]!.overall),
  ];
}

/** A share as the figures print it: whole percent. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * The summary plot of a robvis table: a 100 % bar per domain and overall, segments in the
 * judgements' colours, each wide enough carrying its symbol and share; n (studies the domain
 * applies to) after each bar; a percentage axis and the legend below.
 */
export function summaryLayout(table: RobvisTable): FigureLayout {
  const out: FigureLayout = {
    width: 0,
    height: 0,
    title: `${subject(table)}: proportion of studies at each judgement`,
    description:
      'Summary plot: for each domain and overall, a bar split by the share of studies at each ' +
      'judgement (weighted by each study’s weight), the share and symbol printed on each segment ' +
      'wide enough to hold them.',
    rects: [],
    lines: [],
    circles: [],
    texts: [],
  };
  const bars = summaryBars(table);
  const labelWidth = Math.max(
    ...bars.map((b) => textWidth(b.label, FONT, b.key === OVERALL ? 'bold' : undefined)),
  );
  const barLeft = PAD + labelWidth + 12;
  bars.forEach((bar, i) => {
    const y = PAD + i * (BAR_HEIGHT + BAR_GAP);
    const overall = bar.key === OVERALL;
    out.texts.push({
      x: barLeft - 12,
      y: y + BAR_HEIGHT / 2,
      text: bar.label,
      size: FONT,
      anchor: 'end',
      baseline: 'central',
      weight: overall ? 'bold' : undefined,
    });
    let x = barLeft;
    for (const s of bar.segments) {
      const width = s.share * BAR_WIDTH;
      out.rects.push({ x, y, width, height: BAR_HEIGHT, fill: s.style.fill, stroke: '#000000' });
      const full = `${s.style.symbol} ${percent(s.share)}`.trim();
      const text =
        width >= textWidth(full, SMALL) + 8
          ? full
          : s.style.symbol !== '' && width >= textWidth(s.style.symbol, SMALL) + 6
            ? s.style.symbol
            : '';
      if (text !== '')
        out.texts.push({
          x: x + width / 2,
          y: y + BAR_HEIGHT / 2,
          text,
          size: SMALL,
          anchor: 'middle',
          baseline: 'central',
          weight: 'bold',
          fill: s.style.ink,
        });
      x += width;
    }
    if (bar.n === 0)
      out.rects.push({
        x: barLeft,
        y,
        width: BAR_WIDTH,
        height: BAR_HEIGHT,
        fill: '#FFFFFF',
        stroke: '#000000',
      });
    out.texts.push({
      x: barLeft + BAR_WIDTH + 8,
      y: y + BAR_HEIGHT / 2,
      text: bar.n === 0 ? 'no study' : `n = ${bar.n}`,
      size: SMALL,
      baseline: 'central',
    });
  });
  const axisY = PAD + bars.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP + 6;
  out.lines.push({ x1: barLeft, y1: axisY, x2: barLeft + BAR_WIDTH, y2: axisY, stroke: '#000000' });
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = barLeft + tick * BAR_WIDTH;
    out.lines.push({ x1: x, y1: axisY, x2: x, y2: axisY + 4, stroke: '#000000' });
    out.texts.push({ x, y: axisY + 6 + SMALL, text: percent(tick), size: SMALL, anchor: 'middle' });
  }
  // The legend names what the bars show: cells left out of every bar are not in it.
  const shown = new Set(bars.flatMap((b) => b.segments.map((s) => s.style.key)));
  const styles = stylesUsed(table).filter((s) => shown.has(s.key));
  const legendEnd = legend(styles, barLeft, axisY + 30, 'Risk of bias', 'square', out);
  out.width =
    Math.max(barLeft + BAR_WIDTH + 8 + textWidth('n = 000', SMALL), legendEnd.right) + PAD;
  out.height = legendEnd.bottom + PAD;
  return out;
}

/** A file name for a table's figure or robvis table: `corates-rob2-pain-summary.svg`. */
export function figureFileName(
  table: Pick<RobvisTable, 'type' | 'outcome'>,
  kind: 'traffic-light' | 'summary' | 'robvis',
  extension: 'svg' | 'png' | 'csv',
): string {
  const outcome =
    table.outcome
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'no-outcome';
  const tool = table.type === 'ROB2' ? 'rob2' : 'robins-i';
  return `corates-${tool}-${outcome}-${kind}.${extension}`;
}
