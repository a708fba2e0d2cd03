import { describe, expect, it } from 'vitest';
import { rob2AnswersSchema, rob2Definition, type Rob2Answers } from './rob2.ts';
import {
  rob2DomainJudgement,
  rob2JudgementLabel,
  scoreRob2,
  type Rob2Judgement,
} from './rob2-scoring.ts';
import { activeSections } from './types.ts';
import { ROB2_ALL_LOW } from '../testing.ts';

function judge(domain: string, byNumber: Record<string, string>) {
  const answers = Object.fromEntries(
    Object.entries(byNumber).map(([n, v]) => [`${domain}_${n.split('.')[1]}`, v]),
  ) as Rob2Answers;
  return rob2DomainJudgement(domain, answers);
}

const judged = (judgement: Rob2Judgement) => ({ status: 'judged', judgement });
const YES = ['Y', 'PY'];
const NO = ['N', 'PN'];

describe('RoB 2 definition', () => {
  it('[R2-counts] domains have 3, 7 (2a), 6 (2b), 4, 5 and 3 signalling questions', () => {
    const counts = Object.fromEntries(
      activeSections(rob2Definition, { p_design: 'parallel', p_effect: 'assignment' })
        .concat(activeSections(rob2Definition, { p_design: 'parallel', p_effect: 'adhering' }))
        .filter((s) => s.kind === 'domain')
        .map((s) => [s.id, s.items.filter((i) => !('kind' in i)).length]),
    );
    expect(counts).toEqual({ d1: 3, d2a: 7, d2b: 6, d3: 4, d4: 5, d5: 3 });
  });
  it('[R2-prelim] preliminary: three study designs, the effect of interest, and sources (text)', () => {
    const [design, effect, sources] = rob2Definition.sections[0].items;
    expect(design.options.map((o) => o.value)).toEqual(['parallel', 'cluster', 'crossover']);
    expect(effect.options.map((o) => o.value)).toEqual(['assignment', 'adhering']);
    expect(sources.kind).toBe('text');
    expect(rob2AnswersSchema.safeParse({ p_sources: 'x' }).success).toBe(false);
  });
  it('[R2-effect] assignment → domain 2a, adhering → domain 2b', () => {
    const ids = (answers: Rob2Answers) => activeSections(rob2Definition, answers).map((s) => s.id);
    const parallel = { p_design: 'parallel' } as const;
    expect(ids({ ...parallel, p_effect: 'assignment' })).toEqual([
      'preliminary',
      'd1',
      'd2a',
      'd3',
      'd4',
      'd5',
    ]);
    expect(ids({ ...parallel, p_effect: 'adhering' })).toEqual([
      'preliminary',
      'd1',
      'd2b',
      'd3',
      'd4',
      'd5',
    ]);
  });
  it('[R2-codes] answers Y/PY/PN/N/NI, and NA only where the tool allows it', () => {
    expect(rob2AnswersSchema.safeParse({ d1_1: 'NI', d2a_3: 'NA' }).success).toBe(true);
    expect(rob2AnswersSchema.safeParse({ d1_1: 'NA' }).success).toBe(false);
    expect(rob2AnswersSchema.safeParse({ d3_2: 'NI' }).success).toBe(false);
  });
});

describe('[R2-D1] domain 1: randomisation process', () => {
  it.each(NO)('[R2-D1] 1.2 %s → High', (a2) => {
    expect(judge('d1', { '1.2': a2 })).toEqual(judged('high'));
  });
  it.each(YES.flatMap((a2) => NO.map((a1) => [a2, a1])))(
    '[R2-D1] 1.2 %s, 1.1 %s → Some concerns',
    (a2, a1) => {
      expect(judge('d1', { '1.2': a2, '1.1': a1 })).toEqual(judged('some-concerns'));
    },
  );
  it.each(['Y', 'PY', 'NI'])(
    '[R2-D1] 1.2 Y/PY, 1.1 %s: 1.3 N/PN/NI → Low, Y/PY → Some concerns',
    (a1) => {
      for (const a3 of ['N', 'PN', 'NI']) {
        expect(judge('d1', { '1.2': 'Y', '1.1': a1, '1.3': a3 })).toEqual(judged('low'));
      }
      for (const a3 of YES) {
        expect(judge('d1', { '1.2': 'PY', '1.1': a1, '1.3': a3 })).toEqual(judged('some-concerns'));
      }
    },
  );
  it('[R2-D1] 1.2 NI: 1.3 Y/PY → High, otherwise Some concerns', () => {
    expect(judge('d1', { '1.2': 'NI', '1.3': 'PY' })).toEqual(judged('high'));
    for (const a3 of ['N', 'PN', 'NI']) {
      expect(judge('d1', { '1.2': 'NI', '1.3': a3 })).toEqual(judged('some-concerns'));
    }
  });
});

