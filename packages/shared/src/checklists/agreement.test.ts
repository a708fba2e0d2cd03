import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checklistAgreement, projectAgreement, reviewerPairs } from './agreement.ts';
import { compareAnswers } from './reconcile.ts';
import { checklistDefinition } from './registry.ts';
import type { ResultChecklist } from './results.ts';
import {
  checklistItems,
  isAnswerable,
  reachedItemIds,
  type ChecklistAnswers,
  type ChecklistType,
} from './types.ts';
import { checklistVerdict } from './verdict.ts';
import { ROB2_ALL_LOW, ROB2_HIGH, ROBINS_I_ALL_LOW } from '../testing.ts';

/** Domain 1 Some concerns (1.3: baseline imbalance), every other domain Low. */
const ROB2_SOME_CONCERNS = { ...ROB2_ALL_LOW, d1_3: 'Y' };

/**
 * ROB2_ALL_LOW with "Not applicable" on every question its answers do not ask: 2.3–2.5 (2.1 and 2.2
 * N), 2.7 (2.6 Y), 3.2–3.4 (3.1 Y), 4.4–4.5 (4.3 N).
 */
const ROB2_ALL_LOW_WITH_NA = {
  ...ROB2_ALL_LOW,
  d2a_3: 'NA',
  d2a_4: 'NA',
  d2a_5: 'NA',
  d2a_7: 'NA',
  d3_2: 'NA',
  d3_3: 'NA',
  d3_4: 'NA',
  d4_4: 'NA',
  d4_5: 'NA',
};

describe('[AGR-C] agreement of one reconciliation', () => {
  it('[AGR-C1] "Not applicable" against a question the other reviewer left unreached is not a disagreement', () => {
    const c = compareAnswers('ROB2', ROB2_ALL_LOW_WITH_NA, ROB2_ALL_LOW);
    expect([c.agreements, c.disagreements, c.agreementRate]).toEqual([15, 0, 1]);
    expect(c.pending).toEqual([]);
    expect(checklistAgreement(c)).toEqual({
      items: { compared: 15, agreements: 15, percent: 1 },
      answeredByOne: 0,
      reachedByOne: 0,
      domains: { compared: 5, agreements: 5, percent: 1 },
      overall: 'same',
    });
  });

  it('[AGR-C2] a question only one reviewer’s answers ask follows from the earlier difference and is not counted again', () => {
    // Ada: participants aware (2.1 Y), so 2.3 is asked and answered; Bo: not aware, 2.3 not asked.
    const ada = { ...ROB2_ALL_LOW, d2a_1: 'Y', d2a_3: 'N' };
    const c = compareAnswers('ROB2', ada, ROB2_ALL_LOW);
    const statuses = c.items.filter((i) => i.status !== 'agree').map((i) => [i.number, i.status]);
    expect(statuses).toEqual([
      ['2.1', 'disagree'],
      ['2.3', 'reached-by-one'],
    ]);
    expect(c.pending).toEqual(['d2a_1', 'd2a_3']);
    const a = checklistAgreement(c);
    expect([a.items, a.reachedByOne]).toEqual([
      { compared: 15, agreements: 14, percent: 14 / 15 },
      1,
    ]);
  });

  it('[AGR-C3] a question both are asked and one left blank is left to the reconciler, not counted', () => {
    const { d1_1: _, ...bo } = ROB2_ALL_LOW;
    const c = compareAnswers('ROB2', ROB2_ALL_LOW, bo);
    expect(c.items.find((i) => i.itemId === 'd1_1')).toMatchObject({
      first: 'Y',
      second: undefined,
      status: 'answered-by-one',
    });
    expect(c.pending).toEqual(['d1_1']);
    expect(c.merged).not.toHaveProperty('d1_1');
    const a = checklistAgreement(c);
    // Bo's domain 1 needs 1.1, so it has no judgement: 4 domains are compared, no overall.
    expect([a.items.compared, a.answeredByOne, a.domains.compared, a.overall]).toEqual([
      14,
      1,
      4,
      'not-both-judged',
    ]);
  });

  it('[AGR-C4] an answer left on a question no longer asked is not the reviewer’s answer', () => {
    // Ada answered 2.3 "Y" while 2.1 was "Y", then changed 2.1 to "N": 2.3 is not asked any more.
    const ada = { ...ROB2_ALL_LOW, d2a_3: 'Y' };
    const c = compareAnswers('ROB2', ada, { ...ROB2_ALL_LOW, d2a_3: 'N' });
    expect(c.items.some((i) => i.itemId === 'd2a_3')).toBe(false);
    expect(c.disagreements).toBe(0);
  });

  it('[AGR-C5] domain judgements: same in 4 of 5, overall different', () => {
    const a = checklistAgreement(compareAnswers('ROB2', ROB2_ALL_LOW, ROB2_HIGH));
    expect([a.domains, a.overall]).toEqual([
      { compared: 5, agreements: 4, percent: 0.8 },
      'different',
    ]);
  });
});

