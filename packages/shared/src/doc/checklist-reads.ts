import type * as Y from 'yjs';
import { readChecklistEntry, readProjectDoc, type StoredChecklist } from './read-doc.ts';
import { checklistsOf } from './roots.ts';

/**
 * A checklist as the app reads it: the stored checklist without its collaborative texts (notes,
 * support for judgement), which are bound to fields by identity and read on their own. The reader
 * always gives `judgements` and `history` (empty when there are none); views built from other
 * sources may leave them out.
 */
export type DocChecklist = Omit<StoredChecklist, 'notes' | 'support' | 'judgements' | 'history'> &
  Partial<Pick<StoredChecklist, 'judgements' | 'history'>>;

/** Every domain's support-for-judgement text of a readable checklist, by domain id. */
export function readChecklistSupport(doc: Y.Doc, checklistId: string): Record<string, Y.Text> {
  const c = checklistsOf(doc).get(checklistId);
  return (c !== undefined && readChecklistEntry(checklistId, c).value?.support) || {};
}

export function readChecklist(doc: Y.Doc, checklistId: string): DocChecklist | undefined {
  const c = checklistsOf(doc).get(checklistId);
  if (c === undefined) return undefined;
  const checklist = readChecklistEntry(checklistId, c).value;
  if (!checklist) return undefined;
  const { notes: _notes, support: _support, ...rest } = checklist;
  return rest;
}

/** Every note's Y.Text of a readable checklist, by item id. */
export function readChecklistNotes(doc: Y.Doc, checklistId: string): Record<string, Y.Text> {
  const c = checklistsOf(doc).get(checklistId);
  return (c !== undefined && readChecklistEntry(checklistId, c).value?.notes) || {};
}

/**
 * Document health: how many entries the readers skipped because another client wrote them with
 * the wrong types (the server counts the same in its summary). Shown to owners.
 */
export function docProblemCount(doc: Y.Doc): number {
  return readProjectDoc(doc).problems.length;
}

export function readChecklists(doc: Y.Doc, studyId?: string): DocChecklist[] {
  const out: DocChecklist[] = [];
  checklistsOf(doc).forEach((_, id) => {
    const c = readChecklist(doc, id);
    if (c && (studyId === undefined || c.studyId === studyId)) out.push(c);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
