import { describe, expect, it } from 'vitest';
import {
  ROBINS_I_RELEASE,
  ROB2_CLUSTER_RELEASE,
  ROB2_CROSSOVER_RELEASE,
  amstar2Definition,
  rob2Definition,
  robinsIDefinition,
} from '@corates/shared';
import { ROB2_ALL_LOW, ROB2_CLUSTER_ALL_LOW, ROBINS_I_ALL_LOW } from '@corates/shared/testing';
import { checklistAccess, checklistSummary, toolReleaseLine } from './checklist-summary.ts';

const allYes = Object.fromEntries(
  amstar2Definition.sections[0].items.map((i) => [i.id, i.options[0].value]),
);

describe('checklistSummary', () => {
  it('an empty checklist is incomplete with every item listed', () => {
    const s = checklistSummary(amstar2Definition, {});
    expect(s.progressText).toBe('0/18');
    expect(s.ratingText).toBe('Incomplete — 18 items unanswered');
    expect(s.missing.slice(8, 10)).toEqual([
      { id: 'q9a', text: '9a', label: 'Item 9a' },
      { id: 'q9b', text: '9b', label: 'Item 9b' },
    ]);
    expect([s.complete, s.missingText]).toEqual([false, '18 items unanswered']);
  });

  it('all "Yes" → High; one critical "No" → Low with the flaw listed', () => {
    expect(checklistSummary(amstar2Definition, allYes)).toMatchObject({
      progressText: '18/18',
      ratingText: 'High',
      missing: [],
      complete: true,
      completeHint: null,
    });
    const s = checklistSummary(amstar2Definition, { ...allYes, q7: 'no', q16: 'no' });
    expect(s.ratingText).toBe('Low');
    expect(s.score).toMatchObject({
      findings: { criticalFlaws: ['7'], nonCriticalWeaknesses: ['16'] },
    });
  });

  it('[A2-summary] flaws and weaknesses are counted as counts and named as items', () => {
    const s = checklistSummary(amstar2Definition, { ...allYes, q7: 'no', q9b: 'no', q10: 'no' });
    expect(s.findings).toEqual({
      criticalFlaws: {
        count: '2 critical flaws',
        items: [
          { id: 'q7', text: 'Item 7', label: 'Item 7' },
          // Item 9's parts are one item; the link goes to its first part.
          { id: 'q9a', text: 'Item 9', label: 'Item 9' },
        ],
      },
      nonCriticalWeaknesses: {
        count: '1 non-critical weakness',
        items: [{ id: 'q10', text: 'Item 10', label: 'Item 10' }],
      },
    });
    expect(checklistSummary(amstar2Definition, allYes).findings).toEqual({
      criticalFlaws: { count: 'No critical flaws', items: [] },
      nonCriticalWeaknesses: { count: 'No non-critical weaknesses', items: [] },
    });
    // No findings before there is a rating, and none in the risk-of-bias tools.
    expect(checklistSummary(amstar2Definition, {}).findings).toBeNull();
    expect(checklistSummary(rob2Definition, ROB2_ALL_LOW).findings).toBeNull();
  });

  it('a value that is not an option counts as unanswered', () => {
    const s = checklistSummary(amstar2Definition, { ...allYes, q1: 'maybe' });
    expect(s.progressText).toBe('17/18');
    expect(s.ratingText).toBe('Incomplete — 1 item unanswered');
  });
});

