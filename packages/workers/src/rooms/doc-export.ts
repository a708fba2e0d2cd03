import type * as Y from 'yjs';
import { type ExportInput } from '@corates/shared';
import { readProjectDoc, type DocProblem } from '@corates/shared/doc';

/**
 * The project document as the results export reads it, through the one tolerant reader of the
 * layout (`readProjectDoc`, shared/src/doc/read-doc.ts): entries of a shape this version does not
 * know are skipped and reported in `problems`, never guessed and never thrown on; answers are
 * checked against the definitions when scored.
 */
export function exportInputOf(doc: Y.Doc): ExportInput & { problems: DocProblem[] } {
  const content = readProjectDoc(doc);
  return {
    studies: content.studies,
    outcomes: content.outcomes,
    checklists: content.checklists.map((c) => ({
      id: c.id,
      type: c.type,
      studyId: c.studyId,
      outcomeId: c.outcomeId ?? null,
      reviewerId: c.reviewerId,
      status: c.status,
      completedAt: c.completedAt,
      answers: c.answers,
      notes: plainTexts(c.notes),
      support: plainTexts(c.support),
      judgements: c.judgements,
      history: c.history,
    })),
    problems: content.problems,
  };
}

const plainTexts = (texts: Record<string, Y.Text>) =>
  Object.fromEntries(Object.entries(texts).map(([k, t]) => [k, t.toString()]));
