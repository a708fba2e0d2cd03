// The units the sync status counts document edits in. Free of Yjs on purpose: the status line is
// on every page, also the sign-in page and the project list, which must not load Yjs (the
// first-load budget); only the tracker that counts (doc-unsent.ts) needs it.

/**
 * What a user changed in a project's document, in the units they think in. One answer changed
 * five times is one answer; a note typed in forty keystrokes is one note.
 */
export type DocChangeKind =
  'answer' | 'note' | 'support' | 'judgement' | 'checklist' | 'study' | 'outcome' | 'other';

export interface DocChange {
  kind: DocChangeKind;
  /** The entity's identity (`answer:<checklist>:<item>`): two changes with one key are one. */
  key: string;
  /** The entity in words, for the sync panel. */
  label: string;
}

export const KIND_ORDER: readonly DocChangeKind[] = [
  'answer',
  'note',
  'support',
  'judgement',
  'checklist',
  'study',
  'outcome',
  'other',
];

const CONTENT_KINDS: ReadonlySet<DocChangeKind> = new Set([
  'answer',
  'note',
  'support',
  'judgement',
]);

/** The checklist a content change (`answer:<checklist>:<item>`) is of; item ids have no colon. */
const checklistOfContent = (c: DocChange) =>
  CONTENT_KINDS.has(c.kind) ? c.key.slice(c.kind.length + 1, c.key.lastIndexOf(':')) : undefined;

/**
 * One project's unsent changes from its documents (the project document and its checklist
 * documents), each entity once, in the order of kinds. A checklist's own change (its status in
 * the project document) is not counted beside changes of its content: answering a first question
 * moves the status too, and that is still one answer.
 */
export function mergeDocChanges(lists: readonly (readonly DocChange[])[]): DocChange[] {
  const byKey = new Map<string, DocChange>();
  for (const list of lists) for (const c of list) if (!byKey.has(c.key)) byKey.set(c.key, c);
  const withContent = new Set<string>();
  for (const c of byKey.values()) {
    const checklist = checklistOfContent(c);
    if (checklist !== undefined) withContent.add(`checklist:${checklist}`);
  }
  return [...byKey.values()]
    .filter((c) => c.kind !== 'checklist' || !withContent.has(c.key))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}
