import type * as Y from 'yjs';
import { type ExportInput } from '@corates/shared';
import {
  readProjectDoc,
  type ChecklistContent,
  type DocProblem,
  type StoredChecklist,
} from '@corates/shared/doc';

/**
 * The project document as the results export reads it, through the one tolerant reader of the
 * layout (`readProjectDoc`, shared/src/doc/read-doc.ts): entries of a shape this version does not
 * know are skipped and reported in `problems`, never guessed and never thrown on; answers are
 * checked against the definitions when scored.
 *
 * Document model v2: each checklist's content comes from its own document (`contents`, the copy
 * the relay exports to D1); a version-1 document still carries it in the header. Only the
 * checklists `visible` lets through are exported (a reader blinded to one gets none of it).
 */
export function exportInputOf(
  doc: Y.Doc,
  contents?: ReadonlyMap<string, ChecklistContent>,
  visible: (checklist: StoredChecklist) => boolean = () => true,
): ExportInput & { problems: DocProblem[] } {
  const content = readProjectDoc(doc);
  return {
    studies: content.studies,
    outcomes: content.outcomes,
    checklists: content.checklists.filter(visible).map((c) => ({
      id: c.id,
      type: c.type,
      studyId: c.studyId,
      outcomeId: c.outcomeId ?? null,
      reviewerId: c.reviewerId,
      status: c.status,
      completedAt: c.completedAt,
      ...(contents?.get(c.id) ?? {
        answers: c.answers,
        notes: plainTexts(c.notes),
        support: plainTexts(c.support),
        judgements: c.judgements,
      }),
      history: c.history,
    })),
    problems: content.problems,
  };
}

const plainTexts = (texts: Record<string, Y.Text>) =>
  Object.fromEntries(Object.entries(texts).map(([k, t]) => [k, t.toString()]));
