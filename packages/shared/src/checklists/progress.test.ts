import { describe, expect, it } from 'vitest';
import { amstar2Definition, type Amstar2Answers } from './amstar2.ts';
import { checklistProgress } from './progress.ts';
import { rob2Definition } from './rob2.ts';
import { ROB2_CLUSTER_ALL_LOW, ROB2_CROSSOVER_ALL_LOW } from '../testing.ts';
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

describe('checklistProgress of RoB 2 variants: questions reached only', () => {
  it('a cluster trial counts 1a, 1b and the cluster questions; unreached ones are not counted', () => {
    // Reached: design, effect; 1a.1–1a.3; 1b.1, 1b.3 (1b.2 not after 1b.1 Y); 2.1a, 2.2, 2.6;
    // 3.1a, 3.1b; 4.1, 4.2, 4.3a; 5.1–5.3.
    expect(checklistProgress(rob2Definition, ROB2_CLUSTER_ALL_LOW)).toEqual({
      answered: 18,
      total: 18,
    });
    const recruitedAfter = { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N' } as const;
    expect(checklistProgress(rob2Definition, recruitedAfter)).toEqual({ answered: 18, total: 19 });
  });
  it('a cross-over trial counts domain S: S.2 only after S.1 N/PN/NI', () => {
    expect(checklistProgress(rob2Definition, ROB2_CROSSOVER_ALL_LOW)).toEqual({
      answered: 17,
      total: 17,
    });
    expect(checklistProgress(rob2Definition, { ...ROB2_CROSSOVER_ALL_LOW, ds_1: 'NI' })).toEqual({
      answered: 17,
      total: 18,
    });
  });
  it('before the design is chosen only the preliminary questions count', () => {
    expect(checklistProgress(rob2Definition, { p_effect: 'adhering' })).toEqual({
      answered: 1,
      total: 2,
    });
  });
});
