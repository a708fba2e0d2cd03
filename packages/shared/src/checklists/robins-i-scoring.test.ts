import { describe, expect, it } from 'vitest';
import { robinsIAnswersSchema, robinsIDefinition, type RobinsIAnswers } from './robins-i.ts';
import {
  robinsIDomainJudgement,
  robinsIJudgementLabel,
  scoreRobinsI,
  type RobinsIJudgement,
} from './robins-i-scoring.ts';
import { activeSections, checklistItems, type ChecklistItem } from './types.ts';
import { ROBINS_I_ALL_LOW } from '../testing.ts';

/** Answers for one domain from `number → code` (`{ '5.1': 'N' }` → `{ d5_1: 'N' }`). */
function domainAnswers(domain: string, byNumber: Record<string, string>): RobinsIAnswers {
  return Object.fromEntries(
    Object.entries(byNumber).map(([n, v]) => [`${domain}_${n.split('.')[1]}`, v]),
  ) as RobinsIAnswers;
}

function judge(domain: string, byNumber: Record<string, string>) {
  return robinsIDomainJudgement(domain, domainAnswers(domain, byNumber));
}

const judged = (judgement: RobinsIJudgement) => ({ status: 'judged', judgement });

describe('ROBINS-I V2 definition', () => {
  it('[RI-counts] domains have 4 (1a), 5 (1b), 5, 8, 11, 3 and 4 signalling questions', () => {
    const counts = Object.fromEntries(
      robinsIDefinition.sections
        .filter((s) => s.kind === 'domain')
        .map((s) => [s.id, s.items.filter((i) => !('kind' in i)).length]),
    );
    expect(counts).toEqual({ d1a: 4, d1b: 5, d2: 5, d3: 8, d4: 11, d5: 3, d6: 4 });
  });

  it('[RI-counts] domain 3 has parts A (3.1–3.2), B (3.3–3.5) and C (3.6–3.8)', () => {
    const d3 = robinsIDefinition.sections.find((s) => s.id === 'd3')!;
    const parts = (d3.items as readonly ChecklistItem[])
      .filter((i) => i.group)
      .map((i) => `${i.group!.number}:${i.number}`);
    expect(parts).toEqual(['A:3.1', 'A:3.2', 'B:3.3', 'B:3.4', 'B:3.5', 'C:3.6', 'C:3.7', 'C:3.8']);
  });

  it('[RI-codes] answer codes include NA, NI and the graded WN/SN/SY/WY where the tool uses them', () => {
    const values = new Set<string>(
      checklistItems(robinsIDefinition).flatMap((i) => i.options.map((o) => o.value)),
    );
    for (const code of ['Y', 'PY', 'PN', 'N', 'NI', 'NA', 'WN', 'SN', 'SY', 'WY']) {
      expect(values.has(code)).toBe(true);
    }
    expect(robinsIAnswersSchema.safeParse({ d5_3: 'WY' }).success).toBe(true);
    expect(robinsIAnswersSchema.safeParse({ d5_1: 'WY' }).success).toBe(false);
  });

  it('[RI-direction] every domain records an optional direction of bias', () => {
    for (const s of robinsIDefinition.sections.filter((x) => x.kind === 'domain')) {
      expect(s.items.filter((i) => 'kind' in i && i.kind === 'direction')).toHaveLength(1);
    }
  });

  it('[RI-effect] section C selects domain 1a (intention-to-treat) or 1b (per-protocol)', () => {
    const ids = (answers: RobinsIAnswers) =>
      activeSections(robinsIDefinition, answers).map((s) => s.id);
    expect(ids({})).not.toContain('d1a');
    expect(ids({})).not.toContain('d1b');
    expect(ids({ c4: 'itt' })).toEqual([
      'result',
      'screening',
      'effect',
      'd1a',
      'd2',
      'd3',
      'd4',
      'd5',
      'd6',
    ]);
    expect(ids({ c4: 'per-protocol' })).toContain('d1b');
    expect(ids({ c4: 'per-protocol' })).not.toContain('d1a');
  });

  it('[RI-screening] B2 or B3 Y/PY leaves no domain to assess (nor section C: no further assessment)', () => {
    const ids = activeSections(robinsIDefinition, { b3: 'PY', c4: 'itt' }).map((s) => s.id);
    expect(ids).toEqual(['result', 'screening']);
  });
});

