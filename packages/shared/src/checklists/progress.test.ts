import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amstar2Definition, type Amstar2Answers } from './amstar2.ts';
import { checklistProgress, unansweredQuestions } from './progress.ts';
import { checklistDefinition } from './registry.ts';
import { rob2Definition } from './rob2.ts';
import { robinsIDefinition } from './robins-i.ts';
import {
  ROB2_ALL_LOW,
  ROB2_CLUSTER_ALL_LOW,
  ROB2_CROSSOVER_ALL_LOW,
  ROBINS_I_ALL_LOW,
} from '../testing.ts';
import {
  activeSections,
  checklistItems,
  isAnswerable,
  NOT_APPLICABLE,
  offeredOptions,
  type ChecklistAnswers,
  type ChecklistDefinition,
  type ChecklistType,
} from './types.ts';
import { checklistVerdict } from './verdict.ts';

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

/**
 * Which questions are required ([REQ-…], the checklist facts' "Which questions are required"): a
 * question whose printed condition does not hold is not asked; NA is an answer only where the tool
 * lets the assessor choose it; a checklist is complete when every asked question is answered.
 */
describe('[REQ] which questions are required', () => {
  const numbers = (type: ChecklistType, answers: ChecklistAnswers) =>
    unansweredQuestions(checklistDefinition(type), answers).map((i) => i.number);

  it('[REQ-1] progress counts asked questions only, and the unanswered ones are what it lacks', () => {
    // ROBINS-I, 2.1 "No": 2.2 is asked; with 2.2 "No information", 2.3 too.
    const d2 = { ...ROBINS_I_ALL_LOW, d2_1: 'N' } as const;
    expect(checklistProgress(robinsIDefinition, ROBINS_I_ALL_LOW)).toEqual({
      answered: 22,
      total: 22,
    });
    expect(checklistProgress(robinsIDefinition, d2)).toEqual({ answered: 22, total: 23 });
    expect(numbers('ROBINS_I', d2)).toEqual(['2.2']);
    expect(numbers('ROBINS_I', { ...d2, d2_2: 'NI' })).toEqual(['2.3']);
    // 2.1 back to "Yes": 2.2 and 2.3 keep their answers but are no longer asked or counted.
    expect(checklistProgress(robinsIDefinition, { ...d2, d2_1: 'Y', d2_2: 'NI' })).toEqual({
      answered: 22,
      total: 22,
    });
    expect(numbers('ROBINS_I', ROBINS_I_ALL_LOW)).toEqual([]);
    expect(numbers('ROB2', ROB2_ALL_LOW)).toEqual([]);
    expect(numbers('AMSTAR2', { q1: 'yes' })).toHaveLength(17);
  });

  it('[REQ-2] a conditional question offers no NA (the tool’s NA means “not asked”), unless the tool lets the assessor choose it', () => {
    const offeringNA = (type: ChecklistType) =>
      checklistItems(checklistDefinition(type))
        .filter((i) => i.kind !== 'direction')
        .filter((i) => offeredOptions(i).some((o) => o.value === NOT_APPLICABLE))
        .map((i) => i.id);
    // ROBINS-I prints NA on its conditional questions, and only there: none offers it.
    const robinsI = checklistItems<ChecklistDefinition>(robinsIDefinition);
    expect(
      robinsI.filter((i) => i.options.some((o) => o.value === NOT_APPLICABLE)).map((i) => i.id),
    ).toEqual(robinsI.filter((i) => i.askedIf).map((i) => i.id));
    expect(offeringNA('ROBINS_I')).toEqual([]);
    // RoB 2: the "[If applicable]" questions of domain 2 (effect of adhering).
    expect(offeringNA('ROB2')).toEqual(['d2b_3', 'd2b_4', 'd2b_5']);
    // AMSTAR 2 has no NA code; its "does not apply" answers are options of their own.
    expect(offeringNA('AMSTAR2')).toEqual([]);
    const q12 = checklistItems(amstar2Definition).find((i) => i.id === 'q12')!;
    expect(offeredOptions(q12).map((o) => o.value)).toEqual(['yes', 'no', 'no-ma']);
    // Otherwise the options are the tool's, in its order.
    const d2_3 = checklistItems(robinsIDefinition).find((i) => i.id === 'd2_3')!;
    expect(offeredOptions(d2_3).map((o) => o.value)).toEqual(['SY', 'WY', 'PN', 'N', 'NI']);
  });

  it('[REQ-3] an NA kept on a question that is asked is not an answer: it is listed and not counted', () => {
    // Chosen while 2.2 was not asked (or stored by an earlier version of the app), then 2.1 "No".
    const answers = { ...ROBINS_I_ALL_LOW, d2_1: 'N', d2_2: 'NA' } as const;
    expect(numbers('ROBINS_I', answers)).toEqual(['2.2', '2.3']);
    expect(checklistProgress(robinsIDefinition, answers)).toEqual({ answered: 22, total: 24 });
    // Where the tool lets the assessor choose NA, it is an answer.
    const adhering = { ...ROB2_ALL_LOW, p_effect: 'adhering', d2b_1: 'Y', d2b_2: 'N' } as const;
    expect(numbers('ROB2', { ...adhering, d2b_3: 'NA', d2b_4: 'NA', d2b_5: 'NA' })).toEqual([]);
  });

  it('[REQ-4] AMSTAR 2 asks every item: its 18 answers are all required', () => {
    expect(unansweredQuestions(amstar2Definition, {}).map((i) => i.id)).toEqual(
      checklistItems(amstar2Definition).map((i) => i.id),
    );
  });

  function answersOf(type: ChecklistType) {
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

  it.each(['AMSTAR2', 'ROBINS_I', 'ROB2'] as const)(
    '[REQ-5] %s: answered + unanswered = asked; every question the judgement waits for is listed unanswered; none listed → judged',
    (type) => {
      const definition = checklistDefinition(type);
      fc.assert(
        fc.property(answersOf(type), (answers) => {
          const { answered, total } = checklistProgress(definition, answers);
          const open = unansweredQuestions(definition, answers);
          expect(answered + open.length).toBe(total);
          const verdict = checklistVerdict(type, answers);
          if (open.length === 0) expect(verdict.status).toBe('complete');
          if (verdict.status === 'incomplete') {
            // Numbers repeat across alternative domains (1.1 in ROBINS-I 1a and 1b): only the
            // sections being assessed are read.
            const active = activeSections(definition, answers).flatMap((s) => s.items);
            for (const number of verdict.missing) {
              const item = active.find((i) => i.number === number && i.kind !== 'direction');
              expect(open, `${type} ${number}`).toContain(item);
            }
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});
