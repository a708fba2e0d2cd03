import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROB2_ALL_LOW, ROB2_HIGH, ROBINS_I_ALL_LOW } from '../testing.ts';
import {
  OVERALL_JUDGEMENT_KEY,
  assessedVerdict,
  assessorJudgementProblem,
  domainJudgementOptions,
  overallRaiseOptions,
  staleAssessorJudgements,
  type AssessorJudgement,
  type AssessorJudgements,
} from './assessor-judgement.ts';
import { JUDGEMENT_SCALES } from './agreement.ts';
import { checklistDefinition } from './registry.ts';
import { checklistItems, isAnswerable, type ChecklistType } from './types.ts';
import { checklistVerdict } from './verdict.ts';

// Facts: shared/domain/checklists.md, "Assessor judgement". Rules are tagged [AJ-…] here and in
// assessor-judgement.ts.

const given = (
  judgement: string,
  suggested: string,
  reason = 'Reason given by the assessor',
): AssessorJudgement => ({
  judgement,
  suggested,
  reason,
  by: 'u1',
  at: '2026-03-01T10:00:00.000Z',
});

/** RoB 2, parallel trial: domains 1 (1.1 N) and 5 (5.1 N) have some concerns, the rest Low. */
const ROB2_TWO_SOME_CONCERNS = { ...ROB2_ALL_LOW, d1_1: 'N', d5_1: 'N' };
/** ROBINS-I: domains 5 (5.1 NI, 5.2 N) and 6 (6.2 NI) Moderate, the rest Low. */
const ROBINS_I_TWO_MODERATE = {
  ...ROBINS_I_ALL_LOW,
  d5_1: 'NI',
  d6_1: 'N',
  d6_2: 'NI',
  d6_3: 'N',
  d6_4: 'N',
};
/** ROBINS-I: domains 5 (5.1 Y) and 6 (one Y in 6.2–6.4) Serious, the rest Low. */
const ROBINS_I_TWO_SERIOUS = {
  ...ROBINS_I_ALL_LOW,
  d5_1: 'Y',
  d6_1: 'N',
  d6_2: 'Y',
  d6_3: 'N',
  d6_4: 'N',
};

const values = (judgements: { value: string }[]) => judgements.map((j) => j.value);