describe('[RI-NA] NA is treated as NI', () => {
  it('[RI-NA] 5.3 NA reads as NI (Moderate), as does 3.2 NA (Low)', () => {
    expect(judge('d5', { '5.1': 'N', '5.2': 'Y', '5.3': 'NA' })).toEqual(judged('moderate'));
    expect(judge('d5', { '5.1': 'N', '5.2': 'Y', '5.3': 'NI' })).toEqual(judged('moderate'));
    expect(judge('d3', { '3.1': 'Y', '3.2': 'NA', '3.3': 'N' })).toEqual(judged('low'));
  });
});

describe('[RI-D5] domain 5: measurement of the outcome', () => {
  it.each(['Y', 'PY'])('[RI-D5] 5.1 %s → Serious, whatever else', (a) => {
    expect(judge('d5', { '5.1': a })).toEqual(judged('serious'));
  });
  it.each(['N', 'PN'].flatMap((a) => ['N', 'PN'].map((b) => [a, b])))(
    '[RI-D5] 5.1 %s, 5.2 %s → Low without 5.3',
    (a, b) => expect(judge('d5', { '5.1': a, '5.2': b })).toEqual(judged('low')),
  );
  it.each([
    ['N', 'low'],
    ['PN', 'low'],
    ['WY', 'moderate'],
    ['NI', 'moderate'],
    ['SY', 'serious'],
  ] as const)('[RI-D5] 5.1 N/PN, 5.2 Y/PY/NI, 5.3 %s → %s', (a3, expected) => {
    for (const a1 of ['N', 'PN']) {
      for (const a2 of ['Y', 'PY', 'NI']) {
        expect(judge('d5', { '5.1': a1, '5.2': a2, '5.3': a3 })).toEqual(judged(expected));
      }
    }
  });
  it.each(['N', 'PN'])('[RI-D5] 5.1 NI, 5.2 %s → Moderate', (a2) => {
    expect(judge('d5', { '5.1': 'NI', '5.2': a2 })).toEqual(judged('moderate'));
  });
  it.each([
    ['SY', 'serious'],
    ['WY', 'moderate'],
    ['N', 'moderate'],
    ['PN', 'moderate'],
    ['NI', 'moderate'],
  ] as const)('[RI-D5] 5.1 NI, 5.2 Y/PY/NI, 5.3 %s → %s', (a3, expected) => {
    for (const a2 of ['Y', 'PY', 'NI']) {
      expect(judge('d5', { '5.1': 'NI', '5.2': a2, '5.3': a3 })).toEqual(judged(expected));
    }
  });
  it('[RI-D5] 5.3 is needed when 5.2 is Y and missing otherwise', () => {
    expect(judge('d5', { '5.1': 'N', '5.2': 'Y' })).toEqual({
      status: 'incomplete',
      missing: ['5.3'],
    });
    expect(judge('d5', {})).toEqual({ status: 'incomplete', missing: ['5.1'] });
  });
});

describe('[RI-D6] domain 6: selection of the reported result', () => {
  it.each(['Y', 'PY'])('[RI-D6] 6.1 %s → Low without 6.2–6.4', (a) => {
    expect(judge('d6', { '6.1': a })).toEqual(judged('low'));
  });
  it.each([
    [['N', 'PN', 'N'], 'low'],
    [['NI', 'N', 'PN'], 'moderate'],
    [['NI', 'NI', 'N'], 'moderate'],
    [['Y', 'N', 'N'], 'serious'],
    [['PN', 'PY', 'NI'], 'serious'],
    [['NI', 'NI', 'NI'], 'serious'],
    [['Y', 'PY', 'N'], 'critical'],
    [['Y', 'Y', 'Y'], 'critical'],
  ] as const)('[RI-D6] 6.1 N/PN/NI, 6.2–6.4 %j → %s', (selected, expected) => {
    for (const a1 of ['N', 'PN', 'NI']) {
      const [a2, a3, a4] = selected;
      expect(judge('d6', { '6.1': a1, '6.2': a2, '6.3': a3, '6.4': a4 })).toEqual(judged(expected));
    }
  });
});

