import { describe, expect, it } from 'vitest';
import {
  amstar2AnswersSchema,
  amstar2Definition,
  type Amstar2Answers,
  type Amstar2ItemId,
  type Amstar2Value,
} from './amstar2.ts';
import {
  amstar2Rating,
  amstar2RatingSchema,
  combineAmstar2Parts,
  ratingLabel,
  scoreAmstar2,
  type Amstar2Rating,
  type Amstar2Score,
} from './amstar2-scoring.ts';
import { checklistItems } from './types.ts';

const items = checklistItems(amstar2Definition);
const ALL_YES = Object.fromEntries(items.map((i) => [i.id, 'yes'])) as Required<Amstar2Answers>;

/** All "Yes" except the given answers. */
function answers(overrides: Amstar2Answers = {}): Amstar2Answers {
  return { ...ALL_YES, ...overrides };
}

/** The answers with the given items judged "No". */
function noOn(...ids: Amstar2ItemId[]): Amstar2Answers {
  return answers(Object.fromEntries(ids.map((id) => [id, 'no'])));
}

function complete(
  rating: Amstar2Rating,
  criticalFlaws: string[] = [],
  nonCriticalWeaknesses: string[] = [],
): Amstar2Score {
  return { status: 'complete', rating, criticalFlaws, nonCriticalWeaknesses };
}

const CRITICAL: Amstar2ItemId[] = ['q2', 'q4', 'q7', 'q9a', 'q9b', 'q11a', 'q11b', 'q13', 'q15'];
const NON_CRITICAL: Amstar2ItemId[] = ['q1', 'q3', 'q5', 'q6', 'q8', 'q10', 'q12', 'q14', 'q16'];

describe('[A2-overall] overall confidence', () => {
  it('[A2-overall] all Yes → High, with no flaws or weaknesses', () => {
    expect(scoreAmstar2(answers())).toEqual(complete('high'));
  });

  it('[A2-overall] zero non-critical weaknesses (only Partial Yes and no-ma answers) → High', () => {
    expect(scoreAmstar2(answers({ q8: 'partial-yes', q12: 'no-ma' }))).toEqual(complete('high'));
  });

  it('[A2-overall] exactly one non-critical weakness → High', () => {
    expect(scoreAmstar2(noOn('q5'))).toEqual(complete('high', [], ['5']));
  });

  it('[A2-overall] two non-critical weaknesses → Moderate', () => {
    expect(scoreAmstar2(noOn('q5', 'q16'))).toEqual(complete('moderate', [], ['5', '16']));
  });

  it('[A2-overall] every non-critical item No, no critical flaw → still Moderate', () => {
    expect(scoreAmstar2(noOn(...NON_CRITICAL))).toEqual(
      complete('moderate', [], ['1', '3', '5', '6', '8', '10', '12', '14', '16']),
    );
  });

  it('[A2-overall] exactly one critical flaw → Low', () => {
    expect(scoreAmstar2(noOn('q7'))).toEqual(complete('low', ['7']));
  });

  it('[A2-overall] one critical flaw and many non-critical weaknesses → Low, not lower', () => {
    expect(scoreAmstar2(noOn('q13', ...NON_CRITICAL))).toMatchObject({
      rating: 'low',
      criticalFlaws: ['13'],
    });
  });

  it('[A2-overall] two critical flaws → Critically low', () => {
    expect(scoreAmstar2(noOn('q2', 'q15'))).toEqual(complete('critically-low', ['2', '15']));
  });

  it('[A2-overall] every critical item No → Critically low, each item listed once', () => {
    expect(scoreAmstar2(noOn(...CRITICAL))).toEqual(
      complete('critically-low', ['2', '4', '7', '9', '11', '13', '15']),
    );
  });

  it.each([
    [0, 0, 'high'],
    [0, 1, 'high'],
    [0, 2, 'moderate'],
    [0, 9, 'moderate'],
    [1, 0, 'low'],
    [1, 9, 'low'],
    [2, 0, 'critically-low'],
    [7, 9, 'critically-low'],
  ] as const)('[A2-overall] %i critical flaws, %i weaknesses → %s', (flaws, weaknesses, rating) => {
    expect(amstar2Rating(flaws, weaknesses)).toBe(rating);
  });
});

