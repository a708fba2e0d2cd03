import * as Y from 'yjs';
import { randomId } from './random-id.ts';
import { type DocOutcome, type OutcomeFields } from './layout.ts';
import { readOutcomeEntry } from './read-doc.ts';
import { checklistsOf, outcomesOf } from './roots.ts';

/** Adds an outcome of the project (what ROBINS-I and RoB 2 checklists assess). */
export function addOutcome(
  doc: Y.Doc,
  fields: OutcomeFields,
  userId: string,
  id: string = randomId(),
): string {
  doc.transact(() => {
    const outcome = new Y.Map<unknown>();
    outcomesOf(doc).set(id, outcome);
    outcome.set('id', id);
    outcome.set('name', fields.name);
    outcome.set('createdAt', new Date().toISOString());
    outcome.set('createdBy', userId);
  });
  return id;
}

export function renameOutcome(doc: Y.Doc, outcomeId: string, name: string) {
  const outcome = outcomesOf(doc).get(outcomeId);
  if (!outcome) throw new Error(`no outcome ${outcomeId}`);
  if (outcome.get('name') !== name) outcome.set('name', name);
}

/** Checklists that assess an outcome. */
export function checklistsOfOutcome(doc: Y.Doc, outcomeId: string): string[] {
  const ids: string[] = [];
  checklistsOf(doc).forEach((c, id) => {
    if (c instanceof Y.Map && c.get('outcomeId') === outcomeId) ids.push(id);
  });
  return ids;
}

/**
 * Removes an outcome no checklist assesses. One in use is refused: removing it would leave
 * assessments of nothing, and their answers are the project's work.
 */
export function removeOutcome(doc: Y.Doc, outcomeId: string) {
  if (checklistsOfOutcome(doc, outcomeId).length > 0)
    throw new Error('checklists assess this outcome; remove them first');
  outcomesOf(doc).delete(outcomeId);
}

export function readOutcomes(doc: Y.Doc): DocOutcome[] {
  const out: DocOutcome[] = [];
  outcomesOf(doc).forEach((o, id) => {
    const outcome = readOutcomeEntry(id, o).value;
    if (outcome) out.push(outcome);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
