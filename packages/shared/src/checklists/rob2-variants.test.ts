import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROB2_CLUSTER_RELEASE,
  ROB2_CROSSOVER_RELEASE,
  rob2AnswersSchema,
  rob2Definition,
  type Rob2Answers,
} from './rob2.ts';
import { rob2DomainJudgement, scoreRob2, type Rob2Judgement } from './rob2-scoring.ts';
import { ROB2_PARALLEL_V1_CASES } from './rob2-parallel-v1.golden.ts';
import { checklistVerdict } from './verdict.ts';
import {
  activeSections,
  checklistItems,
  reachedItemIds,
  toolRelease,
  type ChecklistAnswers,
  type ChecklistDefinition,
} from './types.ts';
import { ROB2_ALL_LOW, ROB2_CLUSTER_ALL_LOW, ROB2_CROSSOVER_ALL_LOW } from '../testing.ts';

/**
 * RoB 2's variants for cluster-randomised trials (RoB 2 CRT, 18 March 2021: [RoB2-C-…]) and
 * cross-over trials (18 March 2021: [RoB2-X-…]), the questions each reaches ([RoB2-R-…]), and
 * individually-randomised parallel trials scored as under definition version 1 ([RoB2-P-v1]).
 * The facts file gives these rules no tags of their own, so they are named here.
 */

/** Answers to one domain's questions by number: `judge('d1b', { '1b.1': 'N' })`. */
function judge(domain: string, byNumber: Record<string, string>) {
  const answers = Object.fromEntries(
    Object.entries(byNumber).map(([n, v]) => [`${domain}_${n.split('.')[1]}`, v]),
  ) as Rob2Answers;
  return rob2DomainJudgement(domain, answers);
}

const judged = (judgement: Rob2Judgement) => ({ status: 'judged', judgement });
const missing = (...numbers: string[]) => ({ status: 'incomplete', missing: numbers });
const YES = ['Y', 'PY'];
const NO = ['N', 'PN'];
const NO_NI = ['N', 'PN', 'NI'];
const YES_NI = ['Y', 'PY', 'NI'];
const ALL = ['Y', 'PY', 'PN', 'N', 'NI'];
const pairs = (a: string[], b: string[]) => a.flatMap((x) => b.map((y) => [x, y]));

const domains = (answers: Rob2Answers) =>
  activeSections(rob2Definition, answers)
    .filter((s) => s.kind === 'domain')
    .map((s) => s.id);

