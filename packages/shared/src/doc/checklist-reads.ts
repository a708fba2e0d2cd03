import type * as Y from 'yjs';
import { readChecklistContent } from './checklist-doc.ts';
import { readChecklistEntry, readProjectDoc, type StoredChecklist } from './read-doc.ts';
import { checklistsOf } from './roots.ts';

/**
 * A checklist's header as the app reads it from the project document (document model v2): type,
 * reviewer, status, outcome, history — no answers, which live in the checklist's own document.
 */
export type DocChecklistHeader = Omit<
  StoredChecklist,
  'answers' | 'notes' | 'support' | 'judgements'
>;

/**
 * A checklist with its answers: the header and what its document holds (notes and support texts
 * are bound by identity, `noteText` / `supportText`). Views built from other sources (the
 * server's results) may leave out `judgements` and `history`.
 */
export type DocChecklist = Omit<StoredChecklist, 'notes' | 'support' | 'judgements' | 'history'> &
  Partial<Pick<StoredChecklist, 'judgements' | 'history'>>;

function readHeader(project: Y.Doc, checklistId: string): DocChecklistHeader | undefined {
  const c = checklistsOf(project).get(checklistId);
  if (c === undefined) return undefined;
  const stored = readChecklistEntry(checklistId, c).value;
  if (!stored) return undefined;
  const { answers: _a, notes: _n, support: _s, judgements: _j, ...header } = stored;
  return header;
}

/** A header with its checklist document's answers and assessor judgements. */
export function withContent(header: DocChecklistHeader, content: Y.Doc): DocChecklist {
  const { answers, judgements } = readChecklistContent(content);
  return { ...header, answers, judgements };
}

/**
 * A checklist's header (without `content`), or the header with its document's answers and
 * judgements (given the checklist's document); undefined when the project has no such header.
 */
export function readChecklist(project: Y.Doc, checklistId: string): DocChecklistHeader | undefined;
export function readChecklist(
  project: Y.Doc,
  checklistId: string,
  content: Y.Doc,
): DocChecklist | undefined;
export function readChecklist(project: Y.Doc, checklistId: string, content?: Y.Doc) {
  const header = readHeader(project, checklistId);
  return header && content ? withContent(header, content) : header;
}

/**
 * Document health: how many entries the readers skipped because another client wrote them with
 * the wrong types (the server counts the same in its summary). Shown to owners.
 */
export function docProblemCount(doc: Y.Doc): number {
  return readProjectDoc(doc).problems.length;
}

/** Every readable checklist header (of one study, given its id), oldest first. */
export function readChecklists(project: Y.Doc, studyId?: string): DocChecklistHeader[] {
  const out: DocChecklistHeader[] = [];
  checklistsOf(project).forEach((_, id) => {
    const c = readHeader(project, id);
    if (c && (studyId === undefined || c.studyId === studyId)) out.push(c);
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
