import {
  activeSections,
  answerFor,
  reachedItemIds,
  type ChecklistAnswers,
  type ChecklistDefinition,
} from './types.ts';

/** How far a checklist has been filled in. */
export interface ChecklistProgress {
  answered: number;
  total: number;
}

/**
 * Counts the questions the tool asks given the answers, and those of them with a valid answer. The
 * parts of a split question (AMSTAR 2 9a/9b, 11a/11b) count separately, because each is a separate
 * answer the reviewer must give; values that are not one of the item's options do not count.
 * Sections not chosen (ROBINS-I domain 1a or 1b, RoB 2 domain 2a or 2b, another design's domains)
 * and the domains of an assessment stopped at screening are left out, and so are the optional
 * direction-of-bias items, text items, and questions whose condition (`askedIf`) does not hold.
 */
export function checklistProgress(
  definition: ChecklistDefinition,
  answers: ChecklistAnswers,
): ChecklistProgress {
  const reached = reachedItemIds(definition, answers);
  const items = activeSections(definition, answers)
    .flatMap((s) => s.items)
    .filter((item) => (item.kind ?? 'question') === 'question' && reached.has(item.id));
  const answered = items.filter((item) => answerFor(item, answers) !== undefined).length;
  return { answered, total: items.length };
}