describe('[RoB2-V] the study design picks the variant', () => {
  it('[RoB2-V-domains] parallel: 1–5; cluster: 1a, 1b, 2–5 with cluster questions; cross-over: 1, S, 2–5', () => {
    const of = (p_design: string, p_effect: string) =>
      domains({ p_design, p_effect } as Rob2Answers).join(' ');
    expect(of('parallel', 'assignment')).toBe('d1 d2a d3 d4 d5');
    expect(of('parallel', 'adhering')).toBe('d1 d2b d3 d4 d5');
    expect(of('cluster', 'assignment')).toBe('d1a d1b d2ac d3c d4c d5');
    // RoB 2 CRT's domain 2 for the effect of adhering is as for individually-randomised trials.
    expect(of('cluster', 'adhering')).toBe('d1a d1b d2b d3c d4c d5');
    expect(of('crossover', 'assignment')).toBe('d1 ds d2a d3 d4 d5');
    expect(of('crossover', 'adhering')).toBe('d1 ds d2b d3 d4 d5');
  });

  it('[RoB2-V-design] no domain is assessed before the study design is chosen', () => {
    expect(domains({ p_effect: 'assignment' })).toEqual([]);
    expect(scoreRob2({ p_effect: 'assignment' })).toEqual({
      status: 'incomplete',
      missing: ['Design'],
      domains: [],
    });
  });

  it('[RoB2-V-counts] signalling questions: 1a 3, 1b 3, 2 (assignment) 8, 3 5, 4 6 (cluster); S 3 (cross-over)', () => {
    const count = (id: string) =>
      rob2Definition.sections.find((s) => s.id === id)!.items.filter((i) => !('kind' in i)).length;
    expect(['d1a', 'd1b', 'd2ac', 'd3c', 'd4c', 'ds'].map(count)).toEqual([3, 3, 8, 5, 6, 3]);
    const numbers = (id: string) =>
      rob2Definition.sections
        .find((s) => s.id === id)!
        .items.filter((i) => !('kind' in i))
        .map((i) => i.number);
    expect(numbers('d1b')).toEqual(['1b.1', '1b.2', '1b.3']);
    expect(numbers('d2ac')).toEqual(['2.1a', '2.1b', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7']);
    expect(numbers('d3c')).toEqual(['3.1a', '3.1b', '3.2', '3.3', '3.4']);
    expect(numbers('d4c')).toEqual(['4.1', '4.2', '4.3a', '4.3b', '4.4', '4.5']);
    expect(numbers('ds')).toEqual(['S.1', 'S.2', 'S.3']);
  });

  it('[RoB2-V-NA] NA only on the conditional questions: 1b.2, 2.1b, 3.2, S.2 …, not 1b.1 or S.3', () => {
    expect(
      rob2AnswersSchema.safeParse({ d1b_2: 'NA', d2ac_1b: 'NA', d3c_2: 'NA', ds_2: 'NA' }).success,
    ).toBe(true);
    expect(rob2AnswersSchema.safeParse({ d1b_1: 'NA' }).success).toBe(false);
    expect(rob2AnswersSchema.safeParse({ ds_3: 'NA' }).success).toBe(false);
    // 3.2 offers no "No information", in the cluster variant as in the parallel tool.
    expect(rob2AnswersSchema.safeParse({ d3c_2: 'NI' }).success).toBe(false);
  });

  it('[RoB2-V-release] each variant names the document its judgements follow', () => {
    expect(toolRelease(rob2Definition, { p_design: 'cluster' })).toBe(ROB2_CLUSTER_RELEASE);
    expect(ROB2_CLUSTER_RELEASE).toBe(
      'RoB 2 for cluster-randomized trials (version of 18 March 2021, riskofbias.info)',
    );
    expect(toolRelease(rob2Definition, { p_design: 'crossover' })).toBe(ROB2_CROSSOVER_RELEASE);
    expect(toolRelease(rob2Definition, { p_design: 'parallel' })).toBeUndefined();
    expect(toolRelease(rob2Definition, {})).toBeUndefined();
  });

  it('[RoB2-V-version] the definition is version 2: the design now selects domains', () => {
    expect(rob2Definition.version).toBe(2);
  });
});

describe('[RoB2-C-1a] cluster domain 1a: domain 1’s algorithm for clusters', () => {
  it.each(pairs(ALL, ALL))('[RoB2-C-1a] 1a.1 %s, 1a.2 %s: as 1.1/1.2 for every 1a.3', (a1, a2) => {
    for (const a3 of ALL)
      expect(judge('d1a', { '1a.1': a1, '1a.2': a2, '1a.3': a3 })).toEqual(
        judge('d1', { '1.1': a1, '1.2': a2, '1.3': a3 }),
      );
  });
  it('[RoB2-C-1a] concealed, random, no baseline problem → Low; not concealed → High', () => {
    expect(judge('d1a', { '1a.1': 'Y', '1a.2': 'Y', '1a.3': 'N' })).toEqual(judged('low'));
    expect(judge('d1a', { '1a.2': 'N' })).toEqual(judged('high'));
  });
});

describe('[RoB2-C-1b] cluster domain 1b: timing of identification or recruitment', () => {
  it.each(YES)('[RoB2-C-1b-1] 1b.1 %s (all identified before randomisation) → Low', (a1) => {
    expect(judge('d1b', { '1b.1': a1 })).toEqual(judged('low'));
    expect(judge('d1b', { '1b.1': a1, '1b.3': 'Y' })).toEqual(judged('low'));
  });
  it.each(pairs(NO_NI, YES))(
    '[RoB2-C-1b-2] 1b.1 %s, 1b.2 %s (selection affected) → High',
    (a1, a2) => {
      expect(judge('d1b', { '1b.1': a1, '1b.2': a2 })).toEqual(judged('high'));
    },
  );
  it.each(pairs(NO_NI, NO))(
    '[RoB2-C-1b-3] 1b.1 %s, 1b.2 %s: 1b.3 Y/PY → Some concerns, N/PN/NI → Low',
    (a1, a2) => {
      for (const a3 of YES)
        expect(judge('d1b', { '1b.1': a1, '1b.2': a2, '1b.3': a3 })).toEqual(
          judged('some-concerns'),
        );
      for (const a3 of NO_NI)
        expect(judge('d1b', { '1b.1': a1, '1b.2': a2, '1b.3': a3 })).toEqual(judged('low'));
    },
  );
  it.each(NO_NI)(
    '[RoB2-C-1b-4] 1b.1 %s, 1b.2 NI: 1b.3 Y/PY → High, N/PN/NI → Some concerns',
    (a1) => {
      for (const a3 of YES)
        expect(judge('d1b', { '1b.1': a1, '1b.2': 'NI', '1b.3': a3 })).toEqual(judged('high'));
      for (const a3 of NO_NI)
        expect(judge('d1b', { '1b.1': a1, '1b.2': 'NI', '1b.3': a3 })).toEqual(
          judged('some-concerns'),
        );
    },
  );
  it('[RoB2-C-1b-path] 1b.2 is needed after 1b.1 N/PN/NI, and NA there is no answer', () => {
    expect(judge('d1b', { '1b.1': 'N', '1b.3': 'N' })).toEqual(missing('1b.2'));
    expect(judge('d1b', { '1b.1': 'N', '1b.2': 'NA', '1b.3': 'N' })).toEqual(missing('1b.2'));
    expect(judge('d1b', { '1b.1': 'NI', '1b.2': 'N' })).toEqual(missing('1b.3'));
  });
});

describe('[RoB2-C-2] cluster domain 2, effect of assignment', () => {
  const lowAnalysis = { '2.6': 'Y' };
  it.each(NO)(
    '[RoB2-C-2-unaware] 2.1a %s (not aware of being in a trial): 2.1b is not needed; 2.2 N/PN → Low',
    (a1a) => {
      expect(judge('d2ac', { '2.1a': a1a, '2.2': 'N', ...lowAnalysis })).toEqual(judged('low'));
      // Knowing their intervention does not matter when they did not know of the trial.
      expect(judge('d2ac', { '2.1a': a1a, '2.1b': 'Y', '2.2': 'PN', ...lowAnalysis })).toEqual(
        judged('low'),
      );
    },
  );
  it.each(YES_NI)(
    '[RoB2-C-2-aware] 2.1a %s: 2.1b and 2.2 both N/PN → Low, else the 2.3 chain',
    (a1a) => {
      expect(judge('d2ac', { '2.1a': a1a, '2.1b': 'N', '2.2': 'N', ...lowAnalysis })).toEqual(
        judged('low'),
      );
      expect(judge('d2ac', { '2.1a': a1a, '2.2': 'N', ...lowAnalysis })).toEqual(missing('2.1b'));
      expect(judge('d2ac', { '2.1a': a1a, '2.1b': 'Y', ...lowAnalysis })).toEqual(missing('2.3'));
    },
  );
  it.each(YES_NI)('[RoB2-C-2-carers] 2.1a N, 2.2 %s (carers aware) → the 2.3 chain', (a2) => {
    expect(judge('d2ac', { '2.1a': 'N', '2.2': a2, ...lowAnalysis })).toEqual(missing('2.3'));
  });
  it('[RoB2-C-2-chain] 2.3 N/PN → Low; NI → Some concerns; Y/PY: 2.4 N/PN → Some concerns, else 2.5 Y/PY → Some concerns, N/PN/NI → High', () => {
    const aware = { '2.1a': 'Y', '2.1b': 'Y', ...lowAnalysis };
    for (const a3 of NO) expect(judge('d2ac', { ...aware, '2.3': a3 })).toEqual(judged('low'));
    expect(judge('d2ac', { ...aware, '2.3': 'NI' })).toEqual(judged('some-concerns'));
    for (const a4 of NO)
      expect(judge('d2ac', { ...aware, '2.3': 'Y', '2.4': a4 })).toEqual(judged('some-concerns'));
    for (const [a4, a5] of pairs(YES_NI, YES))
      expect(judge('d2ac', { ...aware, '2.3': 'PY', '2.4': a4!, '2.5': a5! })).toEqual(
        judged('some-concerns'),
      );
    for (const [a4, a5] of pairs(YES_NI, NO_NI))
      expect(judge('d2ac', { ...aware, '2.3': 'PY', '2.4': a4!, '2.5': a5! })).toEqual(
        judged('high'),
      );
  });
  it('[RoB2-C-2-analysis] 2.6 Y/PY → Low; else 2.7 N/PN → Some concerns, Y/PY/NI → High; the worse part wins', () => {
    const unaware = { '2.1a': 'N', '2.2': 'N' };
    for (const a6 of YES) expect(judge('d2ac', { ...unaware, '2.6': a6 })).toEqual(judged('low'));
    for (const [a6, a7] of pairs(NO_NI, NO))
      expect(judge('d2ac', { ...unaware, '2.6': a6!, '2.7': a7! })).toEqual(
        judged('some-concerns'),
      );
    for (const [a6, a7] of pairs(NO_NI, YES_NI))
      expect(judge('d2ac', { ...unaware, '2.6': a6!, '2.7': a7! })).toEqual(judged('high'));
    expect(
      judge('d2ac', { '2.1a': 'Y', '2.1b': 'Y', '2.3': 'NI', '2.6': 'N', '2.7': 'Y' }),
    ).toEqual(judged('high'));
  });
  it('[RoB2-C-2-parallel] with 2.1a Y/PY/NI, 2.1b–2.7 judge as 2.1–2.7 of the parallel domain 2a', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...YES_NI),
        fc.array(fc.option(fc.constantFrom('NA', ...ALL), { nil: undefined }), {
          minLength: 7,
          maxLength: 7,
        }),
        (a1a, rest) => {
          const parallel: Record<string, string> = {};
          const cluster: Record<string, string> = { '2.1a': a1a };
          rest.forEach((value, i) => {
            if (value === undefined) return;
            parallel[`2.${i + 1}`] = value;
            cluster[i === 0 ? '2.1b' : `2.${i + 1}`] = value;
          });
          const p = judge('d2a', parallel);
          const c = judge('d2ac', cluster);
          const rename = (n: string) => (n === '2.1' ? '2.1b' : n);
          expect(c).toEqual(
            p.status === 'judged' ? p : { status: 'incomplete', missing: p.missing.map(rename) },
          );
        },
      ),
    );
  });
});

