import * as Y from 'yjs';
import {
  DocRoot,
  checklistStatusSchema,
  checklistTypeSchema,
  docOutcomeSchema,
  docStudySchema,
  type ExportInput,
} from '@corates/shared';

/**
 * The project document as the results export reads it. Entries in a shape this version does not
 * know are skipped, never guessed; answers are checked against the definitions when scored.
 */
export function exportInputOf(doc: Y.Doc): ExportInput {
  const input: ExportInput = { studies: [], outcomes: [], checklists: [] };
  const studies = input.studies as ExportInput['studies'][number][];
  const outcomes = input.outcomes as ExportInput['outcomes'][number][];
  const checklists = input.checklists as ExportInput['checklists'][number][];

  doc.getMap<Y.Map<unknown>>(DocRoot.studies).forEach((s) => {
    const study = docStudySchema.safeParse(s.toJSON());
    if (study.success) studies.push(study.data);
  });
  doc.getMap<Y.Map<unknown>>(DocRoot.outcomes).forEach((o) => {
    const outcome = docOutcomeSchema.safeParse(o.toJSON());
    if (outcome.success) outcomes.push(outcome.data);
  });
  doc.getMap<Y.Map<unknown>>(DocRoot.checklists).forEach((c, id) => {
    const type = checklistTypeSchema.safeParse(c.get('type'));
    const status = checklistStatusSchema.safeParse(c.get('status'));
    const studyId = c.get('studyId');
    const reviewerId = c.get('reviewerId');
    const answers = c.get('answers');
    const notes = c.get('notes');
    if (!type.success || !status.success || typeof studyId !== 'string') return;
    if (reviewerId !== null && typeof reviewerId !== 'string') return;
    const outcomeId = c.get('outcomeId');
    const completedAt = c.get('completedAt');
    const plainAnswers: Record<string, string> = {};
    if (answers instanceof Y.Map)
      answers.forEach((v, k) => {
        if (typeof v === 'string') plainAnswers[k] = v;
      });
    const plainNotes: Record<string, string> = {};
    if (notes instanceof Y.Map)
      notes.forEach((v, k) => {
        if (v instanceof Y.Text) plainNotes[k] = v.toString();
      });
    checklists.push({
      id,
      type: type.data,
      studyId,
      outcomeId: typeof outcomeId === 'string' ? outcomeId : null,
      reviewerId,
      status: status.data,
      completedAt: typeof completedAt === 'string' ? completedAt : null,
      answers: plainAnswers,
      notes: plainNotes,
    });
  });
  return input;
}