describe('[RI-D3] domain 3: selection of participants', () => {
  const partALow = { '3.1': 'Y', '3.2': 'N' };
  const partBLow = { '3.3': 'N' };
  it('[RI-D3] parts A and B both Low → Low', () => {
    expect(judge('d3', { ...partALow, ...partBLow })).toEqual(judged('low'));
    expect(judge('d3', { '3.1': 'PY', '3.2': 'NI', '3.3': 'Y', '3.4': 'PN' })).toEqual(
      judged('low'),
    );
  });
  it.each([
    [{ '3.1': 'WN', ...partBLow }, 'A: 3.1 WN'],
    [{ '3.1': 'NI', ...partBLow }, 'A: 3.1 NI'],
    [{ '3.1': 'Y', '3.2': 'PY', ...partBLow }, 'A: 3.2 PY'],
    [{ ...partALow, '3.3': 'NI' }, 'B: 3.3 NI'],
    [{ ...partALow, '3.3': 'Y', '3.4': 'NI' }, 'B: 3.4 NI'],
    [{ ...partALow, '3.3': 'Y', '3.4': 'Y', '3.5': 'N' }, 'B: 3.5 N'],
    [{ ...partALow, '3.3': 'Y', '3.4': 'Y', '3.5': 'NI' }, 'B: 3.5 NI'],
    [{ '3.1': 'WN', '3.3': 'NI' }, 'both Moderate'],
  ] as [Record<string, string>, string][])(
    '[RI-D3] worst part Moderate → Moderate (%j, %s)',
    (answers) => {
      expect(judge('d3', answers)).toEqual(judged('moderate'));
    },
  );
  const serialA = { '3.1': 'SN', ...partBLow };
  const serialB = { ...partALow, '3.3': 'PY', '3.4': 'PY', '3.5': 'Y' };
  it.each([serialA, serialB])('[RI-D3] worst Serious, 3.6 Y/PY → Moderate (%j)', (answers) => {
    expect(judge('d3', { ...answers, '3.6': 'Y' })).toEqual(judged('moderate'));
    expect(judge('d3', { ...answers, '3.6': 'PY' })).toEqual(judged('moderate'));
  });
  it.each(['N', 'PN', 'NI'])('[RI-D3] worst Serious, 3.6 %s, 3.7 Y/PY → Moderate', (a6) => {
    expect(judge('d3', { ...serialA, '3.6': a6, '3.7': 'PY' })).toEqual(judged('moderate'));
  });
  it.each(['N', 'PN', 'NI'])('[RI-D3] worst Serious, 3.6–3.7 N, 3.8 %s → Serious', (a8) => {
    expect(judge('d3', { ...serialB, '3.6': 'N', '3.7': 'NI', '3.8': a8 })).toEqual(
      judged('serious'),
    );
  });
  it.each(['Y', 'PY'])('[RI-D3] worst Serious, 3.6–3.7 N, 3.8 %s → Critical', (a8) => {
    expect(judge('d3', { ...serialA, '3.6': 'PN', '3.7': 'N', '3.8': a8 })).toEqual(
      judged('critical'),
    );
  });
  it('[RI-D3] parts A and B report what each still needs', () => {
    expect(judge('d3', { '3.1': 'Y' })).toEqual({ status: 'incomplete', missing: ['3.2', '3.3'] });
  });
});

