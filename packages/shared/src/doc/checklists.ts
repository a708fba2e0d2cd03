import * as Y from 'yjs';
import type { Role } from '../dto/role.ts';
import {
  canReopenReconciliation,
  checklistDefinition,
  checklistItems,
  compareAnswers,
  isChecklistReadOnly,
  reopenReasonSchema,
  statusAfterAnswer,
  statusWhenDone,
} from '../checklists/index.ts';
import type { ChecklistStatus } from '../checklists/status.ts';
import type { ChecklistType } from '../checklists/types.ts';
import { addAssessorParts, appendHistory } from './assessor-parts.ts';
import { ChecklistReadOnlyError, ChecklistRuleError } from './checklist-errors.ts';
import { reconciledChecklistId, reviewerChecklistId } from './checklist-ids.ts';
import { readChecklist } from './checklist-reads.ts';
import { checklistsOf, type YChecklist } from './roots.ts';

function requireOutcome(type: ChecklistType, outcomeId: string | undefined) {
  const perOutcome = checklistDefinition(type).perOutcome === true;
  if (perOutcome && outcomeId === undefined)
    throw new Error(`a ${type} checklist needs an outcome`);
  if (!perOutcome && outcomeId !== undefined) throw new Error(`a ${type} checklist has no outcome`);
}

function newChecklistMap(
  doc: Y.Doc,
  id: string,
  fields: { type: ChecklistType; studyId: string; reviewerId: string | null; outcomeId?: string },
  status: ChecklistStatus,
): YChecklist {
  const checklist = new Y.Map<unknown>();
  checklistsOf(doc).set(id, checklist);
  checklist.set('id', id);
  checklist.set('type', fields.type);
  checklist.set('studyId', fields.studyId);
  checklist.set('reviewerId', fields.reviewerId);
  if (fields.outcomeId !== undefined) checklist.set('outcomeId', fields.outcomeId);
  checklist.set('status', status);
  checklist.set('createdAt', new Date().toISOString());
  checklist.set('completedAt', null);
  checklist.set('answers', new Y.Map<string>());
  const notes = new Y.Map<Y.Text>();
  checklist.set('notes', notes);
  for (const item of checklistItems(checklistDefinition(fields.type)))
    notes.set(item.id, new Y.Text());
  addAssessorParts(checklist, fields.type);
  return checklist;
}

/**
 * Creates the checklist with every note's Y.Text up front: if two clients created a note's Y.Text
 * lazily and concurrently, one of the two texts would be dropped by the map merge.
 */
export function createChecklist(
  doc: Y.Doc,
  input: { studyId: string; type: ChecklistType; reviewerId: string; outcomeId?: string },
): string {
  requireOutcome(input.type, input.outcomeId);
  const id = reviewerChecklistId(input.studyId, input.type, input.reviewerId, input.outcomeId);
  if (checklistsOf(doc).has(id)) return id;
  doc.transact(() => newChecklistMap(doc, id, input, 'pending'));
  return id;
}

/**
 * Starts reconciling two reviewers' completed checklists of one appraisal: a checklist assigned to
 * no reviewer, status `reconciling`, pre-filled with every answer the two agree on. If it already
 * exists (someone else started), it is left as it is.
 */
export function startReconciliation(doc: Y.Doc, firstId: string, secondId: string): string {
  const first = readChecklist(doc, firstId);
  const second = readChecklist(doc, secondId);
  if (!first || !second) throw new Error('both reviewer checklists are needed');
  if (first.type !== second.type || first.studyId !== second.studyId)
    throw new Error('the two checklists are not of the same appraisal');
  if (first.outcomeId !== second.outcomeId)
    throw new Error('the two checklists are not of the same outcome');
  const id = reconciledChecklistId(first.studyId, first.type, first.outcomeId);
  if (checklistsOf(doc).has(id)) return id;
  const { merged } = compareAnswers(first.type, first.answers, second.answers);
  doc.transact(() => {
    const checklist = newChecklistMap(
      doc,
      id,
      { type: first.type, studyId: first.studyId, reviewerId: null, outcomeId: first.outcomeId },
      'reconciling',
    );
    checklist.set('reconciledFrom', [firstId, secondId]);
    const answers = checklist.get('answers') as Y.Map<string>;
    for (const [itemId, value] of Object.entries(merged)) answers.set(itemId, value);
  });
  return id;
}

/**
 * Finalizes a reconciled checklist: its answers become the appraisal's result. `by` (the user
 * finalizing) is recorded in its history.
 */
