import {
  JUDGEMENT_SCALES,
  rob2JudgementLabel,
  robinsIJudgementLabel,
  type DomainTool,
  type Rob2Judgement,
  type RobinsIJudgement,
  type RobvisCell,
  type RobvisTable,
} from '@corates/shared';

/** How a judgement (or a cell without one) is drawn in a risk-of-bias figure. */
export interface JudgementStyle {
  /** The judgement's value (`some-concerns`), or the cell state (`not-applicable`). */
  key: string;
  label: string;
  fill: string;
  /** Drawn over the fill, so colour is never the only cue; empty for "Not applicable". */
  symbol: string;
  /** The symbol's colour: black or white, whichever contrasts more with the fill. */
  ink: string;
}

// robvis's "cochrane" palette and symbols (McGuinness & Higgins, Res Synth Methods 2021;12:55–61;
// robvis R/helpers.R `get_colour` and R/rob_traffic_light.R `scale_shape_manual`: shapes 43 "+",
// 45 "-", 120 "x", 33 "!", 63 "?", 32 blank for "Not applicable" on #cccccc). The minus and times
// signs are the typographic ones. robvis draws black symbols throughout; on the two reds white
// reads better (contrast 6.5 and 10.8 against 3.2 and 1.9), chosen by `inkFor`.
const LOW = { fill: '#02C100', symbol: '+' };
const CONCERNS = { fill: '#E2DF07', symbol: '−' };
const HIGH = { fill: '#BF0000', symbol: '×' };
const CRITICAL = { fill: '#820000', symbol: '!' };
const NO_INFORMATION = { fill: '#4EA1F7', symbol: '?' };

const SCALE_STYLES: Readonly<
  Record<DomainTool, Readonly<Record<string, Omit<JudgementStyle, 'key' | 'label' | 'ink'>>>>
> = {
  ROB2: { low: LOW, 'some-concerns': CONCERNS, high: HIGH },
  ROBINS_I: {
    low: LOW,
    // ROBINS-I V2's level between Low and Moderate, which robvis does not have (it reads the label
    // as Low): a paler green, and "+" in brackets so the symbol tells it from Low as well.
    'low-except-confounding': { fill: '#8FE08E', symbol: '(+)' },
    moderate: CONCERNS,
    serious: HIGH,
    critical: CRITICAL,
  },
};

const LABELS: Readonly<Record<DomainTool, (value: string) => string>> = {
  ROB2: (v) => rob2JudgementLabel(v as Rob2Judgement),
  ROBINS_I: (v) => robinsIJudgementLabel(v as RobinsIJudgement),
};

// Cells without a judgement, after the scale in every legend.
const STATE_STYLES: readonly Omit<JudgementStyle, 'ink'>[] = [
  { key: 'no-information', label: 'No information', ...NO_INFORMATION },
  // ROBINS-I stopped at screening: white, struck through, so it does not read as a judgement.
  { key: 'not-assessed', label: 'Not assessed', fill: '#FFFFFF', symbol: '/' },
  { key: 'not-applicable', label: 'Not applicable', fill: '#CCCCCC', symbol: '' },
];

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio of two `#rrggbb` colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever has more contrast with `fill`. */
export function inkFor(fill: string): '#000000' | '#FFFFFF' {
  return contrastRatio(fill, '#000000') >= contrastRatio(fill, '#FFFFFF') ? '#000000' : '#FFFFFF';
}

const withInk = (s: Omit<JudgementStyle, 'ink'>): JudgementStyle => ({ ...s, ink: inkFor(s.fill) });

/**
 * Every style a tool's figures use, in legend order: its judgements best first (the tool's own
 * scale), then No information, Not assessed and Not applicable.
 */
export function judgementStyles(type: DomainTool): JudgementStyle[] {
  return [
    ...JUDGEMENT_SCALES[type].map((key) =>
      withInk({ key, label: LABELS[type](key), ...SCALE_STYLES[type][key]! }),
    ),
    ...STATE_STYLES.map(withInk),
  ];
}

/** The style of one cell of a robvis table; a judgement the tool does not have has none. */
export function cellStyle(type: DomainTool, cell: RobvisCell): JudgementStyle {
  const key = cell.state === 'judged' ? cell.judgement.value : cell.state;
  const style = judgementStyles(type).find((s) => s.key === key);
  return style ?? judgementStyles(type).find((s) => s.key === 'no-information')!;
}

/** The styles a table's cells use (domains and overall), in legend order: robvis's legends. */
export function stylesUsed(table: RobvisTable): JudgementStyle[] {
  const used = new Set(
    table.rows.flatMap((r) =>
      [...Object.values(r.domains), r.overall].map((c) => cellStyle(table.type, c).key),
    ),
  );
  return judgementStyles(table.type).filter((s) => used.has(s.key));
}