describe('[R2-D2a] domain 2a: effect of assignment', () => {
  const goodAnalysis = { '2.6': 'Y' };
  it('[R2-D2a] blinded (2.1, 2.2 N/PN) and appropriate analysis → Low', () => {
    expect(judge('d2a', { '2.1': 'N', '2.2': 'PN', ...goodAnalysis })).toEqual(judged('low'));
  });
  it.each([
    [{ '2.3': 'N' }, 'low'],
    [{ '2.3': 'NI' }, 'some-concerns'],
    [{ '2.3': 'Y', '2.4': 'PN' }, 'some-concerns'],
    [{ '2.3': 'Y', '2.4': 'NI', '2.5': 'PY' }, 'some-concerns'],
    [{ '2.3': 'PY', '2.4': 'Y', '2.5': 'N' }, 'high'],
    [{ '2.3': 'PY', '2.4': 'Y', '2.5': 'NI' }, 'high'],
  ] as const)('[R2-D2a] aware, deviations %j → %s', (deviations, expected) => {
    expect(judge('d2a', { '2.1': 'Y', ...deviations, ...goodAnalysis })).toEqual(judged(expected));
  });
  it('[R2-D2a] analysis: 2.6 N/PN/NI, 2.7 N/PN → Some concerns, Y/PY/NI → High', () => {
    const blinded = { '2.1': 'N', '2.2': 'N' };
    expect(judge('d2a', { ...blinded, '2.6': 'NI', '2.7': 'PN' })).toEqual(judged('some-concerns'));
    expect(judge('d2a', { ...blinded, '2.6': 'N', '2.7': 'NI' })).toEqual(judged('high'));
  });
  it('[R2-D2a] the domain is the worse of its two parts', () => {
    expect(judge('d2a', { '2.1': 'Y', '2.3': 'NI', '2.6': 'N', '2.7': 'Y' })).toEqual(
      judged('high'),
    );
  });
  it('[R2-NA] NA on a question the algorithm reaches counts as unanswered', () => {
    expect(judge('d2a', { '2.1': 'Y', '2.3': 'NA', '2.6': 'Y' })).toEqual({
      status: 'incomplete',
      missing: ['2.3'],
    });
  });
});

describe('[R2-D2b] domain 2b: effect of adhering', () => {
  it('[R2-D2b] blinded, no failures or non-adherence (N/PN/NA) → Low', () => {
    expect(judge('d2b', { '2.1': 'N', '2.2': 'N', '2.4': 'NA', '2.5': 'PN' })).toEqual(
      judged('low'),
    );
  });
  it('[R2-D2b] aware but non-protocol interventions balanced (2.3 Y/PY/NA) and no failures → Low', () => {
    expect(judge('d2b', { '2.1': 'Y', '2.3': 'PY', '2.4': 'N', '2.5': 'N' })).toEqual(
      judged('low'),
    );
  });
  it('[R2-D2b] a problem (2.3 N/PN/NI, or 2.4/2.5 Y/PY/NI): 2.6 Y/PY → Some concerns, else High', () => {
    expect(judge('d2b', { '2.1': 'Y', '2.3': 'NI', '2.6': 'Y' })).toEqual(judged('some-concerns'));
    expect(judge('d2b', { '2.1': 'N', '2.2': 'N', '2.4': 'PY', '2.6': 'N' })).toEqual(
      judged('high'),
    );
    expect(judge('d2b', { '2.1': 'N', '2.2': 'N', '2.4': 'N', '2.5': 'NI', '2.6': 'NI' })).toEqual(
      judged('high'),
    );
  });
});

describe('[R2-D3] domain 3: missing outcome data', () => {
  it.each(YES)('[R2-D3] 3.1 %s → Low', (a) =>
    expect(judge('d3', { '3.1': a })).toEqual(judged('low')),
  );
  it.each(YES)('[R2-D3] 3.1 N, 3.2 %s → Low', (a) => {
    expect(judge('d3', { '3.1': 'N', '3.2': a })).toEqual(judged('low'));
  });
  it.each(['N', 'PN', 'NA'])('[R2-D3] 3.2 N/PN, 3.3 %s → Low', (a) => {
    expect(judge('d3', { '3.1': 'NI', '3.2': 'N', '3.3': a })).toEqual(judged('low'));
  });
  it.each(['N', 'PN', 'NA'])('[R2-D3] 3.3 Y/PY/NI, 3.4 %s → Some concerns', (a) => {
    expect(judge('d3', { '3.1': 'N', '3.2': 'PN', '3.3': 'NI', '3.4': a })).toEqual(
      judged('some-concerns'),
    );
  });
  it.each(['Y', 'PY', 'NI'])('[R2-D3] 3.3 Y/PY/NI, 3.4 %s → High', (a) => {
    expect(judge('d3', { '3.1': 'N', '3.2': 'PN', '3.3': 'Y', '3.4': a })).toEqual(judged('high'));
  });
});

