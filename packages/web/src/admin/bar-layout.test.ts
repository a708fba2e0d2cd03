import { describe, expect, it } from 'vitest';
import { layoutBars, niceCeiling } from './bar-layout.ts';

describe('bar layout', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(1.5)).toBe(2);
    expect(niceCeiling(37)).toBe(50);
    expect(niceCeiling(51)).toBe(100);
    expect(niceCeiling(2000)).toBe(2000);
  });

  it('stacks segments bottom-up and scales them to the plot height', () => {
    const { bars, max } = layoutBars(
      [
        { label: 'a', values: [30, 10] },
        { label: 'b', values: [50, 0] },
      ],
      200,
      100,
      0.5,
    );
    expect(max).toBe(50);
    const [a, b] = bars;
    expect(a!.rects[0]).toEqual({ series: 0, value: 30, x: 25, y: 40, width: 50, height: 60 });
    expect(a!.rects[1]).toEqual({ series: 1, value: 10, x: 25, y: 20, width: 50, height: 20 });
    expect(a!.total).toBe(40);
    expect(b!.rects[0]!.height).toBe(100);
    expect(b!.center).toBe(150);
  });

  it('draws nothing for no data and ignores negative values', () => {
    expect(layoutBars([], 100, 100).bars).toEqual([]);
    const { bars } = layoutBars([{ label: 'x', values: [-5, 2] }], 10, 10);
    expect(bars[0]!.rects[0]!.height).toBe(0);
    expect(bars[0]!.total).toBe(2);
  });
});
