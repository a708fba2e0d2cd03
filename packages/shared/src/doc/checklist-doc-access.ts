import type { Role } from '../dto/role.ts';
import type { ChecklistStatus } from '../checklists/status.ts';

/**
 * Who may open a checklist document (document model v2, docs/doc-model-v2.md). The relay asks on
 * every upgrade and again whenever a checklist header, the project's blinding setting or a
 * member's role changes, and closes the sockets that lost access. Pure: the headers come from the
 * project document.
 */

/** What a checklist document's header says (the project document keeps it). */
export interface ChecklistHeader {
  id: string;
  studyId: string;
  type: string;
  outcomeId?: string;
  /** null for the reconciled checklist of an appraisal. */
  reviewerId: string | null;
  status: ChecklistStatus;
}

export type ChecklistDocAccess = 'write' | 'read' | 'none';

export interface ChecklistDocAccessInput {
  userId: string;
  role: Role;
  checklist: ChecklistHeader;
  /** Every checklist header of the project (the appraisal's others are picked from them). */
  checklists: readonly ChecklistHeader[];
  blindReviewers: boolean;
}

const DONE: readonly ChecklistStatus[] = ['reviewer-completed', 'finalized'];

/** The checklists of the same appraisal: one study, one tool, one outcome. */
function appraisalOf(checklist: ChecklistHeader, all: readonly ChecklistHeader[]) {
  return all.filter(
    (c) =>
      c.studyId === checklist.studyId &&
      c.type === checklist.type &&
      (c.outcomeId ?? null) === (checklist.outcomeId ?? null),
  );
}

/**
 * Blinding ends for an appraisal when its reviewers are done: every reviewer checklist done (a
 * single reviewer's is then final), or reconciliation started (it starts only from two done ones).
 */
function reviewersDone(appraisal: readonly ChecklistHeader[]): boolean {
  const reviewers = appraisal.filter((c) => c.reviewerId !== null);
  if (appraisal.some((c) => c.reviewerId === null)) return true;
  return reviewers.length > 0 && reviewers.every((c) => DONE.includes(c.status));
}

/** The appraisal has its result: a finalized reconciliation or a single reviewer's final one. */
function finalized(appraisal: readonly ChecklistHeader[]): boolean {
  const reconciled = appraisal.find((c) => c.reviewerId === null);
  if (reconciled) return reconciled.status === 'finalized';
  return appraisal.some((c) => c.status === 'finalized');
}

export function checklistDocAccess(input: ChecklistDocAccessInput): ChecklistDocAccess {
  const { userId, role, checklist, blindReviewers } = input;
  const appraisal = appraisalOf(checklist, input.checklists);
  const canWrite = role !== 'viewer';

  if (checklist.reviewerId === null) {
    // The reconciled checklist: worked on by editors and owners; viewers see the result.
    if (canWrite) return 'write';
    return !blindReviewers || finalized(appraisal) ? 'read' : 'none';
  }
  if (checklist.reviewerId === userId) return canWrite ? 'write' : 'read';
  if (!blindReviewers) return 'read';
  // An owner oversees every appraisal — except one they review themselves: then they are blind to
  // the other reviewer like anyone else, or blinding would not be blinding in the common case of
  // an owner who appraises.
  const reviewsIt = appraisal.some((c) => c.reviewerId === userId);
  if (role === 'owner' && !reviewsIt) return 'read';
  if (role === 'viewer') return finalized(appraisal) ? 'read' : 'none';
  return reviewersDone(appraisal) ? 'read' : 'none';
}
