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
