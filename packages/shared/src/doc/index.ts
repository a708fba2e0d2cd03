/**
 * `@corates/shared/doc`: the document model — the only code that reads or writes the Yjs
 * documents (layout.ts, docs/yjs-document.md). Reads are tolerant (read-doc.ts: malformed entries
 * are skipped and reported); writes are typed, one transaction each, so a peer never sees half of
 * one. Pure functions over a Y.Doc: they run the same in the browser, the Durable Object and tests.
 * This subpath is the one part of `shared` that imports yjs, so the main entry stays zod-only.
 */
export * from './read-doc.ts';
export * from './roots.ts';
export * from './migrations.ts';
export * from './studies.ts';
export * from './assign-many.ts';
export * from './import-studies.ts';
export * from './outcomes.ts';
export * from './checklist-ids.ts';
export * from './checklist-errors.ts';
export {
  checklistHeader,
  createChecklist,
  finalizeReconciliation,
  markComplete,
  noteText,
  reopen,
  reopenReconciliation,
  setAnswer,
  startReconciliation,
  supportText,
} from './checklists.ts';
export * from './judgements.ts';
export * from './take-text.ts';
export * from './checklist-reads.ts';
export * from './checklist-doc.ts';
export * from './checklist-doc-access.ts';
export * from './unsynced-v1-edits.ts';
export * from './settings.ts';
export * from './trash.ts';
export * from './demo.ts';
export * from './mirror.ts';
