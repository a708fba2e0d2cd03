import { describe, expect, it } from 'vitest';
import type { ChecklistStatus } from '../checklists/status.ts';
import { checklistDocAccess, type ChecklistHeader } from './checklist-doc-access.ts';

const header = (reviewerId: string | null, status: ChecklistStatus, id = `c-${reviewerId}`) =>
  ({
    id,
    studyId: 's1',
    type: 'ROB2',
    outcomeId: 'o1',
    reviewerId,
    status,
  }) satisfies ChecklistHeader;

function access(
  userId: string,
  role: 'owner' | 'editor' | 'viewer',
  checklist: ChecklistHeader,
  checklists: ChecklistHeader[],
  blindReviewers = true,
) {
  return checklistDocAccess({ userId, role, checklist, checklists, blindReviewers });
}

describe('checklistDocAccess [BLIND-*]', () => {
  const a = header('alice', 'in-progress');
  const bDone = header('bob', 'reviewer-completed');
  const inProgress = [a, bDone];

  it('[BLIND-1] a reviewer writes their own checklist', () => {
    expect(access('alice', 'editor', a, inProgress)).toBe('write');
  });

  it('[BLIND-2] while blinded, the other reviewer and other editors cannot open it, even when one is done', () => {
    expect(access('bob', 'editor', a, inProgress)).toBe('none');
    expect(access('alice', 'editor', bDone, inProgress)).toBe('none');
    expect(access('carol', 'editor', a, inProgress)).toBe('none');
  });

  it('[BLIND-3] once both reviewers are done, the other reviewer reads it (not writes)', () => {
    const aDone = header('alice', 'reviewer-completed');
    expect(access('bob', 'editor', aDone, [aDone, bDone])).toBe('read');
    expect(access('carol', 'editor', aDone, [aDone, bDone])).toBe('read');
  });

  it('[BLIND-4] a started reconciliation ends blinding for its appraisal', () => {
    const rec = header(null, 'reconciling');
    expect(access('bob', 'editor', header('alice', 'reviewer-completed'), [a, bDone, rec])).toBe(
      'read',
    );
    expect(access('bob', 'editor', rec, [a, bDone, rec])).toBe('write');
  });

  it('[BLIND-5] an owner reads every checklist, except the other one of an appraisal they review', () => {
    expect(access('olga', 'owner', a, inProgress)).toBe('read');
    const o = header('olga', 'in-progress');
    expect(access('olga', 'owner', bDone, [o, bDone])).toBe('none');
    expect(access('olga', 'owner', o, [o, bDone])).toBe('write');
  });

  it('[BLIND-6] a viewer reads only a finalized appraisal', () => {
    const rec = header(null, 'reconciling');
    expect(access('vic', 'viewer', rec, [a, bDone, rec])).toBe('none');
    expect(access('vic', 'viewer', bDone, [a, bDone, rec])).toBe('none');
    const fin = header(null, 'finalized');
    expect(access('vic', 'viewer', fin, [a, bDone, fin])).toBe('read');
    expect(access('vic', 'viewer', bDone, [a, bDone, fin])).toBe('read');
    const single = header('alice', 'finalized');
    expect(access('vic', 'viewer', single, [single])).toBe('read');
  });

  it('[BLIND-7] with blinding off every member reads every checklist; only its reviewer writes it', () => {
    expect(access('bob', 'editor', a, inProgress, false)).toBe('read');
    expect(access('vic', 'viewer', a, inProgress, false)).toBe('read');
    expect(access('alice', 'editor', a, inProgress, false)).toBe('write');
  });

  it('[BLIND-8] another appraisal of the same study (other outcome) does not end blinding', () => {
    const otherOutcome = { ...header('alice', 'reviewer-completed', 'x'), outcomeId: 'o2' };
    const otherB = { ...header('bob', 'reviewer-completed', 'y'), outcomeId: 'o2' };
    expect(access('bob', 'editor', a, [a, bDone, otherOutcome, otherB])).toBe('none');
  });

  it('[BLIND-9] a viewer who is (still) named reviewer reads, never writes, their checklist', () => {
    expect(access('alice', 'viewer', a, inProgress)).toBe('read');
  });
});