describe('[RoB2-C-3] cluster domain 3: missing outcome data of clusters and participants', () => {
  it.each(pairs(YES, YES))('[RoB2-C-3-1] 3.1a %s and 3.1b %s → Low', (a, b) => {
    expect(judge('d3c', { '3.1a': a, '3.1b': b })).toEqual(judged('low'));
  });
  it('[RoB2-C-3-2] 3.1a or 3.1b N/PN/NI → 3.2 is needed', () => {
    for (const a of NO_NI) expect(judge('d3c', { '3.1a': a, '3.1b': 'Y' })).toEqual(missing('3.2'));
    for (const b of NO_NI) expect(judge('d3c', { '3.1a': 'Y', '3.1b': b })).toEqual(missing('3.2'));
  });
  it('[RoB2-C-3-3] then as domain 3: 3.2 Y/PY → Low; 3.3 N/PN/NA → Low; 3.4 N/PN/NA → Some concerns, Y/PY/NI → High', () => {
    const some = { '3.1a': 'N', '3.1b': 'Y' };
    for (const a2 of YES) expect(judge('d3c', { ...some, '3.2': a2 })).toEqual(judged('low'));
    for (const a3 of [...NO, 'NA'])
      expect(judge('d3c', { ...some, '3.2': 'N', '3.3': a3 })).toEqual(judged('low'));
    for (const a4 of [...NO, 'NA'])
      expect(judge('d3c', { ...some, '3.2': 'PN', '3.3': 'Y', '3.4': a4 })).toEqual(
        judged('some-concerns'),
      );
    for (const a4 of YES_NI)
      expect(judge('d3c', { ...some, '3.2': 'PN', '3.3': 'NI', '3.4': a4 })).toEqual(
        judged('high'),
      );
  });
});

