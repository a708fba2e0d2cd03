export interface BarDatum {
  label: string;
  /** Stacked segments, bottom first; each drawn in its own series colour. */
  values: readonly number[];
}

export interface BarRect {
  series: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarLayout {
  bars: { label: string; x: number; center: number; total: number; rects: BarRect[] }[];
  /** The value the top of the plot stands for: a "nice" number at or above the largest total. */
  max: number;
}

/** 1, 2, 5 × 10^n at or above `value`, so the axis reads in round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/**
 * Geometry of a vertical (stacked) bar chart in a `width` × `height` plot area, y growing down
 * as in SVG. Pure, so the chart component only draws.
 */
export function layoutBars(
  data: readonly BarDatum[],
  width: number,
  height: number,
  gapRatio = 0.3,
): BarLayout {
  const max = niceCeiling(Math.max(0, ...data.map((d) => sum(d.values))));
  const slot = data.length === 0 ? 0 : width / data.length;
  const barWidth = slot * (1 - gapRatio);
  const bars = data.map((d, i) => {
    const x = i * slot + (slot - barWidth) / 2;
    let top = height;
    const rects = d.values.map((v, series) => {
      const h = (Math.max(0, v) / max) * height;
      top -= h;
      return { series, value: v, x, y: top, width: barWidth, height: h };
    });
    return { label: d.label, x, center: x + barWidth / 2, total: sum(d.values), rects };
  });
  return { bars, max };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + Math.max(0, b), 0);
}
