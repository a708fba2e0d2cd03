import {
  activeSections,
  answerWhenAsked,
  reachedItemIds,
  type ChecklistAnswers,
  type ChecklistDefinition,
  type ChecklistItem,
} from './types.ts';

/** How far a checklist has been filled in. */
export interface ChecklistProgress {
  answered: number;
  total: number;
}

/**
 * The questions the tool asks given the answers, in display order: those of the active sections
 * (not another effect of interest's domain, another design's domains, or the sections after a
 * screening stop) whose condition (`askedIf`) holds. The parts of a split question (AMSTAR 2
 * 9a/9b, 11a/11b) are separate questions, because each is a separate answer the reviewer must
 * give; the optional direction-of-bias items and text items are not questions.
 */
function questionsAsked(definition: ChecklistDefinition, answers: ChecklistAnswers) {
  const reached = reachedItemIds(definition, answers);
  return activeSections(definition, answers)
    .flatMap((s) => s.items)
    .filter((item) => (item.kind ?? 'question') === 'question' && reached.has(item.id));
}

/**
 * Counts the questions the tool asks given the answers, and those of them answered. Values that
 * are not one of the item's options do not count, nor does "Not applicable" on a question whose
 * printed condition holds (`answerWhenAsked`).
 */
export function checklistProgress(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistProgress {
  const asked = questionsAsked(definition, answers);
  const answered = asked.filter((item) => answerWhenAsked(item, answers) !== undefined).length;
  return { answered, total: asked.length };
}

/**
 * The questions the tool asks given the answers that have no answer yet, in display order. A
 * checklist is complete, and may be marked complete, when there are none; they are the questions
 * `checklistProgress` counts as asked but not answered.
 */
export function unansweredQuestions(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistItem[] {
  return questionsAsked(definition, answers).filter(
    (item) => answerWhenAsked(item, answers) === undefined,
  );
}