let nextId = 0;
const checklist = (
  over: Partial<ResultChecklist> & { answers: ChecklistAnswers },
): ResultChecklist => ({
  id: `c${nextId++}`,
  type: 'ROB2',
  studyId: 's1',
  outcomeId: 'o1',
  reviewerId: 'ada',
  status: 'reviewer-completed',
  completedAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

const REVIEWERS = ['ada', 'bo'] as const;

describe('[AGR-PAIR] which checklists are compared', () => {
  it('[AGR-PAIR1] both assigned reviewers’ completed checklists of one appraisal, reviewer 1 first', () => {
    const list = [
      checklist({ studyId: 's1', reviewerId: 'bo', answers: ROB2_HIGH }),
      checklist({ studyId: 's1', reviewerId: 'ada', answers: ROB2_ALL_LOW }),
      // The reconciled checklist, someone no longer assigned, and a second outcome.
      checklist({ studyId: 's1', reviewerId: null, status: 'finalized', answers: ROB2_HIGH }),
      checklist({ studyId: 's1', reviewerId: 'cy', answers: ROB2_HIGH }),
      checklist({ studyId: 's1', outcomeId: 'o2', reviewerId: 'ada', answers: ROB2_HIGH }),
      checklist({ studyId: 's1', outcomeId: 'o2', reviewerId: 'bo', answers: ROB2_HIGH }),
    ];
    const pairs = reviewerPairs(list, () => REVIEWERS);
    expect(pairs.map((p) => [p.first.id, p.second.id])).toEqual([
      [list[1]!.id, list[0]!.id],
      [list[4]!.id, list[5]!.id],
    ]);
  });

  it('[AGR-PAIR2] not yet: one reviewer still working, a single reviewer, a removed study', () => {
    const list = [
      checklist({ studyId: 's1', reviewerId: 'ada', answers: ROB2_HIGH }),
      checklist({ studyId: 's1', reviewerId: 'bo', status: 'in-progress', answers: ROB2_HIGH }),
      checklist({ studyId: 's2', reviewerId: 'ada', status: 'finalized', answers: ROB2_HIGH }),
      checklist({ studyId: 's3', reviewerId: 'ada', answers: ROB2_HIGH }),
      checklist({ studyId: 's3', reviewerId: 'bo', answers: ROB2_HIGH }),
    ];
    const reviewersOf = (studyId: string) =>
      ({ s1: REVIEWERS, s2: ['ada', null] as const })[studyId];
    expect(reviewerPairs(list, reviewersOf)).toEqual([]);
  });
});

/** Six RoB 2 appraisals whose judgements differ only in domain 1 (and so overall). */
const SIX_TRIALS: [ChecklistAnswers, ChecklistAnswers][] = [
  [ROB2_ALL_LOW, ROB2_ALL_LOW],
  [ROB2_ALL_LOW, ROB2_ALL_LOW],
  [ROB2_SOME_CONCERNS, ROB2_SOME_CONCERNS],
  [ROB2_HIGH, ROB2_HIGH],
  [ROB2_ALL_LOW, ROB2_SOME_CONCERNS],
  [ROB2_SOME_CONCERNS, ROB2_HIGH],
];

const pairsOf = (answers: [ChecklistAnswers, ChecklistAnswers][], type = 'ROB2' as const) =>
  answers.map(([a, b], i) => ({
    first: checklist({ type, studyId: `s${i}`, reviewerId: 'ada', answers: a }),
    second: checklist({ type, studyId: `s${i}`, reviewerId: 'bo', answers: b }),
  }));

describe('[AGR-PROJ] agreement across a project', () => {
  it('[AGR-PROJ1] RoB 2 per domain and overall: percent, κ, linearly weighted κ', () => {
    // Domain 1 / overall, reviewer × reviewer (Low, Some concerns, High):
    //   Ada L L SC H L SC;  Bo L L SC H SC H.  pₒ = 4/6; marginals Ada (3, 2, 1), Bo (2, 2, 2):
    //   pₑ = (3·2 + 2·2 + 1·2)/36 = 1/3, κ = (2/3 − 1/3)/(2/3) = 0.5.
    //   Linear weights 1, ½, 0: pₒ = (4 + ½ + ½)/6 = 5/6; pₑ = (3·3 + 2·4 + 1·3)/36 = 5/9,
    //   κw = (5/6 − 5/9)/(4/9) = 0.625.
    const [tool] = projectAgreement(pairsOf(SIX_TRIALS));
    expect(tool!.type).toBe('ROB2');
    expect(tool!.appraisals).toBe(6);
    const row = (key: string) => tool!.rows.find((r) => r.key === key)!;
    expect(tool!.rows.map((r) => r.key)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'overall']);
    for (const key of ['D1', 'overall']) {
      const { stats } = row(key);
      expect([stats.n, stats.agreements]).toEqual([6, 4]);
      expect(stats.kappa.defined && stats.kappa.value).toBeCloseTo(0.5, 12);
      expect(stats.weightedKappa?.defined && stats.weightedKappa.value).toBeCloseTo(0.625, 12);
    }
    // Everyone judged domains 2–5 Low: 100 % agreement, κ undefined.
    expect(row('D2').stats).toMatchObject({
      n: 6,
      percent: 1,
      kappa: { defined: false, reason: 'one-category' },
    });
    // Signalling questions: 1.3 differs in pairs 5 and 6, 1.2 in pair 6: 90 − 3 of 90.
    expect(tool!.items).toEqual({ compared: 90, agreements: 87, percent: 87 / 90 });
  });

  it('[AGR-PROJ2] AMSTAR 2: one unordered row per item, the rating overall and ordered', () => {
    // Every item Yes; reviews of randomised trials only (9b), with a meta-analysis of them (11b).
    const yes = {
      ...Object.fromEntries(
        ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9a', 'q10', 'q11a', 'q12', 'q13']
          .concat(['q14', 'q15', 'q16'])
          .map((id) => [id, 'yes']),
      ),
      q9b: 'only-other-design',
      q11b: 'no-ma',
    };
    const [tool] = projectAgreement(
      pairsOf(
        [
          [yes, yes],
          [yes, { ...yes, q2: 'no' }],
        ],
        'AMSTAR2' as 'ROB2',
      ).map((p) => ({
        first: { ...p.first, type: 'AMSTAR2' as const, outcomeId: null },
        second: { ...p.second, type: 'AMSTAR2' as const, outcomeId: null },
      })),
    );
    expect(tool!.type).toBe('AMSTAR2');
    const q2 = tool!.rows.find((r) => r.key === 'q2')!;
    expect([q2.label, q2.ordinal, q2.stats.n, q2.stats.agreements, q2.stats.weightedKappa]).toEqual(
      ['Item 2', false, 2, 1, null],
    );
    // Item 2 is critical: "No" makes the second review's confidence Low. High/High, High/Low:
    // pₒ = ½ = pₑ, so κ = 0; with linear weights High–Low is ⅓ agreement and κw = 0 too.
    const overall = tool!.rows.at(-1)!;
    expect([overall.key, overall.ordinal, overall.stats.n, overall.stats.agreements]).toEqual([
      'overall',
      true,
      2,
      1,
    ]);
    expect(overall.stats.kappa.defined && overall.stats.kappa.value).toBeCloseTo(0, 12);
    expect(tool!.rows.map((r) => r.key)).toHaveLength(18 + 1);
  });

  it('[AGR-PROJ3] ROBINS-I domains; tools without a pair are left out', () => {
    const tools = projectAgreement(
      pairsOf([[ROBINS_I_ALL_LOW, ROBINS_I_ALL_LOW]]).map((p) => ({
        first: { ...p.first, type: 'ROBINS_I' as const },
        second: { ...p.second, type: 'ROBINS_I' as const },
      })),
    );
    expect(tools.map((t) => t.type)).toEqual(['ROBINS_I']);
    expect(tools[0]!.rows.map((r) => r.key)).toEqual([
      'D1',
      'D2',
      'D3',
      'D4',
      'D5',
      'D6',
      'overall',
    ]);
  });
});

/** Random answers to a definition's answerable items, each left blank a third of the time. */
function answersArbitrary(type: ChecklistType) {
  const items = checklistItems(checklistDefinition(type)).filter(isAnswerable);
  return fc
    .tuple(
      ...items.map((item) =>
        fc.option(fc.constantFrom(...item.options.map((o) => o.value)), { freq: 2 }),
      ),
    )
    .map((values) => {
      const answers: Record<string, string> = {};
      values.forEach((v, i) => {
        if (v !== null) answers[items[i]!.id] = v;
      });
      return answers;
    });
}

describe('[AGR-R] ignoring questions not asked is safe', () => {
  it.each(['ROB2', 'ROBINS_I', 'AMSTAR2'] as const)(
    '[AGR-R1] %s: answers to questions the answers do not ask never change a judgement',
    (type) => {
      // The comparison ignores such answers; that is only right if the scoring ignores them too.
      const definition = checklistDefinition(type);
      const seed = { ROB2: ROB2_ALL_LOW, ROBINS_I: ROBINS_I_ALL_LOW, AMSTAR2: {} }[type];
      fc.assert(
        fc.property(answersArbitrary(type), fc.boolean(), (random, onSeed) => {
          const answers = onSeed ? { ...random, ...seed } : random;
          const asked = reachedItemIds(definition, answers);
          const onlyAsked = Object.fromEntries(
            Object.entries(answers).filter(([id]) => asked.has(id)),
          );
          const full = checklistVerdict(type, answers);
          const trimmed = checklistVerdict(type, onlyAsked);
          expect(trimmed.domains).toEqual(full.domains);
          expect(trimmed.status === 'complete' && trimmed.overall).toEqual(
            full.status === 'complete' && full.overall,
          );
        }),
        { numRuns: 200 },
      );
    },
  );
});
