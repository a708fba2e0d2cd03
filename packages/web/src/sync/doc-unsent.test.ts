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
import { afterServerUpdate, serverKnownOf, unsentChanges } from './doc-unsent.ts';

const study = { title: 'Trial A', authors: 'Smith J', year: 2020, journal: 'BMJ', doi: '' };

/** A document as the server has it: one study with one reviewer's AMSTAR 2 checklist. */
function syncedDoc() {
  const doc = new Y.Doc();
  ensureDocSchema(doc);
  const studyId = addStudy(doc, study, 'u1', 's1');
  const checklistId = createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'u1' });
  return { doc, studyId, checklistId, known: serverKnownOf(doc) };
}

const kinds = (doc: Y.Doc, known: Y.Snapshot) => unsentChanges(doc, known).map((c) => c.kind);

describe('unsent document changes, counted by entity', () => {
  it('is empty when nothing changed since the server’s state', () => {
    const { doc, known } = syncedDoc();
    expect(unsentChanges(doc, known)).toEqual([]);
  });

  it('counts each answer once, however often it changed (the status it moves is not extra)', () => {
    const { doc, checklistId, known } = syncedDoc();
    setAnswer(doc, checklistId, 'q1', 'yes');
    setAnswer(doc, checklistId, 'q1', 'no');
    setAnswer(doc, checklistId, 'q1', 'yes');
    setAnswer(doc, checklistId, 'q2', 'partial-yes');
    const changes = unsentChanges(doc, known);
    expect(changes.map((c) => c.key)).toEqual([
      `answer:${checklistId}:q1`,
      `answer:${checklistId}:q2`,
    ]);
    expect(changes[0]!.label).toBe('Answer to item 1 of AMSTAR 2 of “Trial A”');
  });

  it('counts a note typed in many keystrokes, with deletions, as one note', () => {
    const { doc, checklistId, known } = syncedDoc();
    const note = noteText(doc, checklistId, 'q2');
    const words = 'Protocol registered after the search.';
    for (let i = 0; i < words.length; i++) note.insert(i, words[i]!);
    note.delete(0, 9);
    expect(kinds(doc, known)).toEqual(['note']);
  });

  it('counts a deletion alone (no new item): text cut from a note, an answer cleared', () => {
    const { doc, checklistId } = syncedDoc();
    noteText(doc, checklistId, 'q3').insert(0, 'typed while online');
    setAnswer(doc, checklistId, 'q4', 'yes');
    const known = serverKnownOf(doc);
    noteText(doc, checklistId, 'q3').delete(0, 6);
    setAnswer(doc, checklistId, 'q4', undefined);
    expect(unsentChanges(doc, known).map((c) => c.key)).toEqual([
      `answer:${checklistId}:q4`,
      `note:${checklistId}:q3`,
    ]);
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

  it('keeps a checklist’s own change apart from another checklist’s answers of the same study', () => {
    const { doc, studyId, checklistId } = syncedDoc();
    setAnswer(doc, checklistId, 'q1', 'yes');
    const known = serverKnownOf(doc);
    // Another reviewer's checklist of the same study is created; this one gets an answer.
    const other = createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'u2' });
    setAnswer(doc, checklistId, 'q2', 'yes');
    expect(unsentChanges(doc, known).map((c) => c.key)).toEqual([
      `answer:${checklistId}:q2`,
      `checklist:${other}`,
    ]);
  });

  it('counts a new checklist once, not its notes’ empty texts', () => {
    const { doc, studyId, known } = syncedDoc();
    createChecklist(doc, { studyId, type: 'AMSTAR2', reviewerId: 'u2' });
    expect(kinds(doc, known)).toEqual(['checklist']);
  });

  it('mixes kinds: answers, a note and a study', () => {
    const { doc, checklistId, known } = syncedDoc();
    setAnswer(doc, checklistId, 'q1', 'yes');
    noteText(doc, checklistId, 'q1').insert(0, 'why');
    setAnswer(doc, checklistId, 'q3', 'no');
    addStudy(doc, { ...study, title: 'Another' }, 'u1');
    expect(kinds(doc, known)).toEqual(['answer', 'answer', 'note', 'study']);
  });

  it('does not count a peer’s edits that came from the server, only this device’s', () => {
    const { doc, checklistId, known: before } = syncedDoc();
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    setAnswer(doc, checklistId, 'q1', 'yes');
    setAnswer(peer, checklistId, 'q5', 'no');
    noteText(peer, checklistId, 'q5').insert(0, 'peer note');
    const fromServer = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc));
    Y.applyUpdate(doc, fromServer, 'server');
    expect(kinds(doc, before)).toEqual(['answer', 'answer', 'note']);
    const known = afterServerUpdate(before, fromServer);
    expect(unsentChanges(doc, known).map((c) => c.key)).toEqual([`answer:${checklistId}:q1`]);
  });

  it('survives being stored: the snapshot encodes and decodes', () => {
    const { doc, checklistId, known } = syncedDoc();
    setAnswer(doc, checklistId, 'q1', 'yes');
    const stored = Y.decodeSnapshot(Y.encodeSnapshot(known));
    expect(kinds(doc, stored)).toEqual(['answer']);
  });
});
