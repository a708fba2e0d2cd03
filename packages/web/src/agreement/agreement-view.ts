import {
  type DocStudy,
  type ToolAgreement,
  projectAgreement,
  reviewerPairs,
} from '@corates/shared';
import type { DocChecklist } from '@corates/shared/doc';

/**
 * The project's agreement tables from its document: every appraisal both assigned reviewers have
 * completed, in study order, compared per tool. Checklists of removed studies are left out.
 */
export function projectAgreementView(
  studies: readonly DocStudy[],
  checklists: readonly DocChecklist[],
): ToolAgreement[] {
  const byId = new Map(studies.map((s, i) => [s.id, { study: s, order: i }]));
  const ordered = checklists
    .filter((c) => byId.has(c.studyId))
    .toSorted((a, b) => byId.get(a.studyId)!.order - byId.get(b.studyId)!.order);
  const pairs = reviewerPairs(ordered, (studyId) => {
    const study = byId.get(studyId)?.study;
    return study && ([study.reviewer1, study.reviewer2] as const);
  });
  return projectAgreement(pairs);
}
