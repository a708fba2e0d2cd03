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
import type { DocChecklist } from '@corates/shared/doc';

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

/** The results page's content: finalized appraisals only, studies in the project's order. */
export function resultsView(
  studies: readonly DocStudy[],
  outcomes: readonly DocOutcome[],
  checklists: readonly DocChecklist[],
): ResultsView {
  const order = new Map(studies.map((s, i) => [s.id, i]));
  // Answers are read from the live document: a plain copy, so the results do not change under us.
  const plain = checklists
    .filter((c) => order.has(c.studyId))
    .map((c) => ({ ...c, answers: { ...c.answers } }));
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