describe('[RI-D1a] domain 1a: confounding, intention-to-treat effect', () => {
  it.each(['Y', 'PY'].flatMap((a1) => ['Y', 'PY'].map((a2) => [a1, a2])))(
    '[RI-D1a] 1.1 %s, 1.3 N, 1.2 %s: 1.4 N → Low except confounding, 1.4 Y → Moderate',
    (a1, a2) => {
      const base = { '1.1': a1, '1.2': a2, '1.3': 'N' };
      expect(judge('d1a', { ...base, '1.4': 'N' })).toEqual(judged('low-except-confounding'));
      expect(judge('d1a', { ...base, '1.4': 'PY' })).toEqual(judged('moderate'));
    },
  );
  it('[RI-D1a] 1.1 Y/PY, 1.3 N, 1.2 WN, 1.4 N/PN → Low except confounding', () => {
    expect(judge('d1a', { '1.1': 'PY', '1.3': 'N', '1.2': 'WN', '1.4': 'PN' })).toEqual(
      judged('low-except-confounding'),
    );
  });
  it.each(['SN', 'NI', 'NA'])('[RI-D1a] 1.1 Y/PY/WN, 1.3 N/PN/NI, 1.2 %s → Serious', (a2) => {
    expect(judge('d1a', { '1.1': 'Y', '1.3': 'NI', '1.2': a2 })).toEqual(judged('serious'));
  });
  it('[RI-D1a] 1.1 Y/PY/WN, 1.3 Y/PY: 1.4 N/PN and 1.2 Y → Serious, 1.4 Y/PY → Critical', () => {
    expect(judge('d1a', { '1.1': 'WN', '1.3': 'Y', '1.4': 'PN', '1.2': 'Y' })).toEqual(
      judged('serious'),
    );
    expect(judge('d1a', { '1.1': 'PY', '1.3': 'PY', '1.4': 'Y' })).toEqual(judged('critical'));
  });
  it.each(['SN', 'NI'])('[RI-D1a] 1.1 %s: 1.4 N/PN → Serious, Y/PY → Critical', (a1) => {
    expect(judge('d1a', { '1.1': a1, '1.4': 'N' })).toEqual(judged('serious'));
    expect(judge('d1a', { '1.1': a1, '1.4': 'PY' })).toEqual(judged('critical'));
  });
  it('[RI-D1a] plain Low is out of reach', () => {
    expect(judge('d1a', { '1.1': 'Y', '1.2': 'Y', '1.3': 'N', '1.4': 'N' })).not.toEqual(
      judged('low'),
    );
  });
});

describe('[RI-D1b] domain 1b: confounding, per-protocol effect', () => {
  it('[RI-D1b] 1.1–1.3 Y/PY: 1.5 N/PN → Low, Y/PY → Serious', () => {
    const base = { '1.1': 'Y', '1.2': 'PY', '1.3': 'Y' };
    expect(judge('d1b', { ...base, '1.5': 'N' })).toEqual(judged('low'));
    expect(judge('d1b', { ...base, '1.5': 'Y' })).toEqual(judged('serious'));
  });
  it.each([
    ['Y', 'WN'],
    ['WN', 'Y'],
    ['WN', 'WN'],
  ])('[RI-D1b] 1.2 %s, 1.3 %s: 1.5 N/PN → Low except confounding, Y/PY → Serious', (a2, a3) => {
    const base = { '1.1': 'PY', '1.2': a2, '1.3': a3 };
    expect(judge('d1b', { ...base, '1.5': 'PN' })).toEqual(judged('low-except-confounding'));
    expect(judge('d1b', { ...base, '1.5': 'PY' })).toEqual(judged('serious'));
  });
  it('[RI-D1b] 1.2 SN/NI or 1.3 SN/NI → Serious', () => {
    expect(judge('d1b', { '1.1': 'Y', '1.2': 'SN' })).toEqual(judged('serious'));
    expect(judge('d1b', { '1.1': 'Y', '1.2': 'NI' })).toEqual(judged('serious'));
    expect(judge('d1b', { '1.1': 'Y', '1.2': 'WN', '1.3': 'SN' })).toEqual(judged('serious'));
    expect(judge('d1b', { '1.1': 'Y', '1.2': 'Y', '1.3': 'NI' })).toEqual(judged('serious'));
  });
  it.each(['N', 'PN', 'NI'])(
    '[RI-D1b] 1.1 %s: 1.4 Y/PY → Critical; else 1.5 N → Serious, Y → Critical',
    (a1) => {
      expect(judge('d1b', { '1.1': a1, '1.4': 'PY' })).toEqual(judged('critical'));
      expect(judge('d1b', { '1.1': a1, '1.4': 'N', '1.5': 'N' })).toEqual(judged('serious'));
      expect(judge('d1b', { '1.1': a1, '1.4': 'NI', '1.5': 'Y' })).toEqual(judged('critical'));
    },
  );
});

