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
  unansweredQuestions,
} from '../checklists/index.ts';
import type { ChecklistStatus } from '../checklists/status.ts';
import type { ChecklistType } from '../checklists/types.ts';
import { appendHistory } from './append-history.ts';
import { ChecklistDocRoot, checklistText, readChecklistContent } from './checklist-doc.ts';
import { ChecklistReadOnlyError, ChecklistRuleError } from './checklist-errors.ts';
import { reconciledChecklistId, reviewerChecklistId } from './checklist-ids.ts';
import { readChecklist } from './checklist-reads.ts';
import { checklistsOf, type YChecklist } from './roots.ts';

/**
 * Checklists under document model v2 (docs/doc-model-v2.md): the header (type, reviewer, status,
 * history, …) is an entry of the project document; the content (answers, notes, support texts,
 * assessor judgements) is the checklist's own document, `content` below, which the relay may
 * withhold. A change of both (an answer that moves the status on) is two transactions, one per
 * document.
 */

function requireOutcome(type: ChecklistType, outcomeId: string | undefined) {
  const perOutcome = checklistDefinition(type).perOutcome === true;
  if (perOutcome && outcomeId === undefined)
    throw new Error(`a ${type} checklist needs an outcome`);
  if (!perOutcome && outcomeId !== undefined) throw new Error(`a ${type} checklist has no outcome`);
}

function newHeader(
  project: Y.Doc,
  id: string,
  fields: { type: ChecklistType; studyId: string; reviewerId: string | null; outcomeId?: string },
  status: ChecklistStatus,
): YChecklist {
  const checklist = new Y.Map<unknown>();
  checklistsOf(project).set(id, checklist);
  checklist.set('id', id);
  checklist.set('type', fields.type);
  checklist.set('studyId', fields.studyId);
  checklist.set('reviewerId', fields.reviewerId);
  if (fields.outcomeId !== undefined) checklist.set('outcomeId', fields.outcomeId);
  checklist.set('status', status);
  checklist.set('createdAt', new Date().toISOString());
  checklist.set('completedAt', null);
  checklist.set('history', new Y.Array());
  return checklist;
}

/**
 * Creates a reviewer's checklist: its header only (the relay refuses content in the project
 * document, [R19]); its document starts empty, and notes are root texts any client may create.
 */
export function createChecklist(
  project: Y.Doc,
  input: { studyId: string; type: ChecklistType; reviewerId: string; outcomeId?: string },
): string {
  requireOutcome(input.type, input.outcomeId);
  const id = reviewerChecklistId(input.studyId, input.type, input.reviewerId, input.outcomeId);
  if (checklistsOf(project).has(id)) return id;
  project.transact(() => newHeader(project, id, input, 'pending'));
  return id;
}

/**
 * Starts reconciling two reviewers' completed checklists of one appraisal: a header assigned to
 * no reviewer, status `reconciling`, and `target` (the reconciled checklist's document) pre-filled
 * with every answer the two agree on. If the header already exists (someone else started), nothing
 * is written: their document has the pre-filled answers, and `target` may not have synced yet.
 */
export function startReconciliation(
  project: Y.Doc,
  first: { id: string; content: Y.Doc },
  second: { id: string; content: Y.Doc },
  target: Y.Doc,
): string {
  const a = readChecklist(project, first.id, first.content);
  const b = readChecklist(project, second.id, second.content);
  if (!a || !b) throw new Error('both reviewer checklists are needed');
  if (a.type !== b.type || a.studyId !== b.studyId)
    throw new Error('the two checklists are not of the same appraisal');
  if (a.outcomeId !== b.outcomeId)
    throw new Error('the two checklists are not of the same outcome');
  const id = reconciledChecklistId(a.studyId, a.type, a.outcomeId);
  if (checklistsOf(project).has(id)) return id;
  const { merged } = compareAnswers(a.type, a.answers, b.answers);
  target.transact(() => {
    const answers = target.getMap<string>(ChecklistDocRoot.answers);
    for (const [itemId, value] of Object.entries(merged)) answers.set(itemId, value);
  });
  project.transact(() => {
    const header = newHeader(
      project,
      id,
      { type: a.type, studyId: a.studyId, reviewerId: null, outcomeId: a.outcomeId },
      'reconciling',
    );
    header.set('reconciledFrom', [first.id, second.id]);
  });
  return id;
}

