import type * as Y from 'yjs';
import { type ChecklistType, type StudyDesign, presetAnswers } from '@corates/shared';
import { checklistsOf, createChecklist, reviewerChecklistId, setAnswer } from '@corates/shared/doc';

/**
 * Starts (or opens) a reviewer's checklist of a study: its header in the project document. A new
 * RoB 2 checklist of a randomised trial starts with its design question answered from the study's
 * design (`presetAnswers`), written into the checklist's own document (`contentOf`, opened only
 * then), so it opens on the matching variant of the tool; the reviewer can change the answer. A
 * checklist that already exists is left as it is: its answers are the reviewer's.
 */
export function startAppraisal(
  project: Y.Doc,
  input: { studyId: string; type: ChecklistType; reviewerId: string; outcomeId?: string },
  design: StudyDesign | undefined,
  contentOf: (checklistId: string) => Y.Doc,
): string {
  const id = reviewerChecklistId(input.studyId, input.type, input.reviewerId, input.outcomeId);
  const existed = checklistsOf(project).has(id);
  const presets = existed ? [] : presetAnswers(input.type, design);
  // One update of each document: peers never see the header without its preset's status.
  project.transact(() => {
    createChecklist(project, input);
    if (presets.length === 0) return;
    const content = contentOf(id);
    content.transact(() => {
      for (const preset of presets) setAnswer(project, id, content, preset.itemId, preset.value);
    });
  });
  return id;
}
