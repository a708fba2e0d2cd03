import { describe, expect, it } from 'vitest';
import type { ChecklistHeader } from '@corates/shared/doc';
import { checklistCopiesToDelete, checklistsToKeep } from './checklists-to-keep.ts';

const header = (
  id: string,
  reviewerId: string | null,
  status: ChecklistHeader['status'],
  studyId = 's1',
): ChecklistHeader => ({ id, studyId, type: 'AMSTAR2', reviewerId, status });

/** Study s1: me and u2 review, reconciliation under way; s2: u2 and u3, not done; s3: finalized. */
const checklists = [
  header('mine-s1', 'me', 'reviewer-completed'),
  header('theirs-s1', 'u2', 'reviewer-completed'),
  header('reconciled-s1', null, 'reconciling'),
  header('u2-s2', 'u2', 'in-progress', 's2'),
  header('u3-s2', 'u3', 'pending', 's2'),
  header('mine-s3', 'me', 'finalized', 's3'),
  header('reconciled-s3', null, 'finalized', 's3'),
  header('mine-s4', 'me', 'pending', 's4'),
];

describe('checklistsToKeep', () => {
  it('keeps an editor’s own checklists, whatever their status, and open reconciliations', () => {
    expect(checklistsToKeep({ userId: 'me', role: 'editor', checklists })).toEqual([
      'mine-s1',
      'reconciled-s1',
      'mine-s3',
      'mine-s4',
    ]);
  });

  it('never keeps another reviewer’s checklist (blinded or not: it is not assigned to me)', () => {
    const kept = checklistsToKeep({ userId: 'me', role: 'owner', checklists });
    expect(kept).not.toContain('theirs-s1');
    expect(kept).not.toContain('u2-s2');
  });

  it('keeps open reconciliations for an owner who reviews nothing', () => {
    expect(checklistsToKeep({ userId: 'boss', role: 'owner', checklists })).toEqual([
      'reconciled-s1',
    ]);
  });

  it('keeps nothing for a viewer: a viewer edits nothing', () => {
    expect(checklistsToKeep({ userId: 'me', role: 'viewer', checklists })).toEqual([]);
  });
});

describe('checklistCopiesToDelete', () => {
  const stored = checklists.map((c) => c.id);

  it('deletes another reviewer’s unfinished checklist once blinding is on, and only that', () => {
    // s1: both reviewers done, so each may read the other's; s2 is not done: u2's and u3's are
    // withheld from me; s3 is finalized.
    expect(
      checklistCopiesToDelete({
        userId: 'me',
        role: 'editor',
        checklists,
        blindReviewers: true,
        stored,
      }),
    ).toEqual(['u2-s2', 'u3-s2']);
  });

  it('deletes nothing while blinding is off', () => {
    expect(
      checklistCopiesToDelete({
        userId: 'me',
        role: 'editor',
        checklists,
        blindReviewers: false,
        stored,
      }),
    ).toEqual([]);
  });

  it('never deletes the user’s own checklists or a reconciliation they may edit', () => {
    const deleted = checklistCopiesToDelete({
      userId: 'me',
      role: 'editor',
      checklists,
      blindReviewers: true,
      stored,
    });
    for (const id of ['mine-s1', 'mine-s3', 'mine-s4', 'reconciled-s1'])
      expect(deleted).not.toContain(id);
  });

  it('deletes a viewer’s copy of a reconciliation that is not final under blinding', () => {
    expect(
      checklistCopiesToDelete({
        userId: 'v',
        role: 'viewer',
        checklists,
        blindReviewers: true,
        stored: ['reconciled-s1', 'reconciled-s3'],
      }),
    ).toEqual(['reconciled-s1']);
  });

  it('only looks at copies the device stores, and leaves one without a header here', () => {
    expect(
      checklistCopiesToDelete({
        userId: 'me',
        role: 'editor',
        checklists,
        blindReviewers: true,
        stored: ['u3-s2', 'not-seen-yet'],
      }),
    ).toEqual(['u3-s2']);
  });
});