describe('[RoB2-C-4] cluster domain 4: outcome assessors aware of the trial', () => {
  it('[RoB2-C-4-1] 4.1 Y/PY or 4.2 Y/PY → High', () => {
    for (const a1 of YES) expect(judge('d4c', { '4.1': a1 })).toEqual(judged('high'));
    for (const a2 of YES) expect(judge('d4c', { '4.1': 'N', '4.2': a2 })).toEqual(judged('high'));
  });
  it.each(NO)(
    '[RoB2-C-4-3a] 4.3a %s (assessors unaware of the trial) → Low, Some concerns when 4.2 NI',
    (a) => {
      expect(judge('d4c', { '4.1': 'N', '4.2': 'N', '4.3a': a })).toEqual(judged('low'));
      expect(judge('d4c', { '4.1': 'NI', '4.2': 'NI', '4.3a': a })).toEqual(
        judged('some-concerns'),
      );
    },
  );
  it.each(pairs(YES_NI, NO))(
    '[RoB2-C-4-3b] 4.3a %s, 4.3b %s (unaware of the intervention) → Low, Some concerns when 4.2 NI',
    (a, b) => {
      expect(judge('d4c', { '4.1': 'N', '4.2': 'PN', '4.3a': a, '4.3b': b })).toEqual(
        judged('low'),
      );
      expect(judge('d4c', { '4.1': 'N', '4.2': 'NI', '4.3a': a, '4.3b': b })).toEqual(
        judged('some-concerns'),
      );
    },
  );
  it('[RoB2-C-4-4] 4.3b Y/PY/NI: 4.4 N/PN → Low (or Some concerns); 4.5 N/PN → Some concerns; Y/PY/NI → High', () => {
    const aware = { '4.1': 'N', '4.2': 'N', '4.3a': 'Y', '4.3b': 'NI' };
    for (const a4 of NO) expect(judge('d4c', { ...aware, '4.4': a4 })).toEqual(judged('low'));
    for (const a5 of NO)
      expect(judge('d4c', { ...aware, '4.4': 'Y', '4.5': a5 })).toEqual(judged('some-concerns'));
    for (const a5 of YES_NI)
      expect(judge('d4c', { ...aware, '4.4': 'NI', '4.5': a5 })).toEqual(judged('high'));
    expect(judge('d4c', { ...aware })).toEqual(missing('4.4'));
  });
});