describe('[RI-D2] domain 2: classification of interventions', () => {
  const early: Record<string, string>[] = [{ '2.1': 'Y' }, { '2.1': 'N', '2.2': 'PY' }];
  it.each(early)(
    '[RI-D2] distinguishable early (%j): 2.4 N/PN then 2.5 N → Low, Y/NI → Moderate',
    (start) => {
      expect(judge('d2', { ...start, '2.4': 'N', '2.5': 'PN' })).toEqual(judged('low'));
      expect(judge('d2', { ...start, '2.4': 'PN', '2.5': 'NI' })).toEqual(judged('moderate'));
    },
  );
  it.each(early)('[RI-D2] early (%j), 2.4 WY/NI: 2.5 N → Moderate, Y → Serious', (start) => {
    expect(judge('d2', { ...start, '2.4': 'WY', '2.5': 'N' })).toEqual(judged('moderate'));
    expect(judge('d2', { ...start, '2.4': 'NI', '2.5': 'Y' })).toEqual(judged('serious'));
  });
  it.each(early)('[RI-D2] early (%j), 2.4 SY: 2.5 N → Serious, Y → Critical', (start) => {
    expect(judge('d2', { ...start, '2.4': 'SY', '2.5': 'N' })).toEqual(judged('serious'));
    expect(judge('d2', { ...start, '2.4': 'SY', '2.5': 'PY' })).toEqual(judged('critical'));
  });
  const avoided = { '2.1': 'NI', '2.2': 'N' };
  it.each(['SY', 'WY', 'NI'])('[RI-D2] 2.3 %s: 2.4 N then 2.5 N → Moderate, Y → Serious', (a3) => {
    expect(judge('d2', { ...avoided, '2.3': a3, '2.4': 'N', '2.5': 'N' })).toEqual(
      judged('moderate'),
    );
    expect(judge('d2', { ...avoided, '2.3': a3, '2.4': 'PN', '2.5': 'Y' })).toEqual(
      judged('serious'),
    );
  });
  it.each([
    ['WY', 'WY'],
    ['WY', 'NI'],
    ['SY', 'SY'],
  ])('[RI-D2] 2.3 %s, 2.4 %s: 2.5 N → Serious, Y → Critical', (a3, a4) => {
    expect(judge('d2', { ...avoided, '2.3': a3, '2.4': a4, '2.5': 'N' })).toEqual(
      judged('serious'),
    );
    expect(judge('d2', { ...avoided, '2.3': a3, '2.4': a4, '2.5': 'NI' })).toEqual(
      judged('critical'),
    );
  });
  it('[RI-D2] 2.3 N/PN: 2.4 N then 2.5 N → Serious, Y → Critical; 2.4 otherwise → Critical', () => {
    expect(judge('d2', { ...avoided, '2.3': 'N', '2.4': 'N', '2.5': 'N' })).toEqual(
      judged('serious'),
    );
    expect(judge('d2', { ...avoided, '2.3': 'PN', '2.4': 'PN', '2.5': 'Y' })).toEqual(
      judged('critical'),
    );
    expect(judge('d2', { ...avoided, '2.3': 'N', '2.4': 'WY' })).toEqual(judged('critical'));
  });
});

describe('[RI-D4] domain 4: missing data', () => {
  it('[RI-D4] 4.1–4.3 all Y/PY → Low', () => {
    expect(judge('d4', { '4.1': 'Y', '4.2': 'PY', '4.3': 'Y' })).toEqual(judged('low'));
  });
  const gap = { '4.1': 'Y', '4.2': 'N', '4.3': 'Y' };
  it('[RI-D4] complete-case (4.4 Y/PY/NI), 4.5 N/PN → Low', () => {
    expect(judge('d4', { ...gap, '4.4': 'NI', '4.5': 'PN' })).toEqual(judged('low'));
  });
  it.each([
    ['Y', 'Y', 'moderate'],
    ['Y', 'N', 'serious'],
    ['WN', 'PY', 'moderate'],
    ['NI', 'N', 'serious'],
    ['SN', 'Y', 'serious'],
    ['SN', 'PN', 'critical'],
  ])('[RI-D4] complete-case, 4.5 Y/PY/NI, 4.6 %s, 4.11 %s → %s', (a6, a11, expected) => {
    expect(judge('d4', { ...gap, '4.4': 'Y', '4.5': 'NI', '4.6': a6, '4.11': a11 })).toEqual(
      judged(expected as RobinsIJudgement),
    );
  });
  const imputed = { ...gap, '4.4': 'N', '4.7': 'Y' };
  it('[RI-D4] imputation under MAR/MCAR: 4.9 Y/PY → Low, WN/NI → 4.11 mild, SN → 4.11 severe', () => {
    expect(judge('d4', { ...imputed, '4.8': 'PY', '4.9': 'Y' })).toEqual(judged('low'));
    expect(judge('d4', { ...imputed, '4.8': 'Y', '4.9': 'WN', '4.11': 'Y' })).toEqual(
      judged('moderate'),
    );
    expect(judge('d4', { ...imputed, '4.8': 'Y', '4.9': 'SN', '4.11': 'N' })).toEqual(
      judged('critical'),
    );
  });
  it('[RI-D4] 4.11 NA reads as N/PN (no evidence the result was not biased)', () => {
    expect(judge('d4', { ...imputed, '4.8': 'Y', '4.9': 'NI', '4.11': 'NA' })).toEqual(
      judged('serious'),
    );
  });
  it('[RI-D4] no imputation (4.7 N/PN/NI): 4.10 Y → Low, WN → mild, SN → severe', () => {
    const alt = { ...gap, '4.4': 'PN', '4.7': 'NI' };
    expect(judge('d4', { ...alt, '4.10': 'PY' })).toEqual(judged('low'));
    expect(judge('d4', { ...alt, '4.10': 'WN', '4.11': 'N' })).toEqual(judged('serious'));
    expect(judge('d4', { ...alt, '4.10': 'SN', '4.11': 'Y' })).toEqual(judged('serious'));
  });
});

