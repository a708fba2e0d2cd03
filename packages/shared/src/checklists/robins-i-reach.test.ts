import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unansweredQuestions } from './progress.ts';
import { robinsIDefinition, type RobinsIAnswers } from './robins-i.ts';
import { robinsIDomainJudgement, scoreRobinsI } from './robins-i-scoring.ts';
import {
  activeSections,
  checklistItems,
  isAnswerable,
  isStoppedAtScreening,
  offeredOptions,
  reachedItemIds,
  type ChecklistAnswers,
  type ChecklistDefinition,
  type ChecklistItem,
  type Condition,
} from './types.ts';
import { checklistVerdict } from './verdict.ts';

/**
 * Which ROBINS-I V2 questions are asked ([RI-R-…]): each conditional question carries the
 * condition printed before it in the 20 November 2025 release as data (`askedIf`), read only
 * through questions that are themselves asked, so that a question not asked is greyed, not
 * required and not a disagreement — and never decides a judgement.
 */

const definition: ChecklistDefinition = robinsIDefinition;
const items = checklistItems(definition);
const reached = (answers: ChecklistAnswers) => reachedItemIds(definition, answers);
const START = { b1: 'Y', b3: 'N', c4: 'itt' } as const;

/** The leaves of a condition: item id → the codes it accepts. */
function leaves(condition: Condition): [string, string[]][] {
  if ('all' in condition) return condition.all.flatMap(leaves);
  if ('any' in condition) return condition.any.flatMap(leaves);
  return [[condition.itemId, [...condition.values]]];
}

/**
 * The printed condition as item → codes: "If Y/PY/WN to 1.1" → d1a_1: Y, PY, WN; "If N/PN/NI to
 * 4.1, 4.2 or 4.3" names three questions. Numbers are those of the question's own section (or
 * screening's B1).
 */
function printed(item: ChecklistItem): [string, string[]][] {
  const section = definition.sections.find((s) => s.items.includes(item))!;
  const idOf = (number: string) =>
    (section.items.find((i) => i.number === number && i.kind !== 'direction') ??
      items.find((i) => i.number === number))!.id;
  const out: [string, string[]][] = [];
  const pattern =
    /((?:[A-Z]{1,2}\/)*[A-Z]{1,2}) to (B?\d+(?:\.\d+)?(?:(?:, | or )B?\d+(?:\.\d+)?)*)/g;
  for (const [, codes, numbers] of item.askedWhen!.matchAll(pattern))
    for (const number of numbers!.split(/, | or /)) out.push([idOf(number), codes!.split('/')]);
  return out;
}