describe('assessor judgement', () => {
  it('[AJ-SUGGESTED] every domain shows the algorithm’s judgement as suggested; without an override it is final', () => {
    const v = assessedVerdict('ROB2', ROB2_HIGH);
    expect(v.status).toBe('complete');
    expect(v.domains.map((d) => [d.domainId, d.suggested?.value, d.judgement?.value])).toEqual([
      ['d1', 'high', 'high'],
      ['d2a', 'low', 'low'],
      ['d3', 'low', 'low'],
      ['d4', 'low', 'low'],
      ['d5', 'low', 'low'],
    ]);
    expect(v.domains.every((d) => d.assessor === undefined)).toBe(true);
    expect(v.suggestedOverall?.value).toBe('high');
    expect(v.status === 'complete' && v.overall.value).toBe('high');
  });

  it('[AJ-BOTH-KEPT] an override with a reason is the final judgement; the suggestion and the reason are kept', () => {
    const reason = 'Baseline imbalance in prognostic factors beyond chance (Table 1)';
    const v = assessedVerdict('ROB2', ROB2_ALL_LOW, { d1: given('some-concerns', 'low', reason) });
    const d1 = v.domains[0]!;
    expect(d1.suggested).toEqual({ value: 'low', label: 'Low' });
    expect(d1.judgement).toEqual({ value: 'some-concerns', label: 'Some concerns' });
    expect(d1.assessor).toMatchObject({
      judgement: { value: 'some-concerns' },
      suggestedThen: { value: 'low' },
      reason,
      by: 'u1',
      applies: true,
    });
    // The overall follows the final domain judgements.
    expect(v.suggestedOverall?.value).toBe('some-concerns');
  });

  it('[AJ-REASON-REQUIRED] an override needs a reason: refused without one, and a stored one without it does not apply', () => {
    const allowed = domainJudgementOptions('ROB2', 'd1');
    const input = { judgement: 'high', suggested: 'low', allowed };
    expect(assessorJudgementProblem({ ...input, reason: '   ' }, 'domain')).toBe(
      'Give a reason for this judgement',
    );
    expect(assessorJudgementProblem({ ...input, reason: 'x'.repeat(4001) }, 'domain')).toMatch(
      /at most 4000/,
    );
    expect(assessorJudgementProblem({ ...input, reason: 'Envelopes not opaque' }, 'domain')).toBe(
      null,
    );
    const v = assessedVerdict('ROB2', ROB2_ALL_LOW, { d1: given('high', 'low', ' ') });
    expect(v.domains[0]!.judgement?.value).toBe('low');
    expect(v.domains[0]!.assessor?.applies).toBe(false);
  });

  it('an override must differ from the suggestion, be on the domain’s scale, and wait for a suggestion', () => {
    const allowed = domainJudgementOptions('ROB2', 'd1');
    const reason = 'Because';
    expect(
      assessorJudgementProblem({ judgement: 'low', suggested: 'low', allowed, reason }, 'domain'),
    ).toMatch(/^That is the suggested judgement/);
    expect(
      assessorJudgementProblem(
        { judgement: 'serious', suggested: 'low', allowed, reason },
        'domain',
      ),
    ).toBe('That judgement is not one this domain can have.');
    expect(
      assessorJudgementProblem(
        { judgement: 'high', suggested: undefined, allowed, reason },
        'domain',
      ),
    ).toMatch(/^Answer the questions this domain needs first/);
  });

  it('[AJ-STALE] an override given against another suggestion does not apply until given again', () => {
    // Given when domain 1 was Low; the answers now make it High.
    const v = assessedVerdict('ROB2', ROB2_HIGH, { d1: given('some-concerns', 'low') });
    const d1 = v.domains[0]!;
    expect(d1.judgement?.value).toBe('high');
    expect(d1.assessor).toMatchObject({ applies: false, suggestedThen: { value: 'low' } });
  });

  describe('a stale judgement holds completion back', () => {
    it('[AJ-STALE-1] an override given against another suggestion is listed with the suggestion now, and can be given again', () => {
      const reason = 'Allocation was described in a protocol the report omits';
      const v = assessedVerdict('ROB2', ROB2_HIGH, { d1: given('some-concerns', 'low', reason) });
      const stale = staleAssessorJudgements('ROB2', v);
      expect(stale).toHaveLength(1);
      expect(stale[0]).toMatchObject({
        key: 'd1',
        title: v.domains[0]!.title,
        suggested: { value: 'high' },
        recorded: { judgement: { value: 'some-concerns' }, reason, applies: false },
        reconfirmable: true,
      });
    });

    it('[AJ-STALE-1] an override that applies, or none, holds nothing back', () => {
      expect(staleAssessorJudgements('ROB2', assessedVerdict('ROB2', ROB2_HIGH))).toEqual([]);
      const applies = assessedVerdict('ROB2', ROB2_HIGH, { d1: given('some-concerns', 'high') });
      expect(applies.domains[0]!.assessor?.applies).toBe(true);
      expect(staleAssessorJudgements('ROB2', applies)).toEqual([]);
    });

    it('[AJ-STALE-2] a domain with no suggestion yet is not listed: its unanswered questions hold completion back', () => {
      const { d1_2: _, ...unanswered } = ROB2_HIGH;
      const v = assessedVerdict('ROB2', unanswered, { d1: given('some-concerns', 'low') });
      expect(v.domains[0]!.suggested).toBeUndefined();
      expect(v.domains[0]!.assessor?.applies).toBe(false);
      expect(staleAssessorJudgements('ROB2', v)).toEqual([]);
    });

    it('[AJ-STALE-3] an override that is now the suggestion, or a raise the tool no longer allows, can only be cleared', () => {
      const same = assessedVerdict('ROB2', ROB2_HIGH, { d1: given('high', 'low') });
      expect(staleAssessorJudgements('ROB2', same)).toMatchObject([
        { key: 'd1', reconfirmable: false },
      ]);
      // Raised when two domains had some concerns; now only one has.
      const one = { ...ROB2_ALL_LOW, d1_1: 'N' };
      const raise = assessedVerdict('ROB2', one, {
        [OVERALL_JUDGEMENT_KEY]: given('high', 'some-concerns'),
      });
      expect(staleAssessorJudgements('ROB2', raise)).toMatchObject([
        { key: OVERALL_JUDGEMENT_KEY, suggested: { value: 'some-concerns' }, reconfirmable: false },
      ]);
    });

    it('[AJ-STALE-3] given again against the suggestion now, with its reason, it applies and holds nothing back', () => {
      const v = assessedVerdict('ROB2', ROB2_HIGH, { d1: given('some-concerns', 'low') });
      const [stale] = staleAssessorJudgements('ROB2', v);
      const again = assessedVerdict('ROB2', ROB2_HIGH, {
        d1: given(stale!.recorded.judgement.value, stale!.suggested.value, stale!.recorded.reason),
      });
      expect(again.domains[0]!.judgement?.value).toBe('some-concerns');
      expect(staleAssessorJudgements('ROB2', again)).toEqual([]);
    });

    it('[AJ-STALE-1] a raise given against another overall suggestion is listed after the domains', () => {
      // Raised to Critical when the overall was Serious; two domains Moderate now suggest Moderate.
      const v = assessedVerdict('ROBINS_I', ROBINS_I_TWO_MODERATE, {
        d5: given('serious', 'low'),
        [OVERALL_JUDGEMENT_KEY]: given('critical', 'serious'),
      });
      expect(staleAssessorJudgements('ROBINS_I', v).map((s) => s.key)).toEqual([
        'd5',
        OVERALL_JUDGEMENT_KEY,
      ]);
    });
  });

  it('a code the tool does not have, or an override of a domain the answers do not assess, is ignored', () => {
    const v = assessedVerdict('ROB2', ROB2_ALL_LOW, {
      d1: given('serious', 'low'),
      d2b: given('high', 'low'),
    });
    expect(v.domains[0]!.assessor).toBeUndefined();
    expect(v.domains.map((d) => d.domainId)).not.toContain('d2b');
    expect(values(v.domains.map((d) => d.judgement!))).toEqual(['low', 'low', 'low', 'low', 'low']);
  });

  it('domain scales: RoB 2 three levels; ROBINS-I “low except confounding” only in domain 1, plain Low not in 1a', () => {
    expect(values(domainJudgementOptions('ROB2', 'ds'))).toEqual(['low', 'some-concerns', 'high']);
    expect(values(domainJudgementOptions('ROBINS_I', 'd1a'))).toEqual([
      'low-except-confounding',
      'moderate',
      'serious',
      'critical',
    ]);
    expect(values(domainJudgementOptions('ROBINS_I', 'd1b'))).toEqual([
      'low',
      'low-except-confounding',
      'moderate',
      'serious',
      'critical',
    ]);
    expect(values(domainJudgementOptions('ROBINS_I', 'd4'))).toEqual([
      'low',
      'moderate',
      'serious',
      'critical',
    ]);
    expect(domainJudgementOptions('AMSTAR2', 'q1')).toEqual([]);
  });

  describe('raising the overall judgement', () => {
    it('[AJ-RAISE-ROB2] several domains with some concerns may make the overall High, with a reason', () => {
      const before = assessedVerdict('ROB2', ROB2_TWO_SOME_CONCERNS);
      expect(before.suggestedOverall?.value).toBe('some-concerns');
      expect(values(before.raiseOptions)).toEqual(['high']);
      const reason = 'Concerns in randomisation and reporting together undermine the result';
      const raised = assessedVerdict('ROB2', ROB2_TWO_SOME_CONCERNS, {
        [OVERALL_JUDGEMENT_KEY]: given('high', 'some-concerns', reason),
      });
      expect(raised.status === 'complete' && raised.overall.value).toBe('high');
      expect(raised.suggestedOverall?.value).toBe('some-concerns');
      expect(raised.raise).toMatchObject({ applies: true, reason });
      // The domains are untouched by the raise.
      expect(values(raised.domains.map((d) => d.judgement!))).toEqual(
        values(before.domains.map((d) => d.judgement!)),
      );
    });

    it('[AJ-RAISE-ROB2] one domain with some concerns is not several: no raise, and a stored one does not apply', () => {
      const one = { ...ROB2_ALL_LOW, d1_1: 'N' };
      expect(assessedVerdict('ROB2', one).raiseOptions).toEqual([]);
      const v = assessedVerdict('ROB2', one, {
        [OVERALL_JUDGEMENT_KEY]: given('high', 'some-concerns'),
      });
      expect(v.status === 'complete' && v.overall.value).toBe('some-concerns');
      expect(v.raise?.applies).toBe(false);
    });

    it('[AJ-RAISE-RI-MODERATE] ROBINS-I: several Moderate domains may make the overall Serious', () => {
      const v = assessedVerdict('ROBINS_I', ROBINS_I_TWO_MODERATE);
      expect(v.suggestedOverall?.value).toBe('moderate');
      expect(values(v.raiseOptions)).toEqual(['serious']);
      const raised = assessedVerdict('ROBINS_I', ROBINS_I_TWO_MODERATE, {
        overall: given('serious', 'moderate'),
      });
      expect(raised.status === 'complete' && raised.overall.label).toBe('Serious');
    });

    it('[AJ-RAISE-RI-SERIOUS] ROBINS-I: several Serious domains may make the overall Critical', () => {
      const v = assessedVerdict('ROBINS_I', ROBINS_I_TWO_SERIOUS);
      expect(v.suggestedOverall?.value).toBe('serious');
      expect(values(v.raiseOptions)).toEqual(['critical']);
      const raised = assessedVerdict('ROBINS_I', ROBINS_I_TWO_SERIOUS, {
        overall: given('critical', 'serious'),
      });
      expect(raised.status === 'complete' && raised.overall.value).toBe('critical');
    });

    it('[AJ-NEVER-LOWER] the overall judgement is never lowered below the algorithm’s result', () => {
      const problem = assessorJudgementProblem(
        {
          judgement: 'low',
          suggested: 'some-concerns',
          allowed: assessedVerdict('ROB2', ROB2_TWO_SOME_CONCERNS).raiseOptions,
          reason: 'Looks fine to me',
        },
        'overall',
      );
      expect(problem).toBe('The tool does not allow raising the overall judgement to that.');
      const v = assessedVerdict('ROB2', ROB2_TWO_SOME_CONCERNS, {
        overall: given('low', 'some-concerns'),
      });
      expect(v.status === 'complete' && v.overall.value).toBe('some-concerns');
      expect(
        overallRaiseOptions('ROB2', ['high', 'some-concerns', 'some-concerns'], 'high'),
      ).toEqual([]);
    });

    it('a domain override counts in the overall suggestion (the tool’s rule over the final domains)', () => {
      const v = assessedVerdict('ROB2', ROB2_ALL_LOW, { d3: given('high', 'low') });
      expect(v.suggestedOverall?.value).toBe('high');
      expect(v.status === 'complete' && v.overall.value).toBe('high');
    });

    it('an incomplete checklist has no overall judgement, raised or not', () => {
      const { d5_1: _, ...answers } = ROB2_TWO_SOME_CONCERNS;
      const v = assessedVerdict('ROB2', answers, { overall: given('high', 'some-concerns') });
      expect(v.status).toBe('incomplete');
      expect(v.suggestedOverall).toBeUndefined();
      expect(v.raise?.applies).toBe(false);
      expect(v.raiseOptions).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: overrides never change the suggested judgement.

const DOMAIN_TYPES = ['ROB2', 'ROBINS_I'] as const satisfies readonly ChecklistType[];
const BASE: Record<(typeof DOMAIN_TYPES)[number], Record<string, string>[]> = {
  ROB2: [ROB2_ALL_LOW, ROB2_TWO_SOME_CONCERNS, ROB2_HIGH],
  ROBINS_I: [ROBINS_I_ALL_LOW, ROBINS_I_TWO_MODERATE, ROBINS_I_TWO_SERIOUS],
};

/** Answers near complete ones (a fixture with some answers changed or removed) and judgements. */
const caseArb = fc.constantFrom(...DOMAIN_TYPES).chain((type) => {
  const definition = checklistDefinition(type);
  const items = checklistItems(definition).filter(isAnswerable);
  const scale = JUDGEMENT_SCALES[type];
  const domainIds = definition.sections.filter((s) => s.kind === 'domain').map((s) => s.id);
  const change = fc
    .constantFrom(...items)
    .chain((item) =>
      fc.tuple(
        fc.constant(item.id),
        fc.option(fc.constantFrom(...item.options.map((o) => o.value)), { nil: undefined }),
      ),
    );
  const judgement = fc.record({
    judgement: fc.constantFrom(...scale, 'x'),
    suggested: fc.constantFrom(...scale),
    reason: fc.constantFrom('', ' ', 'A reason'),
    by: fc.constant('u1'),
    at: fc.constant('2026-03-01T00:00:00.000Z'),
  });
  return fc.record({
    type: fc.constant(type),
    answers: fc
      .tuple(fc.constantFrom(...BASE[type]), fc.array(change, { maxLength: 4 }))
      .map(([base, changes]) => {
        const answers: Record<string, string> = { ...base };
        for (const [id, value] of changes)
          if (value === undefined) delete answers[id];
          else answers[id] = value;
        return answers;
      }),
    judgements: fc.dictionary(fc.constantFrom(...domainIds, OVERALL_JUDGEMENT_KEY), judgement, {
      maxKeys: 4,
      noNullPrototype: true,
    }),
  });
});

describe('property', () => {
  it('[AJ-SUGGESTED] overrides never change the suggested judgement; the final one is the suggestion or an applying override, and the overall is never below its suggestion', () => {
    fc.assert(
      fc.property(caseArb, ({ type, answers, judgements }) => {
        const algorithm = checklistVerdict(type, answers);
        const assessed = assessedVerdict(type, answers, judgements as AssessorJudgements);
        // The suggestions are the algorithm's, whatever the judgements.
        expect(assessed.status).toBe(algorithm.status);
        expect(assessed.domains.map((d) => [d.domainId, d.suggested])).toEqual(
          algorithm.domains.map((d) => [d.domainId, d.judgement]),
        );
        expect(assessedVerdict(type, answers).domains.map((d) => d.suggested)).toEqual(
          assessed.domains.map((d) => d.suggested),
        );
        // A raise alone leaves the overall suggestion as the algorithm gives it.
        const { [OVERALL_JUDGEMENT_KEY]: raise } = judgements;
        const raisedOnly = assessedVerdict(type, answers, raise ? { overall: raise } : {});
        expect(raisedOnly.suggestedOverall).toEqual(
          algorithm.status === 'complete' ? algorithm.overall : undefined,
        );
        for (const d of assessed.domains) {
          if (d.assessor?.applies) {
            expect(d.judgement).toEqual(d.assessor.judgement);
            expect(d.assessor.reason.trim()).not.toBe('');
            expect(d.judgement?.value).not.toBe(d.suggested?.value);
          } else expect(d.judgement).toEqual(d.suggested);
        }
        if (assessed.status === 'complete') {
          const scale = JUDGEMENT_SCALES[type];
          expect(scale.indexOf(assessed.overall.value)).toBeGreaterThanOrEqual(
            scale.indexOf(assessed.suggestedOverall!.value),
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});