describe('[RI-overall] overall judgement', () => {
  it('[RI-overall] every domain Low → Low', () => {
    expect(scoreRobinsI(ROBINS_I_ALL_LOW)).toMatchObject({ status: 'complete', overall: 'low' });
  });
  it('[RI-overall] Low except for uncontrolled confounding when domain 1 says so', () => {
    const itt: RobinsIAnswers = {
      ...ROBINS_I_ALL_LOW,
      c4: 'itt',
      d1a_1: 'Y',
      d1a_2: 'Y',
      d1a_3: 'N',
      d1a_4: 'N',
    };
    const score = scoreRobinsI(itt);
    expect(score).toMatchObject({ status: 'complete', overall: 'low-except-confounding' });
    expect(robinsIJudgementLabel('low-except-confounding')).toBe(
      'Low except for concerns about uncontrolled confounding',
    );
  });
  it('[RI-overall] any Moderate (no Serious/Critical) → Moderate', () => {
    expect(
      scoreRobinsI({ ...ROBINS_I_ALL_LOW, d6_1: 'N', d6_2: 'NI', d6_3: 'N', d6_4: 'N' }),
    ).toMatchObject({
      overall: 'moderate',
    });
  });
  it('[RI-overall] any Serious (no Critical) → Serious, over a Moderate', () => {
    expect(scoreRobinsI({ ...ROBINS_I_ALL_LOW, d5_1: 'Y', d2_5: 'Y' })).toMatchObject({
      overall: 'serious',
    });
  });
  it('[RI-overall] any Critical → Critical', () => {
    expect(
      scoreRobinsI({ ...ROBINS_I_ALL_LOW, d5_1: 'Y', d6_1: 'N', d6_2: 'Y', d6_3: 'Y', d6_4: 'N' }),
    ).toMatchObject({
      overall: 'critical',
    });
  });
  it('[RI-overall] each domain records its direction of bias', () => {
    const score = scoreRobinsI({ ...ROBINS_I_ALL_LOW, d5_dir: 'towards-null' });
    expect(score.domains.find((d) => d.domainId === 'd5')?.direction).toBe('towards-null');
    expect(score.domains.find((d) => d.domainId === 'd6')?.direction).toBeUndefined();
  });
  it('[RI-incomplete] a domain without a judgement → incomplete, never an overall judgement', () => {
    const { d4_3: _dropped, ...rest } = ROBINS_I_ALL_LOW;
    expect(scoreRobinsI(rest)).toMatchObject({ status: 'incomplete', missing: ['4.3'] });
  });
  it('[RI-incomplete] the effect of interest and the screening questions are required', () => {
    const { c4: _c, b1: _b, ...rest } = ROBINS_I_ALL_LOW;
    expect(scoreRobinsI(rest)).toMatchObject({ status: 'incomplete', missing: ['B1', 'C4'] });
    const score = scoreRobinsI({ b1: 'N' });
    expect(score.status === 'incomplete' && score.missing.slice(0, 4)).toEqual([
      'B2',
      'B3',
      'C4',
      '2.1',
    ]);
  });
  it('[RI-screening] B2 Y/PY → Critical, no domain assessed', () => {
    expect(scoreRobinsI({ b1: 'N', b2: 'PY' })).toEqual({
      status: 'complete',
      overall: 'critical',
      stoppedAtScreening: true,
      domains: [],
    });
  });
  it('[RI-screening] B3 Y/PY → Critical even with Low domains', () => {
    expect(scoreRobinsI({ ...ROBINS_I_ALL_LOW, b3: 'Y' })).toMatchObject({
      overall: 'critical',
      stoppedAtScreening: true,
    });
  });
  it('[RI-screening] B1 Y/PY, B3 N/PN → the assessment goes on (B2 not needed)', () => {
    expect(scoreRobinsI(ROBINS_I_ALL_LOW)).toMatchObject({ stoppedAtScreening: false });
  });
  it('[RI-effect] domain 1b answers do not count under the intention-to-treat effect', () => {
    expect(scoreRobinsI({ ...ROBINS_I_ALL_LOW, c4: 'itt' })).toMatchObject({
      status: 'incomplete',
      missing: ['1.1'],
    });
  });
});