describe('[RoB2-X-S] cross-over domain S: period and carryover effects', () => {
  it.each(pairs(ALL, NO))(
    '[RoB2-X-S-1] S.1 %s, S.3 %s (no time for carryover to go) → High',
    (s1, s3) => {
      expect(judge('ds', { 'S.1': s1, 'S.3': s3 })).toEqual(judged('high'));
    },
  );
  it('[RoB2-X-S-2] S.3 NI → Some concerns, whatever S.1 and S.2', () => {
    expect(judge('ds', { 'S.3': 'NI' })).toEqual(judged('some-concerns'));
  });
  it.each(pairs(YES, YES))('[RoB2-X-S-3] S.1 %s (equal sequences), S.3 %s → Low', (s1, s3) => {
    expect(judge('ds', { 'S.1': s1, 'S.3': s3 })).toEqual(judged('low'));
  });
  it.each(pairs(NO_NI, YES))(
    '[RoB2-X-S-4] S.1 %s, S.3 %s: S.2 Y/PY (period effects analysed) → Low, N/PN/NI → Some concerns',
    (s1, s3) => {
      for (const s2 of YES)
        expect(judge('ds', { 'S.1': s1, 'S.2': s2, 'S.3': s3 })).toEqual(judged('low'));
      for (const s2 of NO_NI)
        expect(judge('ds', { 'S.1': s1, 'S.2': s2, 'S.3': s3 })).toEqual(judged('some-concerns'));
    },
  );
  it('[RoB2-X-S-path] S.2 is needed only after S.1 N/PN/NI, and NA there is no answer', () => {
    expect(judge('ds', { 'S.1': 'PN', 'S.3': 'Y' })).toEqual(missing('S.2'));
    expect(judge('ds', { 'S.1': 'PN', 'S.2': 'NA', 'S.3': 'Y' })).toEqual(missing('S.2'));
    expect(judge('ds', { 'S.1': 'Y' })).toEqual(missing('S.3'));
  });
});