describe('[A2-items] critical and non-critical items', () => {
  it.each(CRITICAL)('[A2-items] %s No alone is a critical flaw → Low', (id) => {
    const number = id.replace(/^q(\d+)[ab]?$/, '$1');
    expect(scoreAmstar2(noOn(id))).toEqual(complete('low', [number]));
  });

  it.each(NON_CRITICAL)('[A2-items] %s No alone is a non-critical weakness → High', (id) => {
    expect(scoreAmstar2(noOn(id))).toEqual(complete('high', [], [id.slice(1)]));
  });
});

describe('[A2-weakness] only "No" is a weakness', () => {
  it('[A2-weakness] Partial Yes on every item that offers it is not a weakness', () => {
    const partial = answers({
      q2: 'partial-yes',
      q4: 'partial-yes',
      q7: 'partial-yes',
      q8: 'partial-yes',
      q9a: 'partial-yes',
      q9b: 'partial-yes',
    });
    expect(scoreAmstar2(partial)).toEqual(complete('high'));
  });

  it("[A2-weakness] 'no-ma' (No meta-analysis conducted) is not a weakness", () => {
    const noMa = answers({ q11a: 'no-ma', q11b: 'no-ma', q12: 'no-ma', q15: 'no-ma' });
    expect(scoreAmstar2(noMa)).toEqual(complete('high'));
  });

  it('[A2-weakness] "includes only the other design" is not a weakness', () => {
    expect(scoreAmstar2(answers({ q9a: 'only-other-design' }))).toEqual(complete('high'));
    expect(scoreAmstar2(answers({ q9b: 'only-other-design' }))).toEqual(complete('high'));
  });
});

describe('[A2-combine] items 9 and 11 combine their parts', () => {
  it('[A2-combine] 9a No + 9b Yes → 9 is No, a critical flaw → Low', () => {
    expect(scoreAmstar2(answers({ q9a: 'no', q9b: 'yes' }))).toEqual(complete('low', ['9']));
  });

  it('[A2-combine] 9a Yes + 9b No → 9 is No', () => {
    expect(scoreAmstar2(answers({ q9a: 'yes', q9b: 'no' }))).toEqual(complete('low', ['9']));
  });

  it('[A2-combine] both parts No count as one flaw: Low, not Critically low', () => {
    expect(scoreAmstar2(noOn('q9a', 'q9b'))).toEqual(complete('low', ['9']));
    expect(scoreAmstar2(noOn('q11a', 'q11b'))).toEqual(complete('low', ['11']));
  });

  it('[A2-combine] a part that does not apply does not hide the other part’s No', () => {
    expect(scoreAmstar2(answers({ q9a: 'only-other-design', q9b: 'no' }))).toEqual(
      complete('low', ['9']),
    );
    expect(scoreAmstar2(answers({ q11a: 'no', q11b: 'no-ma' }))).toEqual(complete('low', ['11']));
  });

  it('[A2-combine] 9 No and 11 No are two critical flaws → Critically low', () => {
    expect(scoreAmstar2(noOn('q9b', 'q11a'))).toEqual(complete('critically-low', ['9', '11']));
  });

  it('[A2-combine] combineAmstar2Parts: No if either part is No, otherwise the answered part', () => {
    const cases: [Amstar2Value, Amstar2Value, Amstar2Value][] = [
      ['no', 'yes', 'no'],
      ['yes', 'no', 'no'],
      ['no', 'only-other-design', 'no'],
      ['no-ma', 'no', 'no'],
      ['yes', 'only-other-design', 'yes'],
      ['only-other-design', 'partial-yes', 'partial-yes'],
      ['no-ma', 'yes', 'yes'],
      ['yes', 'no-ma', 'yes'],
      ['no-ma', 'no-ma', 'no-ma'],
      // Both parts apply: the weaker judgement, so the item never reads better than a part.
      ['yes', 'partial-yes', 'partial-yes'],
      ['partial-yes', 'yes', 'partial-yes'],
      ['yes', 'yes', 'yes'],
    ];
    for (const [a, b, expected] of cases)
      expect(combineAmstar2Parts(a, b), `${a}+${b}`).toBe(expected);
  });

  it('[A2-combine] for every pair item 9 or 11 can hold: symmetric, and No exactly when a part is No', () => {
    for (const id of ['q9a', 'q11a'] as const) {
      const values = items.find((i) => i.id === id)?.options.map((o) => o.value) ?? [];
      expect(values.length).toBeGreaterThan(0);
      for (const a of values) {
        for (const b of values) {
          expect(combineAmstar2Parts(a, b), `${a}+${b}`).toBe(combineAmstar2Parts(b, a));
          expect(combineAmstar2Parts(a, b) === 'no').toBe(a === 'no' || b === 'no');
        }
      }
    }
  });
});

