import { describe, expect, it } from 'vitest';
import { amstar2Definition, type Amstar2Answers } from './amstar2.ts';
import { checklistProgress } from './progress.ts';
import { checklistItems } from './types.ts';

describe('checklistProgress', () => {
  it('counts the parts of items 9 and 11 separately: AMSTAR 2 has 18 answers to give', () => {
    expect(checklistProgress(amstar2Definition, {})).toEqual({ answered: 0, total: 18 });
  });
  it('counts answered items', () => {
    const answers: Amstar2Answers = { q1: 'yes', q9a: 'only-other-design', q11b: 'no-ma' };
    expect(checklistProgress(amstar2Definition, answers)).toEqual({ answered: 3, total: 18 });
  });
  it('a complete checklist is 18 of 18', () => {
    const all = Object.fromEntries(checklistItems(amstar2Definition).map((i) => [i.id, 'no']));
    expect(checklistProgress(amstar2Definition, all)).toEqual({ answered: 18, total: 18 });
  });
  it('does not count values the item does not offer, or unknown items', () => {
    expect(checklistProgress(amstar2Definition, { q1: 'partial-yes', q99: 'yes' })).toEqual({
      answered: 0,
      total: 18,
    });
  });
});
