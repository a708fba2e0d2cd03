import { describe, expect, it } from 'vitest';
import { assessedVerdict, checklistDefinition } from '@corates/shared';
import { ROB2_ALL_LOW, ROB2_HIGH } from '@corates/shared/testing';
import {
  domainAssessorLines,
  overallAssessorLines,
  overrideChoices,
  staleJudgementLinks,
  summaryWithAssessorJudgements,
} from './assessor-judgement-view.ts';
import { checklistSummary } from './checklist-summary.ts';

const at = '2026-03-01T10:00:00.000Z';
const given = (judgement: string, suggested: string) => ({
  judgement,
  suggested,
  reason: 'Reason',
  by: 'u1',
  at,
});
const nameOf = (id: string) => (id === 'u1' ? 'Ada' : 'Someone');

describe('assessor judgement in words', () => {
  it('an override that applies names who gave it; the choices leave out the suggestion', () => {
    const v = assessedVerdict('ROB2', ROB2_ALL_LOW, { d1: given('high', 'low') });
    const d1 = v.domains[0]!;
    const lines = domainAssessorLines(d1, nameOf);
    expect(lines.state).toBe('applies');
    expect(lines.byline).toMatch(/^Ada, /);
    expect(lines.staleText).toBe(null);
    expect(overrideChoices('ROB2', d1).map((j) => j.value)).toEqual(['some-concerns', 'high']);
  });

  it('an override given against another suggestion says why the suggestion stands', () => {
    const v = assessedVerdict('ROB2', ROB2_HIGH, { d1: given('some-concerns', 'low') });
    expect(domainAssessorLines(v.domains[0]!, nameOf)).toMatchObject({
      state: 'stale',
      staleText:
        'Some concerns was given when the suggestion was Low; the answers now suggest High, so the suggestion stands. Until you confirm it again or clear it, the checklist cannot be completed.',
    });
  });

  it('a raise the domain judgements no longer allow', () => {
    const v = assessedVerdict(
      'ROB2',
      { ...ROB2_ALL_LOW, d1_1: 'N' },
      {
        overall: given('high', 'some-concerns'),
      },
    );
    expect(overallAssessorLines(v, nameOf).staleText).toBe(
      'The overall judgement was raised to High, which the tool no longer allows for these domain judgements: the suggestion stands. Clear the raise to complete the checklist.',
    );
  });

  it('the summary shows final judgements and says when the overall was raised', () => {
    const answers = { ...ROB2_ALL_LOW, d1_1: 'N', d5_1: 'N' };
    const summary = checklistSummary(checklistDefinition('ROB2'), answers);
    expect(summary.ratingText).toBe('Some concerns');
    const raised = summaryWithAssessorJudgements(
      summary,
      assessedVerdict('ROB2', answers, {
        overall: given('high', 'some-concerns'),
        d3: given('high', 'low'),
      }),
      'ROB2',
    );
    // The d3 override makes the rule's result High already: the raise no longer applies.
    expect(raised.ratingText).toBe('High');
    expect(raised.domains.find((d) => d.domainId === 'd3')?.judgement?.value).toBe('high');
    const onlyRaise = summaryWithAssessorJudgements(
      summary,
      assessedVerdict('ROB2', answers, { overall: given('high', 'some-concerns') }),
      'ROB2',
    );
    expect(onlyRaise.ratingText).toBe('High (raised from Some concerns)');
  });

  it('[AJ-STALE-1] Mark complete waits for a stale override: listed as a link to its domain, with a hint', () => {
    const summary = checklistSummary(checklistDefinition('ROB2'), ROB2_HIGH);
    expect(summary.complete).toBe(true);
    const stale = summaryWithAssessorJudgements(
      summary,
      assessedVerdict('ROB2', ROB2_HIGH, { d1: given('some-concerns', 'low') }),
      'ROB2',
    );
    expect(stale.complete).toBe(false);
    expect(stale.missing).toEqual([]);
    expect(stale.completeHint).toBe(
      'Confirm again or clear each assessor judgement given against another suggestion to mark the checklist complete.',
    );
    expect(stale.stale.text).toBe('1 assessor judgement to confirm again or clear');
    expect(stale.stale.links).toEqual([
      {
        id: 'd1',
        text: 'Domain 1',
        label:
          'Override of 1. Bias arising from the randomisation process, given against another suggestion',
      },
    ]);
    // Given again against the suggestion now, it applies and nothing holds completion back.
    const again = summaryWithAssessorJudgements(
      summary,
      assessedVerdict('ROB2', ROB2_HIGH, { d1: given('some-concerns', 'high') }),
      'ROB2',
    );
    expect(again.complete).toBe(true);
    expect(again.completeHint).toBe(null);
  });

  it('[AJ-STALE-1] a stale raise is linked as the overall, after the domains', () => {
    const v = assessedVerdict(
      'ROB2',
      { ...ROB2_HIGH },
      { d1: given('some-concerns', 'low'), overall: given('high', 'some-concerns') },
    );
    expect(staleJudgementLinks('ROB2', v).links.map((l) => [l.id, l.text])).toEqual([
      ['d1', 'Domain 1'],
      ['overall', 'Overall'],
    ]);
  });
});