describe('[RoB2-C-overall] [RoB2-X-overall] overall judgement of the variants', () => {
  const overall = (answers: Rob2Answers) => {
    const score = scoreRob2(answers);
    return score.status === 'complete' ? score.overall : score.missing;
  };
  it('[RoB2-C-overall] cluster: the worst of 1a, 1b, 2–5, so domain 1b alone can make it High', () => {
    expect(overall(ROB2_CLUSTER_ALL_LOW)).toBe('low');
    const recruitedAfter = { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N', d1b_2: 'N' } as const;
    expect(overall({ ...recruitedAfter, d1b_3: 'Y' })).toBe('some-concerns');
    expect(overall({ ...recruitedAfter, d1b_2: 'Y' })).toBe('high');
    expect(overall({ ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N' })).toEqual(['1b.2']);
    // The parallel domains' answers do not count for a cluster trial.
    expect(overall({ ...ROB2_ALL_LOW, p_design: 'cluster' })).toEqual([
      '1a.2',
      '1b.1',
      '2.1a',
      '2.6',
      '3.1a',
      '4.1',
    ]);
  });
  it('[RoB2-X-overall] cross-over: the worst of 1, S, 2–5', () => {
    expect(overall(ROB2_CROSSOVER_ALL_LOW)).toBe('low');
    expect(overall({ ...ROB2_CROSSOVER_ALL_LOW, ds_3: 'N' })).toBe('high');
    expect(overall({ ...ROB2_CROSSOVER_ALL_LOW, ds_1: 'N', ds_2: 'N' })).toBe('some-concerns');
    expect(overall({ ...ROB2_ALL_LOW, p_design: 'crossover' })).toEqual(['S.3']);
  });
  it('[RoB2-C-overall] domains of the verdict carry their summary-table columns', () => {
    const verdict = checklistVerdict('ROB2', ROB2_CLUSTER_ALL_LOW);
    expect(verdict.domains.map((d) => `${d.domainId}:${d.column}`)).toEqual([
      'd1a:D1',
      'd1b:D1b',
      'd2ac:D2',
      'd3c:D3',
      'd4c:D4',
      'd5:D5',
    ]);
    expect(checklistVerdict('ROB2', ROB2_CROSSOVER_ALL_LOW).domains.map((d) => d.column)).toEqual([
      'D1',
      'DS',
      'D2',
      'D3',
      'D4',
      'D5',
    ]);
  });
});

describe('[RoB2-R] questions reached', () => {
  const reached = (answers: Rob2Answers) => [...reachedItemIds(rob2Definition, answers)];
  it('[RoB2-R-1] a conditional question is reached only when its printed condition holds', () => {
    expect(reached({ p_design: 'cluster', d1b_1: 'Y' })).not.toContain('d1b_2');
    expect(reached({ p_design: 'cluster', d1b_1: 'NI' })).toContain('d1b_2');
    expect(reached({ p_design: 'cluster', p_effect: 'assignment', d2ac_1a: 'PN' })).not.toContain(
      'd2ac_1b',
    );
    expect(reached({ p_design: 'crossover', ds_1: 'PY' })).not.toContain('ds_2');
    expect(reached({ p_design: 'crossover', ds_1: 'N' })).toContain('ds_2');
    // "If N/PN/NI to 4.1 and 4.2": both must hold.
    expect(reached({ p_design: 'cluster', d4c_1: 'N', d4c_2: 'Y' })).not.toContain('d4c_3a');
    expect(reached({ p_design: 'cluster', d4c_1: 'N', d4c_2: 'NI' })).toContain('d4c_3a');
  });
  it('[RoB2-R-2] an answer left on an unreached question does not open the questions after it', () => {
    const answers = {
      p_design: 'parallel',
      p_effect: 'assignment',
      d2a_1: 'N',
      d2a_2: 'N',
      d2a_3: 'Y',
      d2a_4: 'Y',
    } as const;
    expect(reached(answers)).not.toContain('d2a_3');
    expect(reached(answers)).not.toContain('d2a_4');
    expect(reached(answers)).not.toContain('d2a_5');
    expect(reached({ ...answers, d2a_1: 'Y' })).toEqual(
      expect.arrayContaining(['d2a_3', 'd2a_4', 'd2a_5']),
    );
  });
  it('[RoB2-R-3] a question has a condition as data exactly when the tool prints one (besides “[If applicable]”)', () => {
    for (const item of checklistItems<ChecklistDefinition>(rob2Definition)) {
      const printed = item.askedWhen?.replace('[If applicable:] ', '');
      expect(item.askedIf !== undefined, item.id).toBe(printed?.startsWith('If ') ?? false);
    }
  });

  // Random answers to every RoB 2 question (or none), for every design and effect.
  const answerable = checklistItems<ChecklistDefinition>(rob2Definition).filter(
    (i) => i.kind !== 'text',
  );
  const randomAnswers = fc
    .tuple(...answerable.map((i) => fc.option(fc.constantFrom(...i.options.map((o) => o.value)))))
    .map((values) => {
      const answers: Record<string, string> = {};
      values.forEach((v, n) => {
        if (v !== null) answers[answerable[n]!.id] = v;
      });
      return answers;
    });
  const decisions = (answers: ChecklistAnswers) =>
    activeSections(rob2Definition, answers)
      .filter((s) => s.kind === 'domain')
      .map((s) => [s.id, rob2DomainJudgement(s.id, answers as Rob2Answers)] as const);

  it('[RoB2-R-4] every question a domain algorithm still needs is a reached question', () => {
    fc.assert(
      fc.property(randomAnswers, (answers) => {
        const ids = reachedItemIds(rob2Definition, answers);
        for (const [domainId, decision] of decisions(answers)) {
          if (decision.status === 'judged') continue;
          const section = rob2Definition.sections.find((s) => s.id === domainId)!;
          for (const number of decision.missing) {
            const item = section.items.find((i) => i.number === number)!;
            expect(ids.has(item.id), `${domainId} ${number}`).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('[RoB2-R-5] answers to unreached questions change nothing: not required, not scored, not reaching', () => {
    fc.assert(
      fc.property(randomAnswers, randomAnswers, (answers, other) => {
        const ids = reachedItemIds(rob2Definition, answers);
        // Every unreached question takes the other answer set's value (or none).
        const changed: Record<string, string> = {};
        for (const item of answerable) {
          const value = ids.has(item.id) ? answers[item.id] : other[item.id];
          if (value !== undefined) changed[item.id] = value;
        }
        expect([...reachedItemIds(rob2Definition, changed)]).toEqual([...ids]);
        expect(decisions(changed)).toEqual(decisions(answers));
      }),
      { numRuns: 400 },
    );
  });
});

describe('[RoB2-P-v1] individually-randomised parallel trials score as under version 1', () => {
  const cases = ROB2_PARALLEL_V1_CASES.trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as {
          answers: Record<string, string>;
          status: string;
          overall: string | null;
          missing: string[];
          domains: [string, string | null][];
        },
    );
  it('[RoB2-P-v1] 360 recorded parallel-trial answer sets: same status, overall, missing questions and domain judgements', () => {
    expect(cases).toHaveLength(360);
    // The recorded cases cover every judgement, complete and incomplete.
    expect(new Set(cases.map((c) => c.overall))).toEqual(
      new Set(['low', 'some-concerns', 'high', null]),
    );
    for (const c of cases) {
      const v = checklistVerdict('ROB2', c.answers);
      expect(
        {
          status: v.status,
          overall: v.status === 'complete' ? v.overall.value : null,
          missing: v.status === 'incomplete' ? v.missing : [],
          domains: v.domains.map((d) => [d.domainId, d.judgement?.value ?? null]),
        },
        JSON.stringify(c.answers),
      ).toEqual({ status: c.status, overall: c.overall, missing: c.missing, domains: c.domains });
    }
  });
});
