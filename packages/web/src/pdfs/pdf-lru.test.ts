import { describe, expect, it } from 'vitest';
import { type KeptPdf, planEviction } from './pdf-lru.ts';

const pdf = (id: string, openedAt: number, size = 10): KeptPdf => ({ id, openedAt, size });
const limits = { maxFiles: 3, maxBytes: 100 };

describe('planEviction', () => {
  it('keeps everything within the limits', () => {
    expect(planEviction([pdf('a', 1), pdf('b', 2)], limits)).toEqual([]);
  });

  it('drops the least recently opened beyond the file count', () => {
    const kept = [pdf('a', 4), pdf('b', 1), pdf('c', 3), pdf('d', 2), pdf('e', 5)];
    expect(planEviction(kept, limits).sort()).toEqual(['b', 'd']);
  });

  it('drops old PDFs until the bytes fit, keeping a small older one that still fits', () => {
    const kept = [pdf('new', 3, 60), pdf('mid', 2, 50), pdf('old', 1, 30)];
    expect(planEviction(kept, limits)).toEqual(['mid']);
  });

  it('never drops the one just opened for an older one', () => {
    // Its openedAt was written by a clock that ran behind; it is still the one in use.
    const kept = [pdf('a', 9), pdf('b', 8), pdf('c', 7), pdf('just-opened', 1)];
    expect(planEviction(kept, limits, 'just-opened')).toEqual(['c']);
  });

  it('does not keep a PDF larger than the whole budget', () => {
    expect(planEviction([pdf('huge', 5, 101), pdf('a', 1)], limits, 'huge')).toEqual(['huge']);
  });

  it('breaks ties by id, whatever the input order', () => {
    const one = planEviction([pdf('x', 1), pdf('y', 1), pdf('z', 1), pdf('w', 1)], limits);
    const two = planEviction([pdf('z', 1), pdf('w', 1), pdf('y', 1), pdf('x', 1)], limits);
    expect(one).toEqual(['z']);
    expect(two).toEqual(one);
  });
});