describe('[R2-D4] domain 4: measurement of the outcome', () => {
  it('[R2-D4] 4.1 Y/PY or 4.2 Y/PY → High', () => {
    expect(judge('d4', { '4.1': 'PY' })).toEqual(judged('high'));
    expect(judge('d4', { '4.1': 'N', '4.2': 'Y' })).toEqual(judged('high'));
  });
  it('[R2-D4] 4.2 N/PN: blinded assessors or no influence → Low; likely influenced → High', () => {
    expect(judge('d4', { '4.1': 'N', '4.2': 'N', '4.3': 'N' })).toEqual(judged('low'));
    expect(judge('d4', { '4.1': 'NI', '4.2': 'PN', '4.3': 'Y', '4.4': 'PN' })).toEqual(
      judged('low'),
    );
    expect(judge('d4', { '4.1': 'N', '4.2': 'N', '4.3': 'Y', '4.4': 'Y', '4.5': 'N' })).toEqual(
      judged('some-concerns'),
    );
    expect(judge('d4', { '4.1': 'N', '4.2': 'N', '4.3': 'Y', '4.4': 'NI', '4.5': 'PY' })).toEqual(
      judged('high'),
    );
  });
  it('[R2-D4] 4.2 NI: at best Some concerns', () => {
    expect(judge('d4', { '4.1': 'N', '4.2': 'NI', '4.3': 'N' })).toEqual(judged('some-concerns'));
    expect(judge('d4', { '4.1': 'N', '4.2': 'NI', '4.3': 'Y', '4.4': 'N' })).toEqual(
      judged('some-concerns'),
    );
    expect(judge('d4', { '4.1': 'N', '4.2': 'NI', '4.3': 'Y', '4.4': 'Y', '4.5': 'Y' })).toEqual(
      judged('high'),
    );
  });
});

describe('[R2-D5] domain 5: selection of the reported result', () => {
  it.each(YES)('[R2-D5] 5.2 or 5.3 %s → High', (a) => {
    expect(judge('d5', { '5.1': 'Y', '5.2': a })).toEqual(judged('high'));
    expect(judge('d5', { '5.1': 'Y', '5.2': 'N', '5.3': a })).toEqual(judged('high'));
    expect(judge('d5', { '5.1': 'Y', '5.2': 'NI', '5.3': a })).toEqual(judged('high'));
  });
  it('[R2-D5] otherwise any NI in 5.2/5.3 → Some concerns', () => {
    expect(judge('d5', { '5.1': 'Y', '5.2': 'NI', '5.3': 'N' })).toEqual(judged('some-concerns'));
    expect(judge('d5', { '5.1': 'Y', '5.2': 'PN', '5.3': 'NI' })).toEqual(judged('some-concerns'));
  });
  it('[R2-D5] 5.2 and 5.3 N/PN: 5.1 Y/PY → Low, N/PN/NI → Some concerns', () => {
    expect(judge('d5', { '5.1': 'PY', '5.2': 'N', '5.3': 'PN' })).toEqual(judged('low'));
    for (const a1 of ['N', 'PN', 'NI']) {
      expect(judge('d5', { '5.1': a1, '5.2': 'N', '5.3': 'N' })).toEqual(judged('some-concerns'));
    }
  });
});

describe('[R2-overall] overall judgement', () => {
  it('[R2-overall] all Low → Low', () => {
    expect(scoreRob2(ROB2_ALL_LOW)).toMatchObject({ status: 'complete', overall: 'low' });
    expect(rob2JudgementLabel('some-concerns')).toBe('Some concerns');
  });
  it('[R2-overall] any Some concerns (no High) → Some concerns', () => {
    expect(scoreRob2({ ...ROB2_ALL_LOW, d1_3: 'Y' })).toMatchObject({ overall: 'some-concerns' });
  });
  it('[R2-overall] any High → High', () => {
    expect(scoreRob2({ ...ROB2_ALL_LOW, d1_3: 'Y', d5_2: 'Y' })).toMatchObject({ overall: 'high' });
  });
  it('[R2-incomplete] design and effect are required; a domain without judgement → incomplete', () => {
    const { p_design: _d, p_effect: _e, ...rest } = ROB2_ALL_LOW;
    const score = scoreRob2(rest);
    expect(score.status === 'incomplete' && score.missing).toEqual(['Design', 'Effect']);
    expect(scoreRob2({ ...ROB2_ALL_LOW, d3_1: 'N' })).toMatchObject({
      status: 'incomplete',
      missing: ['3.2'],
    });
  });
  it('[R2-effect] domain 2b is judged instead of 2a under the effect of adhering', () => {
    const score = scoreRob2({
      ...ROB2_ALL_LOW,
      p_effect: 'adhering',
      d2b_1: 'N',
      d2b_2: 'N',
      d2b_4: 'N',
      d2b_5: 'N',
    });
    expect(score).toMatchObject({ status: 'complete', overall: 'low' });
    expect(score.domains.map((d) => d.domainId)).toEqual(['d1', 'd2b', 'd3', 'd4', 'd5']);
  });
  it('[R2-direction] each domain records its (optional) direction of bias', () => {
    const score = scoreRob2({ ...ROB2_ALL_LOW, d1_dir: 'favours-experimental' });
    expect(score.domains[0]?.direction).toBe('favours-experimental');
    expect(score.status).toBe('complete');
  });
});
