import * as Y from 'yjs';
import { checklistDefinition, checklistItems } from '../checklists/index.ts';
import type { ChecklistStatus } from '../checklists/status.ts';
import type { ChecklistType } from '../checklists/types.ts';
import { reconciledChecklistId, reviewerChecklistId } from './checklist-ids.ts';
import { DocRoot } from './layout.ts';
import { checklistsOf } from './roots.ts';
import { addStudy } from './studies.ts';

/**
 * Test support (`@corates/shared/testing/v1-doc`): writes checklists in the version-1 layout of the
 * project document (answers, notes, support and judgements inside each checklist's entry), as a
 * v1 build did, so the server's split, the carry-over of an old copy's offline edits and the
 * tolerant v1 reader can be tested. The app has no v1 writer any more.
 */

/** Marks a document as version 1 (what an old build's `ensureDocSchema` wrote). */
export function stampV1(doc: Y.Doc) {
  doc.getMap<number>(DocRoot.meta).set('schemaVersion', 1);
}

/**
 * Stamps `doc` as version 1 and writes one study ("Trial", by user `owner`) appraised with AMSTAR 2
 * by reviewers `alice` (checklist `a`) and `bob` (`b`), both without answers yet.
 */
export function v1PairedAppraisal(doc: Y.Doc): { studyId: string; a: string; b: string } {
  stampV1(doc);
  const studyId = addStudy(
    doc,
    { title: 'Trial', authors: '', year: 2020, journal: '', doi: '' },
    'owner',
  );
  const a = createV1Checklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'alice' });
  const b = createV1Checklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'bob' });
  return { studyId, a, b };
}

/** A v1 checklist entry with every note and support text, as v1's `createChecklist` made it. */
export function createV1Checklist(
  doc: Y.Doc,
  input: {
    studyId: string;
    type: ChecklistType;
    reviewerId: string | null;
    outcomeId?: string;
    status?: ChecklistStatus;
    reconciledFrom?: [string, string];
  },
): string {
  const id =
    input.reviewerId === null
      ? reconciledChecklistId(input.studyId, input.type, input.outcomeId)
      : reviewerChecklistId(input.studyId, input.type, input.reviewerId, input.outcomeId);
  doc.transact(() => {
    const c = new Y.Map<unknown>();
    checklistsOf(doc).set(id, c);
    const definition = checklistDefinition(input.type);
    for (const [k, v] of Object.entries({
      id,
      type: input.type,
      studyId: input.studyId,
      reviewerId: input.reviewerId,
      status: input.status ?? (input.reviewerId === null ? 'reconciling' : 'pending'),
      createdAt: new Date().toISOString(),
      completedAt: null,
      ...(input.outcomeId === undefined ? {} : { outcomeId: input.outcomeId }),
      ...(input.reconciledFrom ? { reconciledFrom: input.reconciledFrom } : {}),
    }))
      c.set(k, v);
    c.set('answers', new Y.Map<string>());
    const notes = new Y.Map<Y.Text>();
    c.set('notes', notes);
    for (const item of checklistItems(definition)) notes.set(item.id, new Y.Text());
    const support = new Y.Map<Y.Text>();
    c.set('support', support);
    for (const s of definition.sections) if (s.kind === 'domain') support.set(s.id, new Y.Text());
    c.set('judgements', new Y.Map());
    c.set('history', new Y.Array());
  });
  return id;
}

const part = <T>(doc: Y.Doc, checklistId: string, key: string) => {
  const value = checklistsOf(doc).get(checklistId)?.get(key);
  if (!(value instanceof Y.Map)) throw new Error(`no v1 ${key} in ${checklistId}`);
  return value as Y.Map<T>;
};

/** Sets (or, with undefined, clears) a v1 answer. */
export function setV1Answer(doc: Y.Doc, checklistId: string, itemId: string, value?: string) {
  const answers = part<string>(doc, checklistId, 'answers');
  if (value === undefined) answers.delete(itemId);
  else answers.set(itemId, value);
}

/** A v1 note's text (created with the checklist). */
export function v1NoteText(doc: Y.Doc, checklistId: string, itemId: string): Y.Text {
  const text = part<Y.Text>(doc, checklistId, 'notes').get(itemId);
  if (!text) throw new Error(`no v1 note ${itemId}`);
  return text;
}

/** A v1 support text (created with the checklist). */
export function v1SupportText(doc: Y.Doc, checklistId: string, domainId: string): Y.Text {
  const text = part<Y.Text>(doc, checklistId, 'support').get(domainId);
  if (!text) throw new Error(`no v1 support text ${domainId}`);
  return text;
}

/** Sets a v1 checklist's status (e.g. completed, for a reconciliation fixture). */
export function setV1Status(doc: Y.Doc, checklistId: string, status: ChecklistStatus) {
  checklistsOf(doc).get(checklistId)?.set('status', status);
}
