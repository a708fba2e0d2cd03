import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addOutcome,
  addStudy,
  createChecklist,
  ensureDocSchema,
  noteText,
  removeStudy,
  renameOutcome,
  setAnswer,
} from '@corates/shared/doc';
import {
  afterServerUpdate,
  serverKnownOf,
  unsentChanges,
  unsentChecklistChanges,
} from './doc-unsent.ts';

const study = { title: 'Trial A', authors: 'Smith J', year: 2020, journal: 'BMJ', doi: '' };

/**
 * A project document as the server has it (one study with one reviewer's AMSTAR 2 checklist) and
 * that checklist's own document (document model v2), with what the server knows of each.
 */
function syncedDoc() {
  const doc = new Y.Doc();
  ensureDocSchema(doc);
  const studyId = addStudy(doc, study, 'u1', 's1');
  const checklistId = createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'u1' });
  const content = new Y.Doc();
  return {
    doc,
    content,
    studyId,
    checklistId,
    known: serverKnownOf(doc),
    contentKnown: serverKnownOf(content),
  };
}

const kinds = (doc: Y.Doc, known: Y.Snapshot) => unsentChanges(doc, known).map((c) => c.kind);

describe('unsent changes of a project document, counted by entity', () => {
  it('is empty when nothing changed since the server’s state', () => {
    const { doc, known } = syncedDoc();
    expect(unsentChanges(doc, known)).toEqual([]);
  });

  it('counts studies added, edited and removed (with the checklists it takes), and outcomes', () => {
    const { doc, studyId, known } = syncedDoc();
    addStudy(doc, { ...study, title: 'Cohort B' }, 'u1', 's2');
    addStudy(doc, { ...study, title: 'Cohort C' }, 'u1', 's3');
    removeStudy(doc, studyId);
    const outcome = addOutcome(doc, { name: 'Mortality' }, 'u1');
    renameOutcome(doc, outcome, 'All-cause mortality');
    const changes = unsentChanges(doc, known);
    expect(changes.map((c) => c.kind)).toEqual(['checklist', 'study', 'study', 'study', 'outcome']);
    expect(changes.map((c) => c.label).sort()).toEqual([
      'A removed checklist',
      'A removed study',
      'Outcome “All-cause mortality”',
      'Study “Cohort B”',
      'Study “Cohort C”',
    ]);
  });

  it('counts a new checklist once, and a checklist’s status change as that checklist', () => {
    const { doc, content, studyId, checklistId, known } = syncedDoc();
    createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'u2' });
    setAnswer(doc, checklistId, content, 'q1', 'yes');
    expect(unsentChanges(doc, known).map((c) => c.label)).toEqual([
      'Status of AMSTAR 2 of “Trial A”',
      'Status of AMSTAR 2 of “Trial A”',
    ]);
    expect(kinds(doc, known)).toEqual(['checklist', 'checklist']);
  });
});

describe('unsent changes of a checklist document, counted by entity', () => {
  const changesOf = (s: ReturnType<typeof syncedDoc>, known = s.contentKnown) =>
    unsentChecklistChanges(s.content, known, s.checklistId, s.doc);

  it('is empty when nothing changed since the server’s state', () => {
    expect(changesOf(syncedDoc())).toEqual([]);
  });

  it('counts each answer once, however often it changed, named from the project document', () => {
    const s = syncedDoc();
    setAnswer(s.doc, s.checklistId, s.content, 'q1', 'yes');
    setAnswer(s.doc, s.checklistId, s.content, 'q1', 'no');
    setAnswer(s.doc, s.checklistId, s.content, 'q1', 'yes');
    setAnswer(s.doc, s.checklistId, s.content, 'q2', 'partial-yes');
    const changes = changesOf(s);
    expect(changes.map((c) => c.key)).toEqual([
      `answer:${s.checklistId}:q1`,
      `answer:${s.checklistId}:q2`,
    ]);
    expect(changes[0]!.label).toBe('Answer to item 1 of AMSTAR 2 of “Trial A”');
    // Without the project document at hand, still counted, in plainer words.
    expect(
      unsentChecklistChanges(s.content, s.contentKnown, s.checklistId, undefined)[0]!.label,
    ).toBe('Answer to item q1 of a checklist');
  });

  it('counts a note typed in many keystrokes, with deletions, as one note', () => {
    const s = syncedDoc();
    const note = noteText(s.content, 'q2');
    const words = 'Protocol registered after the search.';
    for (let i = 0; i < words.length; i++) note.insert(i, words[i]!);
    note.delete(0, 9);
    const changes = changesOf(s);
    expect(changes.map((c) => c.kind)).toEqual(['note']);
    expect(changes[0]!.label).toBe('Note on item 2 of AMSTAR 2 of “Trial A”');
  });

  it('counts a deletion alone (no new item): text cut from a note, an answer cleared', () => {
    const s = syncedDoc();
    noteText(s.content, 'q3').insert(0, 'typed while online');
    setAnswer(s.doc, s.checklistId, s.content, 'q4', 'yes');
    const known = serverKnownOf(s.content);
    noteText(s.content, 'q3').delete(0, 6);
    setAnswer(s.doc, s.checklistId, s.content, 'q4', undefined);
    expect(changesOf(s, known).map((c) => c.key)).toEqual([
      `answer:${s.checklistId}:q4`,
      `note:${s.checklistId}:q3`,
    ]);
  });

  it('does not count a peer’s edits that came from the server, only this device’s', () => {
    const s = syncedDoc();
    const peer = new Y.Doc();
    setAnswer(s.doc, s.checklistId, s.content, 'q1', 'yes');
    setAnswer(s.doc, s.checklistId, peer, 'q5', 'no');
    noteText(peer, 'q5').insert(0, 'peer note');
    const fromServer = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(s.content));
    Y.applyUpdate(s.content, fromServer, 'server');
    expect(changesOf(s).map((c) => c.kind)).toEqual(['answer', 'answer', 'note']);
    const known = afterServerUpdate(s.contentKnown, fromServer);
    expect(changesOf(s, known).map((c) => c.key)).toEqual([`answer:${s.checklistId}:q1`]);
  });

  it('survives being stored: the snapshot encodes and decodes', () => {
    const s = syncedDoc();
    setAnswer(s.doc, s.checklistId, s.content, 'q1', 'yes');
    const stored = Y.decodeSnapshot(Y.encodeSnapshot(s.contentKnown));
    expect(changesOf(s, stored).map((c) => c.kind)).toEqual(['answer']);
  });
});