describe('checklistSummary of RoB 2 speaks RoB 2', () => {
  it('a cluster trial: questions reached, domains 1a and 1b, no AMSTAR 2 flaws', () => {
    const s = checklistSummary(rob2Definition, ROB2_CLUSTER_ALL_LOW);
    expect([s.progressText, s.ratingText, s.overallHeading]).toEqual([
      '18/18',
      'Low',
      'Overall risk of bias',
    ]);
    expect(s.score).toMatchObject({ status: 'complete', findings: null });
    expect(s.domains.map((d) => d.title.split('.')[0])).toEqual(['1a', '1b', '2', '3', '4', '5']);
  });
  it('incomplete: questions, not items, and what marking complete waits for', () => {
    const s = checklistSummary(rob2Definition, { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N' });
    expect([s.progressText, s.ratingText]).toEqual(['18/19', 'Incomplete — 1 question unanswered']);
    expect(s.missing).toEqual([{ id: 'd1b_2', text: '1b.2', label: 'Question 1b.2' }]);
    expect(s.completeHint).toBe('Answer every question asked to mark the checklist complete.');
    expect(checklistSummary(amstar2Definition, {}).completeHint).toBe(
      'Answer every item to mark the checklist complete.',
    );
  });
});

describe('checklistAccess', () => {
  const base = {
    role: 'editor' as const,
    userId: 'me',
    reviewerId: 'me',
    reviewerName: 'Me',
    status: 'in-progress' as const,
  };

  it('the reviewer edits their open checklist', () => {
    expect(checklistAccess(base)).toEqual({ isReviewer: true, editable: true, reason: null });
  });

  it('a completed checklist is read-only even for its reviewer, who may reopen it', () => {
    expect(checklistAccess({ ...base, status: 'finalized' })).toMatchObject({
      isReviewer: true,
      editable: false,
    });
  });

  it('someone else’s checklist and a viewer are read-only, with the reason', () => {
    expect(checklistAccess({ ...base, reviewerId: 'ada', reviewerName: 'Ada' }).reason).toBe(
      'This is Ada’s checklist: only they can change it.',
    );
    expect(checklistAccess({ ...base, role: 'viewer' })).toMatchObject({
      isReviewer: false,
      editable: false,
    });
  });
});

describe('toolReleaseLine', () => {
  it('names the ROBINS-I V2 release the judgements follow; AMSTAR 2 has none', () => {
    expect(toolReleaseLine(robinsIDefinition)).toBe(
      'Judgements follow ROBINS-I V2 (20 November 2025 release, robins-i.org)',
    );
    expect(toolReleaseLine(robinsIDefinition)).toContain(ROBINS_I_RELEASE);
    expect(toolReleaseLine(amstar2Definition)).toBeNull();
  });
  it('names the RoB 2 variant of the study design chosen; none for a parallel trial', () => {
    expect(toolReleaseLine(rob2Definition, { p_design: 'cluster' })).toBe(
      `Judgements follow ${ROB2_CLUSTER_RELEASE}`,
    );
    expect(toolReleaseLine(rob2Definition, { p_design: 'crossover' })).toBe(
      `Judgements follow ${ROB2_CROSSOVER_RELEASE}`,
    );
    expect(toolReleaseLine(rob2Definition, { p_design: 'parallel' })).toBeNull();
  });
});

describe('checklistSummary: complete means every question asked is answered', () => {
  it('[REQ-1] ROBINS-I: progress and the unanswered list follow the questions asked', () => {
    expect(checklistSummary(robinsIDefinition, ROBINS_I_ALL_LOW)).toMatchObject({
      progressText: '22/22',
      ratingText: 'Low',
      complete: true,
      missing: [],
    });
    // 2.1 "No": 2.2 is asked, and the judgement waits for it.
    const s = checklistSummary(robinsIDefinition, { ...ROBINS_I_ALL_LOW, d2_1: 'N' });
    expect([s.progressText, s.ratingText, s.complete]).toEqual([
      '22/23',
      'Incomplete — 1 question unanswered',
      false,
    ]);
    expect(s.missing).toEqual([{ id: 'd2_2', text: '2.2', label: 'Question 2.2' }]);
  });

  it('[REQ-1] a judgement the answers already give is shown, but marking complete waits for every question asked', () => {
    // RoB 2 domain 1: 1.2 "No" is High whatever 1.1 and 1.3 say; both are still asked.
    const { d1_1: _1, d1_3: _3, ...answers } = { ...ROB2_ALL_LOW, d1_2: 'N' } as const;
    const s = checklistSummary(rob2Definition, answers);
    expect([s.ratingText, s.complete, s.missingText]).toEqual([
      'High',
      false,
      '2 questions unanswered',
    ]);
    expect(s.missing.map((m) => m.text)).toEqual(['1.1', '1.3']);
  });

  it('[REQ-3] an old "Not applicable" on a question that is asked is listed unanswered, not counted', () => {
    const s = checklistSummary(robinsIDefinition, { ...ROBINS_I_ALL_LOW, d2_1: 'N', d2_2: 'NA' });
    // NA reads as NI, so 2.3 is asked too; neither is answered.
    expect([s.progressText, s.missing.map((m) => m.text)]).toEqual(['22/24', ['2.2', '2.3']]);
  });
});
