import type { ChecklistType } from '../checklists/types.ts';

/**
 * A reviewer's checklist has a deterministic id, so the same reviewer opening it on two devices
 * lands on one checklist rather than two. Per-outcome checklists (ROBINS-I, RoB 2) include the
 * outcome: one reviewer assesses several outcomes of a study.
 */
export function reviewerChecklistId(
  studyId: string,
  type: ChecklistType,
  reviewerId: string,
  outcomeId?: string,
) {
  return [studyId, type, ...(outcomeId === undefined ? [] : [outcomeId]), reviewerId].join(':');
}

/** The reviewer id part of a reconciled checklist's id (no user id has a colon or this value). */
const RECONCILED = 'reconciled';

/**
 * The reconciled checklist of an appraisal has a deterministic id too, so two people reconciling
 * the same study at once end with one reconciled checklist.
 */
export function reconciledChecklistId(studyId: string, type: ChecklistType, outcomeId?: string) {
  return reviewerChecklistId(studyId, type, RECONCILED, outcomeId);
}