/**
 * Finalizes a reconciled checklist: its answers become the appraisal's result. `by` (the user
 * finalizing) is recorded in its history.
 */
export function finalizeReconciliation(project: Y.Doc, checklistId: string, by?: string) {
  const checklist = checklistHeader(project, checklistId);
  if (checklist.get('reviewerId') !== null) throw new Error('not a reconciled checklist');
  const at = new Date().toISOString();
  project.transact(() => {
    checklist.set('status', 'finalized' satisfies ChecklistStatus);
    checklist.set('completedAt', at);
    if (by !== undefined) appendHistory(checklist, { event: 'finalized', by, at });
  });
}

/** A checklist's header in the project document; throws when there is none. */
export function checklistHeader(project: Y.Doc, checklistId: string): YChecklist {
  const checklist = checklistsOf(project).get(checklistId);
  if (!(checklist instanceof Y.Map)) throw new Error(`no checklist ${checklistId}`);
  return checklist;
}

/** The header's status and type, refusing a change to a done checklist. */
export function editableHeader(project: Y.Doc, checklistId: string) {
  const checklist = checklistHeader(project, checklistId);
  const status = checklist.get('status') as ChecklistStatus;
  if (isChecklistReadOnly(status)) throw new ChecklistReadOnlyError();
  return { checklist, status, type: checklist.get('type') as ChecklistType };
}

/**
 * Sets (or, with undefined, clears) one answer in the checklist's document; the first answer
 * moves the header's status to in-progress.
 */
export function setAnswer(
  project: Y.Doc,
  checklistId: string,
  content: Y.Doc,
  itemId: string,
  value: string | undefined,
) {
  const { checklist, status, type } = editableHeader(project, checklistId);
  const item = checklistItems(checklistDefinition(type)).find((i) => i.id === itemId);
  if (!item) throw new Error(`no item ${itemId}`);
  if (value !== undefined && !item.options.some((o) => o.value === value))
    throw new Error(`${value} is not an option of ${itemId}`);
  const answers = content.getMap<string>(ChecklistDocRoot.answers);
  content.transact(() => {
    if (value === undefined) answers.delete(itemId);
    else answers.set(itemId, value);
  });
  const next = statusAfterAnswer(status);
  if (next !== status) project.transact(() => checklist.set('status', next));
}

/** An item's note: a root text of the checklist's document, there whether or not anyone typed. */
export function noteText(content: Y.Doc, itemId: string): Y.Text {
  return checklistText(content, 'notes', itemId);
}

/** A domain's "support for judgement" text (ROBINS-I, RoB 2), a root text like a note. */
export function supportText(content: Y.Doc, domainId: string): Y.Text {
  return checklistText(content, 'support', domainId);
}

/**
 * Marks a reviewer's checklist done; with a single reviewer it is final at once. Refused
 * (ChecklistRuleError) while a question the tool asks has no answer in `content`. `by` (the
 * reviewer) is recorded in its history.
 */
export function markComplete(
  project: Y.Doc,
  checklistId: string,
  content: Y.Doc,
  reviewerCount: number,
  by?: string,
) {
  const checklist = checklistHeader(project, checklistId);
  const type = checklist.get('type') as ChecklistType;
  const missing = unansweredQuestions(
    checklistDefinition(type),
    readChecklistContent(content).answers,
  );
  if (missing.length > 0)
    throw new ChecklistRuleError(
      `Answer every question before marking this checklist complete (${missing.length} unanswered).`,
    );
  const status = statusWhenDone(reviewerCount);
  const at = new Date().toISOString();
  project.transact(() => {
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
export function reopen(project: Y.Doc, checklistId: string, by?: string) {
  const checklist = checklistHeader(project, checklistId);
  if (checklist.get('reviewerId') === null && checklist.get('status') === 'finalized')
    throw new Error('a finalized reconciliation is reopened by an owner, with a reason');
  const status: ChecklistStatus =
    checklist.get('reviewerId') === null ? 'reconciling' : 'in-progress';
  const at = new Date().toISOString();
  project.transact(() => {
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
  project: Y.Doc,
  checklistId: string,
  input: { by: string; role: Role; reason: string },
) {
  const checklist = checklistHeader(project, checklistId);
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
  project.transact(() => {
    checklist.set('status', 'reconciling' satisfies ChecklistStatus);
    checklist.set('completedAt', null);
    appendHistory(checklist, { event: 'reopened', by: input.by, at, reason: reason.data });
  });
}
