import * as Y from 'yjs';
import { checklistDefinition } from '../checklists/index.ts';
import type { ChecklistEvent } from '../checklists/checklist-history.ts';
import { checklistTypeSchema, type ChecklistType } from '../checklists/types.ts';
import { checklistsOf, type YChecklist } from './roots.ts';

/** Ids of a type's domains (every variant's): each has a support-for-judgement text. */
const domainIdsOf = (type: ChecklistType) =>
  checklistDefinition(type)
    .sections.filter((s) => s.kind === 'domain')
    .map((s) => s.id);

/**
 * Gives a checklist map whatever of `support` (a text per domain), `judgements` and `history` it
 * lacks; writes nothing when it has them all. A checklist gets them when it is created — its texts
 * must exist before anyone types, for the reason its notes do. One created before they existed
 * gets them from its first write here: if two devices do that for the same checklist before they
 * exchange updates, the map merge keeps one device's new parts, so what was written into the other
 * device's copy in that window is lost (the same window as starting a reconciliation on two
 * devices at once). Call it inside a transaction.
 */
export function addAssessorParts(checklist: YChecklist, type: ChecklistType) {
  let support = checklist.get('support');
  if (!(support instanceof Y.Map)) {
    support = new Y.Map<Y.Text>();
    checklist.set('support', support);
  }
  const texts = support as Y.Map<Y.Text>;
  for (const id of domainIdsOf(type))
    if (!(texts.get(id) instanceof Y.Text)) texts.set(id, new Y.Text());
  if (!(checklist.get('judgements') instanceof Y.Map)) checklist.set('judgements', new Y.Map());
  if (!(checklist.get('history') instanceof Y.Array)) checklist.set('history', new Y.Array());
}

function lacksAssessorParts(checklist: YChecklist, type: ChecklistType): boolean {
  const support = checklist.get('support');
  return (
    !(support instanceof Y.Map) ||
    domainIdsOf(type).some((id) => !(support.get(id) instanceof Y.Text)) ||
    !(checklist.get('judgements') instanceof Y.Map) ||
    !(checklist.get('history') instanceof Y.Array)
  );
}

/**
 * Makes sure a checklist created before support texts, assessor judgements and history existed
 * has them, so its fields can bind; a no-op (no update) for every checklist that has them.
 * Call it where someone may edit the checklist, not merely view it.
 */
export function ensureAssessorParts(doc: Y.Doc, checklistId: string) {
  const checklist = checklistsOf(doc).get(checklistId);
  if (!(checklist instanceof Y.Map)) return;
  const type = checklistTypeSchema.safeParse(checklist.get('type'));
  if (!type.success || !lacksAssessorParts(checklist, type.data)) return;
  doc.transact(() => addAssessorParts(checklist, type.data));
}

/** Appends to a checklist's history (creating the parts a checklist made before it lacks). */
export function appendHistory(checklist: YChecklist, event: ChecklistEvent) {
  addAssessorParts(checklist, checklist.get('type') as ChecklistType);
  (checklist.get('history') as Y.Array<ChecklistEvent>).push([event]);
}