// The six places where the app's algorithms differed from the ROBINS-I V2 flowcharts (checklist
// facts, "ROBINS-I V2: six places …"); each test is named by the rule's tag.
describe('[RI-V2] the release flowcharts', () => {
  it('[RI-D1a-13] 1.3 Y/PY with 1.4 N/PN asks 1.2: Y/PY → Serious, WN/SN/NI → Critical', () => {
    for (const a1 of ['Y', 'PY', 'WN']) {
      for (const a3 of ['Y', 'PY']) {
        const base = { '1.1': a1, '1.3': a3 };
        expect(judge('d1a', { ...base, '1.4': 'N' })).toEqual({
          status: 'incomplete',
          missing: ['1.2'],
        });
        for (const a2 of ['Y', 'PY'])
          expect(judge('d1a', { ...base, '1.4': 'PN', '1.2': a2 })).toEqual(judged('serious'));
        for (const a2 of ['WN', 'SN', 'NI'])
          expect(judge('d1a', { ...base, '1.4': 'N', '1.2': a2 })).toEqual(judged('critical'));
        // Critical whatever 1.2 says, so 1.2 is not needed.
        expect(judge('d1a', { ...base, '1.4': 'Y' })).toEqual(judged('critical'));
      }
    }
  });

  it('[RI-D1a-WN] 1.1 WN is not read as Y/PY: 1.4 N/PN → Moderate, 1.4 Y/PY → Serious', () => {
    for (const a3 of ['N', 'PN', 'NI']) {
      for (const a2 of ['Y', 'PY', 'WN']) {
        const base = { '1.1': 'WN', '1.3': a3, '1.2': a2 };
        expect(judge('d1a', { ...base, '1.4': 'N' })).toEqual(judged('moderate'));
        expect(judge('d1a', { ...base, '1.4': 'PN' })).toEqual(judged('moderate'));
        expect(judge('d1a', { ...base, '1.4': 'Y' })).toEqual(judged('serious'));
        expect(judge('d1a', { ...base, '1.4': 'PY' })).toEqual(judged('serious'));
      }
    }
  });

  it('[RI-D1a-12WN] 1.1 Y/PY, 1.2 WN and 1.4 Y/PY → Serious', () => {
    for (const a1 of ['Y', 'PY']) {
      for (const a3 of ['N', 'PN', 'NI']) {
        for (const a4 of ['Y', 'PY']) {
          expect(judge('d1a', { '1.1': a1, '1.3': a3, '1.2': 'WN', '1.4': a4 })).toEqual(
            judged('serious'),
          );
        }
      }
    }
  });

  it('[RI-D1b-15] 1.1–1.3 all Y/PY and 1.5 Y/PY → Serious', () => {
    for (const [a1, a2, a3] of [
      ['Y', 'Y', 'Y'],
      ['PY', 'Y', 'PY'],
      ['Y', 'PY', 'Y'],
    ]) {
      for (const a5 of ['Y', 'PY']) {
        expect(judge('d1b', { '1.1': a1!, '1.2': a2!, '1.3': a3!, '1.5': a5 })).toEqual(
          judged('serious'),
        );
      }
    }
  });

  it('[RI-D2-24SY] after 2.3 WY/NI, 2.4 SY → Critical at once (2.5 is not asked)', () => {
    for (const a3 of ['WY', 'NI']) {
      const answers = { '2.1': 'N', '2.2': 'NI', '2.3': a3, '2.4': 'SY' };
      // No 2.5: the judgement is reached without it.
      expect(judge('d2', answers)).toEqual(judged('critical'));
      expect(judge('d2', { ...answers, '2.5': 'N' })).toEqual(judged('critical'));
    }
  });

  it('[RI-D4-48] 4.8 N/PN/NI → Serious and 4.11 is not asked', () => {
    const imputed = { '4.1': 'Y', '4.2': 'N', '4.3': 'Y', '4.4': 'N', '4.7': 'PY' };
    for (const a8 of ['N', 'PN', 'NI']) {
      expect(judge('d4', { ...imputed, '4.8': a8 })).toEqual(judged('serious'));
      // An answer left in 4.11 does not change it.
      expect(judge('d4', { ...imputed, '4.8': a8, '4.11': 'Y' })).toEqual(judged('serious'));
    }
  });

  it('[RI-D4-48] 4.11 is asked exactly when its condition holds, with NA/Y/PY/PN/N (no NI)', () => {
    const d4 = robinsIDefinition.sections.find((s) => s.id === 'd4')!;
    const q411 = d4.items.find((i) => i.id === 'd4_11')!;
    expect(q411.options.map((o) => o.value)).toEqual(['NA', 'Y', 'PY', 'PN', 'N']);
    expect('askedWhen' in q411 && q411.askedWhen).toBe(
      'If N/PN/NI to 4.1, 4.2 or 4.3 AND (Y/PY/NI to 4.5 OR WN/SN/NI to 4.9 OR WN/SN/NI to 4.10)',
    );
    expect(robinsIAnswersSchema.safeParse({ d4_11: 'NI' }).success).toBe(false);

    // Every path through the tool's question conditions (as printed), 4.1–4.10 answered where
    // asked: the algorithm needs 4.11 exactly when the printed condition of 4.11 holds.
    const Y = ['Y', 'PY'];
    const N = ['N', 'PN'];
    const asked: Record<string, (a: Record<string, string>) => boolean> = {
      '4.4': (a) => ['4.1', '4.2', '4.3'].some((n) => [...N, 'NI'].includes(a[n]!)),
      '4.5': (a) => [...Y, 'NI'].includes(a['4.4']!),
      '4.6': (a) => [...Y, 'NI'].includes(a['4.5']!),
      '4.7': (a) => N.includes(a['4.4']!),
      '4.8': (a) => Y.includes(a['4.7']!),
      '4.9': (a) => Y.includes(a['4.8']!),
      '4.10': (a) => [...N, 'NI'].includes(a['4.7']!),
    };
    const condition411 = (a: Record<string, string>) =>
      asked['4.4']!(a) &&
      ([...Y, 'NI'].includes(a['4.5']!) ||
        ['WN', 'SN', 'NI'].includes(a['4.9']!) ||
        ['WN', 'SN', 'NI'].includes(a['4.10']!));
    const numbers = ['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10'];
    const codesOf = (n: string) =>
      d4.items
        .find((i) => i.number === n)!
        .options.map((o) => o.value as string)
        .filter((v) => v !== 'NA');
    let paths: Record<string, string>[] = [{}];
    for (const n of numbers) {
      paths = paths.flatMap((a) =>
        asked[n] && !asked[n](a) ? [a] : codesOf(n).map((v) => ({ ...a, [n]: v })),
      );
    }
    let needing = 0;
    for (const a of paths) {
      const decision = judge('d4', a);
      const needs411 = decision.status === 'incomplete';
      if (needs411) expect(decision).toEqual({ status: 'incomplete', missing: ['4.11'] });
      expect(needs411, JSON.stringify(a)).toBe(condition411(a));
      if (needs411) needing++;
    }
    expect(needing).toBeGreaterThan(0);
  });
});
