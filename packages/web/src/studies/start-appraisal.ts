import type * as Y from 'yjs';
import { type ChecklistType, type StudyDesign, presetAnswers } from '@corates/shared';
import { checklistsOf, createChecklist, reviewerChecklistId, setAnswer } from '@corates/shared/doc';

/**
 * Starts (or opens) a reviewer's checklist of a study. A new RoB 2 checklist of a randomised trial
 * starts with its design question answered from the study's design (`presetAnswers`), in the same
 * transaction, so it opens on the matching variant of the tool; the reviewer can change the answer.
 * A checklist that already exists is left as it is: its answers are the reviewer's.
 */
export function startAppraisal(
  doc: Y.Doc,
  input: { studyId: string; type: ChecklistType; reviewerId: string; outcomeId?: string },
  design: StudyDesign | undefined,
): string {
  const id = reviewerChecklistId(input.studyId, input.type, input.reviewerId, input.outcomeId);
  doc.transact(() => {
    const existed = checklistsOf(doc).has(id);
    createChecklist(doc, input);
    if (!existed)
      for (const preset of presetAnswers(input.type, design))
        setAnswer(doc, id, preset.itemId, preset.value);
  });
  return id;
}
