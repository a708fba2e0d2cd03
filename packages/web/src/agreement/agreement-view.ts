import {
  type DocStudy,
  type ToolAgreement,
  projectAgreement,
  reviewerPairs,
} from '@corates/shared';
import type { ScoredContent } from '../studies/checklist-contents.ts';
import type { ListedChecklist } from '../studies/study-row.ts';

/** Studies in the project's order, and each study's assigned reviewers. */
function studyIndex(studies: readonly DocStudy[]) {
  const byId = new Map(studies.map((s, i) => [s.id, { study: s, order: i }]));
  const reviewersOf = (studyId: string) => {
    const study = byId.get(studyId)?.study;
    return study && ([study.reviewer1, study.reviewer2] as const);
  };
  return { byId, reviewersOf };
}

/**
 * The appraisals both assigned reviewers have completed, decided from headers alone (pairing reads
 * statuses and reviewers, not answers): each pair's two checklists are the ones whose content the
 * agreement page loads. Checklists of removed studies are left out.
 */
export function agreementPairs<H extends ListedChecklist>(
  studies: readonly DocStudy[],
  headers: readonly H[],
): { first: H; second: H }[] {
  const { byId, reviewersOf } = studyIndex(studies);
  const heads = new Map(headers.map((h) => [h.id, h]));
  const inProject = headers.filter((c) => byId.has(c.studyId));
  return reviewerPairs(
    inProject.map((h) => ({ ...h, answers: {} })),
    reviewersOf,
  ).map((p) => ({ first: heads.get(p.first.id)!, second: heads.get(p.second.id)! }));
}

/**
 * The project's agreement tables: every appraisal both assigned reviewers have completed and
 * whose two checklists' content is loaded, in study order, compared per tool. Checklists of
 * removed studies are left out.
 */
export function projectAgreementView(
  studies: readonly DocStudy[],
  checklists: readonly (ListedChecklist & ScoredContent)[],
): ToolAgreement[] {
  const { byId, reviewersOf } = studyIndex(studies);
  const ordered = checklists
    .filter((c) => byId.has(c.studyId))
    .toSorted((a, b) => byId.get(a.studyId)!.order - byId.get(b.studyId)!.order);
  return projectAgreement(reviewerPairs(ordered, reviewersOf));
}
