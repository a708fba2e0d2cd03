import { z } from 'zod';

/**
 * Where one checklist is in the workflow. A reviewer's checklist goes `pending` → `in-progress`
 * (first answer) → `reviewer-completed` (marked done), or straight to `finalized` when the study
 * has a single reviewer. The reconciled checklist, assigned to neither reviewer, goes
 * `reconciling` → `finalized`.
 */
export const checklistStatusSchema = z.enum([
  'pending',
  'in-progress',
  'reviewer-completed',
  'reconciling',
  'finalized',
]);
export type ChecklistStatus = z.infer<typeof checklistStatusSchema>;

/**
 * Where a study is in the workflow, derived from its checklists by `studyStatus`.
 * `reviewer-completed` means one of two reviewers is done; `ready-to-reconcile` means both are.
 */
export const studyStatusSchema = z.enum([
  'pending',
  'in-progress',
  'reviewer-completed',
  'ready-to-reconcile',
  'reconciling',
  'finalized',
]);
export type StudyStatus = z.infer<typeof studyStatusSchema>;

/** A study has at most two assigned reviewers. */
export const MAX_REVIEWERS = 2;

function assertReviewerCount(reviewerCount: number): void {
  if (!Number.isInteger(reviewerCount) || reviewerCount < 0 || reviewerCount > MAX_REVIEWERS) {
    throw new RangeError(`reviewerCount must be 0, 1 or 2, got ${reviewerCount}`);
  }
}

/** The status after an answer is recorded: the first answer starts a pending checklist. */
export function statusAfterAnswer(status: ChecklistStatus): ChecklistStatus {
  return status === 'pending' ? 'in-progress' : status;
}

/**
 * The status a reviewer's checklist takes when the reviewer marks it done. With one reviewer there
 * is nothing to reconcile, so the checklist is final; with two it waits for the other reviewer.
 * (A reconciled checklist marked done is simply `finalized`.)
 * @throws RangeError when `reviewerCount` is not 1 or 2.
 */
export function statusWhenDone(reviewerCount: number): 'reviewer-completed' | 'finalized' {
  assertReviewerCount(reviewerCount);
  if (reviewerCount === 0) throw new RangeError('a checklist needs an assigned reviewer');
  return reviewerCount === 1 ? 'finalized' : 'reviewer-completed';
}

/** Completed checklists are read-only; editing one again needs an explicit reopen. */
export function isChecklistReadOnly(status: ChecklistStatus): boolean {
  return status === 'reviewer-completed' || status === 'finalized';
}

/**
 * A study's status from the statuses of its checklists of one type (the reviewers' and, if any,
 * the reconciled one) and its number of assigned reviewers. In order:
 * any `finalized` → finalized; any `reconciling` → reconciling; a `reviewer-completed` checklist
 * with at most one reviewer → finalized (one reviewer's completion is final, even if the checklist
 * was completed while a second reviewer was assigned); two `reviewer-completed` with two reviewers
 * → ready to reconcile; one → reviewer completed; any `in-progress` → in progress; else pending.
 * @throws RangeError when `reviewerCount` is not 0, 1 or 2.
 */
export function studyStatus(
  checklistStatuses: readonly ChecklistStatus[],
  reviewerCount: number,
): StudyStatus {
  assertReviewerCount(reviewerCount);
  const has = (s: ChecklistStatus) => checklistStatuses.includes(s);
  if (has('finalized')) return 'finalized';
  if (has('reconciling')) return 'reconciling';
  const completed = checklistStatuses.filter((s) => s === 'reviewer-completed').length;
  if (completed > 0 && reviewerCount <= 1) return 'finalized';
  if (completed >= MAX_REVIEWERS) return 'ready-to-reconcile';
  if (completed > 0) return 'reviewer-completed';
  if (has('in-progress')) return 'in-progress';
  return 'pending';
}

/**
 * A study appraised with several tools or outcomes is as far along as its least advanced
 * appraisal, but once any of them has started it is no longer "not started".
 */
export function combinedStudyStatus(appraisalStatuses: readonly StudyStatus[]): StudyStatus {
  if (appraisalStatuses.length === 0) return 'pending';
  const order = studyStatusSchema.options;
  const least = appraisalStatuses.reduce((a, b) => (order.indexOf(b) < order.indexOf(a) ? b : a));
  const started = appraisalStatuses.some((s) => s !== 'pending');
  return least === 'pending' && started ? 'in-progress' : least;
}
