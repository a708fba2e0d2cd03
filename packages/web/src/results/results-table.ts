import {
  type DocOutcome,
  type DocStudy,
  type Judgement,
  type RobvisTable,
  appraisalResult,
  finalizedChecklists,
  robvisTables,
  studyLabels,
  toolCitations,
} from '@corates/shared';
import type { ScoredContent } from '../studies/checklist-contents.ts';
import type { ListedChecklist } from '../studies/study-row.ts';

/** One AMSTAR 2 result: a review's overall confidence. */
export interface Amstar2Row {
  key: string;
  /** The study's label, as in the figures ("Lee 2020"). */
  study: string;
  studyTitle: string;
  /** Undefined when the finalized checklist cannot be scored (written by another version). */
  overall: Judgement | undefined;
}

/** Everything the results page shows, from the project document. */
export interface ResultsView {
  /** RoB 2 and ROBINS-I: one per tool and outcome, with figures (see `robvisTables`). */
  domainTables: RobvisTable[];
  /** AMSTAR 2 is not judged by domain: a table of overall confidence only. */
  amstar2: Amstar2Row[];
  /** How to cite the tools the results used, and robvis when there are figures. */
  citations: string[];
}

/**
 * The checklists holding the results, decided from headers alone (`finalizedChecklists` reads
 * statuses and dates, not answers): the ones whose content the results page loads. Checklists of
 * removed studies are left out.
 */
export function resultHeaders<H extends ListedChecklist>(
  studies: readonly DocStudy[],
  headers: readonly H[],
): H[] {
  const inProject = new Set(studies.map((s) => s.id));
  const byId = new Map(headers.map((h) => [h.id, h]));
  return finalizedChecklists(
    headers.filter((h) => inProject.has(h.studyId)).map((h) => ({ ...h, answers: {} })),
  ).map((c) => byId.get(c.id)!);
}

/**
 * The results page's content: finalized appraisals only, studies in the project's order, from
 * the result checklists whose content is loaded (`resultHeaders`, then their documents).
 */
export function resultsView(
  studies: readonly DocStudy[],
  outcomes: readonly DocOutcome[],
  checklists: readonly (ListedChecklist & ScoredContent)[],
): ResultsView {
  const order = new Map(studies.map((s, i) => [s.id, i]));
  const plain = checklists.filter((c) => order.has(c.studyId));
  const finals = finalizedChecklists(plain);
  const labels = studyLabels(studies);
  const amstar2 = finals
    .filter((c) => c.type === 'AMSTAR2')
    .sort((a, b) => order.get(a.studyId)! - order.get(b.studyId)!)
    .map((c) => ({
      key: c.id,
      study: labels.get(c.studyId)!,
      studyTitle: studies[order.get(c.studyId)!]!.title,
      overall: appraisalResult(c).overall,
    }));
  return {
    domainTables: robvisTables({ studies, outcomes, checklists: plain }),
    amstar2,
    citations: toolCitations(finals),
  };
}