describe('[A2-incomplete] a missing answer gives no score', () => {
  it('[A2-incomplete] one missing item → incomplete, listing it', () => {
    const { q3: _omit, ...rest } = answers();
    expect(scoreAmstar2(rest)).toEqual({ status: 'incomplete', missing: ['3'] });
  });

  it('[A2-incomplete] no answers → every item and part is missing', () => {
    expect(scoreAmstar2({})).toEqual({
      status: 'incomplete',
      missing: items.map((i) => i.number),
    });
  });

  it('[A2-incomplete] both parts of 9 and 11 are required: a blank part is missing', () => {
    const { q9b: _9b, q11a: _11a, ...rest } = answers({ q9a: 'only-other-design' });
    expect(scoreAmstar2(rest)).toEqual({ status: 'incomplete', missing: ['9b', '11a'] });
  });

  it('[A2-incomplete] no guessed rating, even when the answers given already decide it', () => {
    const { q16: _omit, ...rest } = noOn('q2', 'q4');
    expect(scoreAmstar2(rest)).toEqual({ status: 'incomplete', missing: ['16'] });
  });

  it('[A2-incomplete] a value the item does not offer counts as missing', () => {
    // E.g. written by another definition version; the types forbid it, stored documents may not.
    const stale = { ...answers(), q1: 'partial-yes', q11a: 'only-other-design' };
    expect(scoreAmstar2(stale as unknown as Amstar2Answers)).toEqual({
      status: 'incomplete',
      missing: ['1', '11a'],
    });
  });
});

describe('ratingLabel', () => {
  it('labels every rating as shown to users', () => {
    expect(amstar2RatingSchema.options.map(ratingLabel)).toEqual([
      'High',
      'Moderate',
      'Low',
      'Critically low',
    ]);
  });
});

/** mulberry32: a tiny seeded PRNG, so failures reproduce from the printed seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCompleteAnswers(random: () => number): Amstar2Answers {
  const entries = items.map((item) => {
    const option = item.options[Math.floor(random() * item.options.length)];
    if (!option) throw new Error('unreachable: random() < 1');
    return [item.id, option.value];
  });
  return amstar2AnswersSchema.parse(Object.fromEntries(entries));
}

const RANK: Record<Amstar2Rating, number> = Object.fromEntries(
  amstar2RatingSchema.options.map((r, i) => [r, i]),
) as Record<Amstar2Rating, number>;

function rankOf(score: Amstar2Score): number {
  if (score.status !== 'complete')
    throw new Error(`expected a complete score, got ${score.missing}`);
  return RANK[score.rating];
}

describe('[A2-overall] properties over random complete answer sets', () => {
  const RUNS = 500;

  it('[A2-overall] changing any single answer to No never improves the rating', () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const base = randomCompleteAnswers(seededRandom(seed));
      const before = rankOf(scoreAmstar2(base));
      for (const item of items) {
        const after = rankOf(scoreAmstar2({ ...base, [item.id]: 'no' }));
        expect(after, `seed ${seed}, ${item.id} → no`).toBeGreaterThanOrEqual(before);
      }
    }
  });

  it('[A2-overall] the rating follows the counts of distinct critical and non-critical No items', () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const base = randomCompleteAnswers(seededRandom(seed));
      const isNo = (...ids: Amstar2ItemId[]) => ids.some((id) => base[id] === 'no');
      const critical = [
        ['q2'],
        ['q4'],
        ['q7'],
        ['q9a', 'q9b'],
        ['q11a', 'q11b'],
        ['q13'],
        ['q15'],
      ].filter((ids) => isNo(...(ids as Amstar2ItemId[]))).length;
      const weaknesses = NON_CRITICAL.filter((id) => isNo(id)).length;
      const score = scoreAmstar2(base);
      expect(score, `seed ${seed}`).toMatchObject({
        status: 'complete',
        rating: amstar2Rating(critical, weaknesses),
      });
    }
  });

  it('[A2-incomplete] removing any answers gives incomplete, listing exactly the removed items', () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const random = seededRandom(seed);
      const base: Partial<Record<string, string>> = { ...randomCompleteAnswers(random) };
      const removed = items.filter(() => random() < 0.2);
      if (removed.length === 0) continue;
      for (const item of removed) delete base[item.id];
      expect(scoreAmstar2(base as Amstar2Answers), `seed ${seed}`).toEqual({
        status: 'incomplete',
        missing: removed.map((i) => i.number),
      });
    }
  });
});
