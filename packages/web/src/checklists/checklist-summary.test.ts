import { describe, expect, it } from 'vitest';
import { ROBINS_I_RELEASE, amstar2Definition, robinsIDefinition } from '@corates/shared';
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
      { id: 'q9a', number: '9a' },
      { id: 'q9b', number: '9b' },
    ]);
  });

  it('all "Yes" → High; one critical "No" → Low with the flaw listed', () => {
    expect(checklistSummary(amstar2Definition, allYes)).toMatchObject({
      progressText: '18/18',
      ratingText: 'High',
      missing: [],
    });
    const s = checklistSummary(amstar2Definition, { ...allYes, q7: 'no', q16: 'no' });
    expect(s.ratingText).toBe('Low');
    expect(s.score).toMatchObject({ criticalFlaws: ['7'], nonCriticalWeaknesses: ['16'] });
  });

  it('a value that is not an option counts as unanswered', () => {
    const s = checklistSummary(amstar2Definition, { ...allYes, q1: 'maybe' });
    expect(s.progressText).toBe('17/18');
    expect(s.ratingText).toBe('Incomplete — 1 item unanswered');
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
});