describe('[RI-R] ROBINS-I V2: questions asked', () => {
  it('[RI-R-1] a question has a condition as data exactly when the tool prints one', () => {
    for (const item of items)
      expect(item.askedIf !== undefined, item.id).toBe(item.askedWhen !== undefined);
    expect(items.filter((i) => i.askedIf).map((i) => i.number)).toEqual(
      // B2; 1a: 1.2, 1.3; 1b: 1.2–1.4; 2.2, 2.3; 3.2, 3.4–3.8; 4.4–4.11; 5.3.
      [
        ...['B2', '1.2', '1.3', '1.2', '1.3', '1.4', '2.2', '2.3', '3.2', '3.4', '3.5', '3.6'],
        ...['3.7', '3.8', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '5.3'],
      ],
    );
  });

  it('[RI-R-2] each condition reads the questions and codes its printed text names, and NA wherever NI', () => {
    for (const item of items.filter((i) => i.askedIf)) {
      const data = leaves(item.askedIf!).map(([id, codes]) => [id, [...codes].sort()]);
      const text = printed(item).map(([id, codes]) => [
        id,
        [...codes, ...(codes.includes('NI') ? ['NA'] : [])].sort(),
      ]);
      expect(data, `${item.id}: ${item.askedWhen}`).toEqual(text);
    }
  });

  it('[RI-R-3] B2 is asked only after B1 N/PN; a B2 Y/PY left after B1 Y or blank does not stop the assessment', () => {
    expect(reached({ b1: 'N' }).has('b2')).toBe(true);
    expect(reached({ b1: 'Y' }).has('b2')).toBe(false);
    expect(reached({}).has('b2')).toBe(false);
    // The counterexample: a leftover B2 "Probably yes" with B1 blank, then with B1 "Yes".
    for (const answers of [{ b2: 'PY' }, { b1: 'Y', b2: 'PY' }, { ...START, b2: 'Y' }] as const) {
      expect(isStoppedAtScreening(definition, answers), JSON.stringify(answers)).toBe(false);
      expect(scoreRobinsI(answers).status).toBe('incomplete');
    }
    expect(isStoppedAtScreening(definition, { b1: 'PN', b2: 'PY' })).toBe(true);
    expect(isStoppedAtScreening(definition, { b3: 'Y' })).toBe(true);
  });

  it('[RI-R-4] a stopped assessment asks only the screening questions: no section C, no domain', () => {
    const stopped = { b1: 'N', b2: 'Y', c4: 'itt', d5_1: 'N' } as const;
    // Section A's result (a text item) and B1–B3.
    expect([...reached(stopped)]).toEqual(['a1', 'b1', 'b2', 'b3']);
    expect(unansweredQuestions(definition, stopped).map((i) => i.number)).toEqual(['B3']);
    expect(scoreRobinsI(stopped)).toMatchObject({ status: 'complete', overall: 'critical' });
  });

  it('[RI-R-5] domain 1a: 1.2 and 1.3 only after 1.1 Y/PY/WN; 1b: 1.2 after 1.1 Y/PY, 1.3 after 1.2 Y/PY/WN, 1.4 after 1.1 N/PN/NI', () => {
    const d1a = (a: string) =>
      ['d1a_2', 'd1a_3'].map((id) => reached({ ...START, d1a_1: a }).has(id));
    expect(['Y', 'PY', 'WN', 'SN', 'NI'].map(d1a)).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [false, false],
      [false, false],
    ]);
    const pp = { ...START, c4: 'per-protocol' } as const;
    const d1b = (answers: ChecklistAnswers) =>
      ['d1b_2', 'd1b_3', 'd1b_4'].filter((id) => reached({ ...pp, ...answers }).has(id));
    expect(d1b({ d1b_1: 'Y' })).toEqual(['d1b_2']);
    expect(d1b({ d1b_1: 'Y', d1b_2: 'WN' })).toEqual(['d1b_2', 'd1b_3']);
    expect(d1b({ d1b_1: 'PY', d1b_2: 'SN' })).toEqual(['d1b_2']);
    expect(d1b({ d1b_1: 'NI', d1b_2: 'Y' })).toEqual(['d1b_4']);
  });

  it('[RI-R-6] domain 2: 2.2 after 2.1 N/PN/NI, 2.3 after 2.2 N/PN/NI; 2.4 and 2.5 are always asked', () => {
    const d2 = (answers: ChecklistAnswers) =>
      ['d2_2', 'd2_3', 'd2_4', 'd2_5'].filter((id) => reached({ ...START, ...answers }).has(id));
    expect(d2({ d2_1: 'Y', d2_2: 'N' })).toEqual(['d2_4', 'd2_5']);
    expect(d2({ d2_1: 'N', d2_2: 'PY' })).toEqual(['d2_2', 'd2_4', 'd2_5']);
    expect(d2({ d2_1: 'NI', d2_2: 'NI' })).toEqual(['d2_2', 'd2_3', 'd2_4', 'd2_5']);
    // [RI-D2-24SY]: after 2.3 WY, 2.4 SY is Critical at once — 2.5 is still printed without a
    // condition, so it is asked (and required) though the judgement does not need it.
    const critical = { ...START, d2_1: 'N', d2_2: 'N', d2_3: 'WY', d2_4: 'SY' } as const;
    expect(robinsIDomainJudgement('d2', critical)).toEqual({
      status: 'judged',
      judgement: 'critical',
    });
    expect(reached(critical).has('d2_5')).toBe(true);
  });

  it('[RI-R-7] domain 3: 3.2 after 3.1 Y/PY; 3.4–3.5 down the Y/PY chain; part C after 3.1 SN or 3.5 Y/PY', () => {
    const d3 = (answers: ChecklistAnswers) =>
      ['d3_2', 'd3_4', 'd3_5', 'd3_6', 'd3_7', 'd3_8'].filter((id) =>
        reached({ ...START, ...answers }).has(id),
      );
    expect(d3({ d3_1: 'Y', d3_3: 'N' })).toEqual(['d3_2']);
    expect(d3({ d3_1: 'WN', d3_3: 'Y', d3_4: 'NI' })).toEqual(['d3_4']);
    expect(d3({ d3_1: 'WN', d3_3: 'Y', d3_4: 'PY', d3_5: 'PN' })).toEqual(['d3_4', 'd3_5']);
    expect(d3({ d3_1: 'WN', d3_3: 'Y', d3_4: 'PY', d3_5: 'Y', d3_6: 'Y' })).toEqual([
      'd3_4',
      'd3_5',
      'd3_6',
    ]);
    expect(d3({ d3_1: 'SN', d3_3: 'N', d3_6: 'N', d3_7: 'NI' })).toEqual(['d3_6', 'd3_7', 'd3_8']);
  });

  it('[RI-R-8] domain 4: the complete-case, imputation and other-method paths; 4.11 never after 4.8 N/PN/NI', () => {
    const d4 = (answers: ChecklistAnswers) =>
      items
        .filter(
          (i) =>
            i.id.startsWith('d4_') &&
            i.kind !== 'direction' &&
            reached({ ...START, ...answers }).has(i.id),
        )
        .map((i) => i.number);
    expect(d4({ d4_1: 'Y', d4_2: 'PY', d4_3: 'Y' })).toEqual(['4.1', '4.2', '4.3']);
    const missing = { d4_1: 'Y', d4_2: 'N', d4_3: 'Y' } as const;
    const head = ['4.1', '4.2', '4.3', '4.4'];
    expect(d4({ ...missing, d4_4: 'Y', d4_5: 'PN' })).toEqual([...head, '4.5']);
    expect(d4({ ...missing, d4_4: 'NI', d4_5: 'Y' })).toEqual([...head, '4.5', '4.6', '4.11']);
    // [RI-D4-48]: imputation without a reasonable MAR/MCAR assumption is Serious; 4.11 is not asked.
    expect(d4({ ...missing, d4_4: 'N', d4_7: 'Y', d4_8: 'PN' })).toEqual([...head, '4.7', '4.8']);
    expect(d4({ ...missing, d4_4: 'N', d4_7: 'Y', d4_8: 'Y', d4_9: 'Y' })).toEqual([
      ...head,
      '4.7',
      '4.8',
      '4.9',
    ]);
    expect(d4({ ...missing, d4_4: 'N', d4_7: 'Y', d4_8: 'Y', d4_9: 'WN' })).toEqual([
      ...head,
      '4.7',
      '4.8',
      '4.9',
      '4.11',
    ]);
    expect(d4({ ...missing, d4_4: 'PN', d4_7: 'NI', d4_10: 'PY' })).toEqual([
      ...head,
      '4.7',
      '4.10',
    ]);
    expect(d4({ ...missing, d4_4: 'PN', d4_7: 'N', d4_10: 'SN' })).toEqual([
      ...head,
      '4.7',
      '4.10',
      '4.11',
    ]);
  });

  it('[RI-R-9] domain 5: 5.3 only after 5.2 Y/PY/NI; domain 6 asks all four questions', () => {
    expect(reached({ ...START, d5_2: 'N' }).has('d5_3')).toBe(false);
    expect(reached({ ...START, d5_2: 'NI' }).has('d5_3')).toBe(true);
    for (const id of ['d6_2', 'd6_3', 'd6_4'])
      expect(reached({ ...START, d6_1: 'Y' }).has(id)).toBe(true);
  });

  it('[RI-R-10] NA is read as NI, so a condition on NI holds for NA: the question the algorithm goes on to is asked', () => {
    // The counterexample: 2.2 NA reads as NI, so the algorithm asks 2.3 — and 2.3 is asked.
    const answers = { ...START, d2_1: 'NI', d2_2: 'NA', d2_3: 'NA', d2_4: 'SY' } as const;
    expect(reached(answers).has('d2_3')).toBe(true);
    expect(robinsIDomainJudgement('d2', answers)).toEqual({
      status: 'judged',
      judgement: 'critical',
    });
    const { d2_3: _, ...without } = answers;
    expect(robinsIDomainJudgement('d2', without)).toEqual({
      status: 'incomplete',
      missing: ['2.3'],
    });
    // The same for 4.7 NA (→ 4.10), 4.4 NA (→ 4.5) and 3.6 NA (→ 3.7).
    const d4 = { ...START, d4_1: 'N', d4_4: 'N', d4_7: 'NA' } as const;
    expect(reached(d4).has('d4_10')).toBe(true);
    expect(reached({ ...START, d4_1: 'N', d4_4: 'NA' }).has('d4_5')).toBe(true);
    expect(reached({ ...START, d3_1: 'SN', d3_6: 'NA' }).has('d3_7')).toBe(true);
  });

  // Random answers to every ROBINS-I question (or none), biased towards the screening passing
  // (B1 Y, B3 N) so the domains are assessed in most runs.
  const answerable = items.filter(isAnswerable);
  const randomAnswers = fc
    .tuple(
      fc.boolean(),
      fc.tuple(
        ...answerable.map((i) =>
          fc.option(fc.constantFrom(...i.options.map((o) => o.value)), { freq: 3 }),
        ),
      ),
    )
    .map(([pass, values]) => {
      const answers: Record<string, string> = {};
      values.forEach((v, n) => {
        if (v !== null) answers[answerable[n]!.id] = v;
      });
      return pass ? { ...answers, b1: 'Y', b3: 'N' } : answers;
    });
  const decisions = (answers: ChecklistAnswers) =>
    activeSections(definition, answers)
      .filter((s) => s.kind === 'domain')
      .map((s) => [s.id, robinsIDomainJudgement(s.id, answers as RobinsIAnswers)] as const);

  it('[RI-R-11] every question the scoring still needs is an asked question without an answer', () => {
    fc.assert(
      fc.property(randomAnswers, (answers) => {
        const verdict = checklistVerdict('ROBINS_I', answers);
        if (verdict.status === 'complete') return;
        const open = unansweredQuestions(definition, answers).map((i) => i.number);
        for (const number of verdict.missing) expect(open, number).toContain(number);
      }),
      { numRuns: 500 },
    );
  });

  it('[RI-R-12] answers to questions not asked change nothing: not asked, not required, not scored', () => {
    fc.assert(
      fc.property(randomAnswers, randomAnswers, (answers, other) => {
        const ids = reached(answers);
        // Every question not asked takes the other answer set's value (or none).
        const changed: Record<string, string> = {};
        for (const item of answerable) {
          const value = ids.has(item.id) ? answers[item.id] : other[item.id];
          if (value !== undefined) changed[item.id] = value;
        }
        expect([...reached(changed)]).toEqual([...ids]);
        expect(isStoppedAtScreening(definition, changed)).toBe(
          isStoppedAtScreening(definition, answers),
        );
        expect(decisions(changed)).toEqual(decisions(answers));
        expect(checklistVerdict('ROBINS_I', changed)).toEqual(
          checklistVerdict('ROBINS_I', answers),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('[RI-R-13] when every asked question is answered, every domain and the overall are judged', () => {
    fc.assert(
      fc.property(randomAnswers, fc.infiniteStream(fc.nat()), (answers, picks) => {
        // Answer every open question with an option it offers, until none is open.
        const filled: Record<string, string> = { ...answers };
        const pick = picks[Symbol.iterator]();
        for (let open = unansweredQuestions(definition, filled); open.length > 0;) {
          for (const item of open) {
            const options = offeredOptions(item);
            filled[item.id] = options[pick.next().value % options.length]!.value;
          }
          open = unansweredQuestions(definition, filled);
        }
        expect(checklistVerdict('ROBINS_I', filled).status).toBe('complete');
      }),
      { numRuns: 300 },
    );
  });
});