export function finalizeReconciliation(doc: Y.Doc, checklistId: string, by?: string) {
  const checklist = checklistMap(doc, checklistId);
  if (checklist.get('reviewerId') !== null) throw new Error('not a reconciled checklist');
  const at = new Date().toISOString();
  doc.transact(() => {
    checklist.set('status', 'finalized' satisfies ChecklistStatus);
    checklist.set('completedAt', at);
    if (by !== undefined) appendHistory(checklist, { event: 'finalized', by, at });
  });
}

export function checklistMap(doc: Y.Doc, checklistId: string): YChecklist {
  const checklist = checklistsOf(doc).get(checklistId);
  if (!checklist) throw new Error(`no checklist ${checklistId}`);
  return checklist;
}

/** Sets (or, with undefined, clears) one answer; the first answer moves the status to in-progress. */
export function setAnswer(
  doc: Y.Doc,
  checklistId: string,
  itemId: string,
  value: string | undefined,
) {
  const checklist = checklistMap(doc, checklistId);
  const status = checklist.get('status') as ChecklistStatus;
  if (isChecklistReadOnly(status)) throw new ChecklistReadOnlyError();
  const item = checklistItems(checklistDefinition(checklist.get('type') as ChecklistType)).find(
    (i) => i.id === itemId,
  );
  if (!item) throw new Error(`no item ${itemId}`);
  if (value !== undefined && !item.options.some((o) => o.value === value))
    throw new Error(`${value} is not an option of ${itemId}`);
  const answers = checklist.get('answers') as Y.Map<string>;
  doc.transact(() => {
    if (value === undefined) answers.delete(itemId);
    else answers.set(itemId, value);
    const next = statusAfterAnswer(status);
    if (next !== status) checklist.set('status', next);
  });
}

export function noteText(doc: Y.Doc, checklistId: string, itemId: string): Y.Text {
  const note = (checklistMap(doc, checklistId).get('notes') as Y.Map<Y.Text>).get(itemId);
  if (!note) throw new Error(`no note for ${itemId}`);
  return note;
}

/**
 * Marks a reviewer's checklist done; with a single reviewer it is final at once. `by` (the
 * reviewer) is recorded in its history.
 */
export function markComplete(doc: Y.Doc, checklistId: string, reviewerCount: number, by?: string) {
  const checklist = checklistMap(doc, checklistId);
  const status = statusWhenDone(reviewerCount);
  const at = new Date().toISOString();
  doc.transact(() => {
    checklist.set('status', status);
    checklist.set('completedAt', at);
    if (by !== undefined)
      appendHistory(checklist, {
        event: status === 'finalized' ? 'finalized' : 'completed',
        by,
        at,
      });
  });
}

/**
 * A reviewer reopens their completed checklist (an explicit action; recorded in its history when
 * `by` is given). A finalized reconciliation is reopened with `reopenReconciliation`.
 */
export function reopen(doc: Y.Doc, checklistId: string, by?: string) {
  const checklist = checklistMap(doc, checklistId);
  if (checklist.get('reviewerId') === null && checklist.get('status') === 'finalized')
    throw new Error('a finalized reconciliation is reopened by an owner, with a reason');
  const status: ChecklistStatus =
    checklist.get('reviewerId') === null ? 'reconciling' : 'in-progress';
  const at = new Date().toISOString();
  doc.transact(() => {
    checklist.set('status', status);
    checklist.set('completedAt', null);
    if (by !== undefined) appendHistory(checklist, { event: 'reopened', by, at });
  });
}

/**
 * An owner reopens a finalized reconciliation: it goes back to reconciling, so the appraisal has
 * no result until it is finalized again, and who, when and why are appended to its history.
 * Refused (ChecklistRuleError) for anyone but an owner, without a reason, or when it is not
 * finalized. (The relay holds the owner rule too: R15 in workers/src/rooms/SPEC.md.)
 */
export function reopenReconciliation(
  doc: Y.Doc,
  checklistId: string,
  input: { by: string; role: Role; reason: string },
) {
  const checklist = checklistMap(doc, checklistId);
  if (checklist.get('reviewerId') !== null) throw new Error('not a reconciled checklist');
  const status = checklist.get('status') as ChecklistStatus;
  if (status !== 'finalized') throw new ChecklistRuleError('This reconciliation is not finalized.');
  if (!canReopenReconciliation(input.role, status))
    throw new ChecklistRuleError(
      'Only an owner of the project can reopen a finalized reconciliation.',
    );
  const reason = reopenReasonSchema.safeParse(input.reason);
  if (!reason.success) throw new ChecklistRuleError(reason.error.issues[0]!.message);
  const at = new Date().toISOString();
  doc.transact(() => {
    checklist.set('status', 'reconciling' satisfies ChecklistStatus);
    checklist.set('completedAt', null);
    appendHistory(checklist, { event: 'reopened', by: input.by, at, reason: reason.data });
  });
}
