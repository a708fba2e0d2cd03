import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  DOC_SCHEMA_VERSION,
  DocRoot,
  checklistDefinition,
  checklistItems,
  scoreAmstar2,
  type Amstar2Answers,
} from '@corates/shared';
import { stampV1 } from './v1-doc-fixture.ts';
import {
  ChecklistReadOnlyError,
  ChecklistRuleError,
  checklistsOf,
  noteRootName,
  readChecklistContent,
  addStudy,
  assignReviewers,
  createChecklist,
  ensureDocSchema,
  markComplete,
  migrateDoc,
  noteText,
  readChecklist,
  readChecklists,
  readStudies,
  removeStudy,
  reopen,
  setAnswer,
  updateStudy,
} from './index.ts';

const study = {
  title: 'Statins in older adults',
  authors: 'Lee et al.',
  year: 2021,
  journal: 'BMJ',
  doi: '10.1136/bmj.n1',
};

/** Answers every AMSTAR 2 question with its first option. */
function answerAll(project: Y.Doc, checklistId: string, content: Y.Doc) {
  for (const item of checklistItems(checklistDefinition('AMSTAR2')))
    if ((item.kind ?? 'question') === 'question')
      setAnswer(project, checklistId, content, item.id, item.options[0]!.value);
}

/** Two replicas whose updates are queued, so tests choose delivery order, loss and duplication. */
function replicas(n = 2) {
  const docs = Array.from({ length: n }, () => new Y.Doc());
  const queues: Uint8Array[][] = docs.map(() => []);
  docs.forEach((d, i) =>
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') queues.forEach((q, j) => j !== i && q.push(u));
    }),
  );
  const deliver = (rng = Math.random) => {
    docs.forEach((d, i) => {
      const q = queues[i]!.splice(0);
      // Reorder and duplicate: Yjs must converge whatever order updates arrive in.
      const shuffled = [...q, ...q.filter(() => rng() < 0.3)].sort(() => rng() - 0.5);
      for (const u of shuffled) Y.applyUpdate(d, u, 'remote');
    });
  };
  return { docs, deliver };
}

describe('doc model', () => {
  it('stamps the schema version once', () => {
    const doc = new Y.Doc();
    ensureDocSchema(doc);
    expect(doc.getMap(DocRoot.meta).get('schemaVersion')).toBe(DOC_SCHEMA_VERSION);
  });

  it('a new document is at version 2', () => {
    expect(DOC_SCHEMA_VERSION).toBe(2);
  });

  it('migrations run once each, in order, up to the target version', () => {
    const doc = new Y.Doc();
    doc.getMap(DocRoot.meta).set('schemaVersion', 2);
    const ran: number[] = [];
    migrateDoc(doc, { 2: () => ran.push(2), 3: () => ran.push(3) }, 4);
    migrateDoc(doc, { 2: () => ran.push(2), 3: () => ran.push(3) }, 4);
    expect(ran).toEqual([2, 3]);
    expect(doc.getMap(DocRoot.meta).get('schemaVersion')).toBe(4);
    expect(() => migrateDoc(new Y.Doc(), {}, DOC_SCHEMA_VERSION)).not.toThrow();
  });

  it('[R18] a client leaves a version-1 copy as it is: the server splits v1 documents', () => {
    const doc = new Y.Doc();
    stampV1(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    migrateDoc(doc, { 1: () => doc.getMap('x').set('y', 1) }, DOC_SCHEMA_VERSION);
    ensureDocSchema(doc);
    expect(updates).toEqual([]);
    expect(doc.getMap(DocRoot.meta).get('schemaVersion')).toBe(1);
  });

  it('migrating an up-to-date (or new) document writes nothing', () => {
    const doc = new Y.Doc();
    ensureDocSchema(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    migrateDoc(doc, {}, DOC_SCHEMA_VERSION);
    migrateDoc(new Y.Doc(), {}, DOC_SCHEMA_VERSION);
    expect(updates).toEqual([]);
  });

  it('adds, edits, assigns and removes studies', () => {
    const doc = new Y.Doc();
    const id = addStudy(doc, study, 'u1');
    updateStudy(doc, id, { year: 2022 });
    assignReviewers(doc, id, 'u1', 'u2');
    expect(readStudies(doc)).toMatchObject([
      { id, title: study.title, year: 2022, reviewer1: 'u1', reviewer2: 'u2', createdBy: 'u1' },
    ]);
    expect(() => assignReviewers(doc, id, 'u1', 'u1')).toThrow(/different/);
    createChecklist(doc, { studyId: id, type: 'AMSTAR2', reviewerId: 'u1' });
    removeStudy(doc, id);
    expect(readStudies(doc)).toEqual([]);
    expect(readChecklists(doc)).toEqual([]);
  });

  it('checklists: first answer → in-progress, complete → read-only, reopen → editable', () => {
    const doc = new Y.Doc();
    const content = new Y.Doc();
    const s = addStudy(doc, study, 'u1');
    const c = createChecklist(doc, { studyId: s, type: 'AMSTAR2', reviewerId: 'u1' });
    expect(readChecklist(doc, c)?.status).toBe('pending');
    setAnswer(doc, c, content, 'q1', 'yes');
    expect(readChecklist(doc, c, content)).toMatchObject({
      status: 'in-progress',
      answers: { q1: 'yes' },
    });
    expect(() => setAnswer(doc, c, content, 'q1', 'maybe')).toThrow(/not an option/);
    expect(() => setAnswer(doc, c, content, 'q99', 'yes')).toThrow(/no item/);
    expect(() => markComplete(doc, c, content, 2)).toThrow(ChecklistRuleError);
    expect(() => markComplete(doc, c, content, 2)).toThrow(/Answer every question/);
    answerAll(doc, c, content);
    markComplete(doc, c, content, 2);
    expect(readChecklist(doc, c)?.status).toBe('reviewer-completed');
    expect(() => setAnswer(doc, c, content, 'q2', 'yes')).toThrow(ChecklistReadOnlyError);
    reopen(doc, c);
    setAnswer(doc, c, content, 'q1', undefined);
    expect(readChecklist(doc, c, content)?.answers).not.toHaveProperty('q1');
  });

  it('a single reviewer finalizes directly', () => {
    const doc = new Y.Doc();
    const content = new Y.Doc();
    const c = createChecklist(doc, {
      studyId: addStudy(doc, study, 'u1'),
      type: 'AMSTAR2',
      reviewerId: 'u1',
    });
    answerAll(doc, c, content);
    markComplete(doc, c, content, 1);
    expect(readChecklist(doc, c)?.status).toBe('finalized');
  });

  it('a new checklist is a header in the project document, with no content there', () => {
    const doc = new Y.Doc();
    const c = createChecklist(doc, {
      studyId: addStudy(doc, study, 'u1'),
      type: 'AMSTAR2',
      reviewerId: 'u1',
    });
    const entry = checklistsOf(doc).get(c)!;
    expect([...entry.keys()].sort()).toEqual(
      [
        'completedAt',
        'createdAt',
        'history',
        'id',
        'reviewerId',
        'status',
        'studyId',
        'type',
      ].sort(),
    );
    expect(readChecklist(doc, c)).not.toHaveProperty('answers');
    expect(readChecklist(doc, c)).toMatchObject({ history: [] });
  });

  it('every item has its note text from the start, empty, in the checklist document', () => {
    const content = new Y.Doc();
    for (const item of ['q1', 'q9a', 'q9b', 'q16'])
      expect(noteText(content, item).toString()).toBe('');
    noteText(content, 'q1').insert(0, 'p. 3');
    expect(readChecklistContent(content).notes).toEqual({ q1: 'p. 3' });
    expect(content.share.has(noteRootName('q1'))).toBe(true);
  });

  it('concurrent answers to different items and edits of one note all survive, in any delivery order', () => {
    for (let seed = 1; seed <= 25; seed++) {
      let x = seed;
      const rng = () => (x = (x * 16807) % 2147483647) / 2147483647;
      // a and b: the project document on two devices; ca and cb: the checklist's document.
      const project = replicas(2);
      const checklist = replicas(2);
      const [a, b] = project.docs as [Y.Doc, Y.Doc];
      const [ca, cb] = checklist.docs as [Y.Doc, Y.Doc];
      const deliver = (rng: () => number) => {
        project.deliver(rng);
        checklist.deliver(rng);
      };
      const s = addStudy(a, study, 'u1', 'study-1');
      const c = createChecklist(a, { studyId: s, type: 'AMSTAR2', reviewerId: 'u1' });
      deliver(rng);
      noteText(ca, 'q4').insert(0, 'searched 3 databases');
      deliver(rng);
      // Offline on both sides:
      setAnswer(a, c, ca, 'q1', 'yes');
      setAnswer(b, c, cb, 'q2', 'partial-yes');
      noteText(ca, 'q4').insert(0, '[A] ');
      noteText(cb, 'q4').insert(noteText(cb, 'q4').length, ' [B]');
      // A note neither device had before: created offline on both (root texts merge by name).
      noteText(ca, 'q5').insert(0, 'A5');
      noteText(cb, 'q5').insert(0, 'B5');
      updateStudy(a, s, { year: 2020 });
      updateStudy(b, s, { journal: 'Lancet' });
      deliver(rng);
      deliver(rng);
      expect(readChecklist(a, c, ca)?.answers).toEqual({ q1: 'yes', q2: 'partial-yes' });
      expect(noteText(ca, 'q4').toString()).toBe('[A] searched 3 databases [B]');
      expect(['A5B5', 'B5A5']).toContain(noteText(ca, 'q5').toString());
      expect(noteText(cb, 'q5').toString()).toBe(noteText(ca, 'q5').toString());
      expect(readChecklist(a, c)?.status).toBe('in-progress');
      expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
      expect(Y.encodeStateVector(ca)).toEqual(Y.encodeStateVector(cb));
      expect(readStudies(b)[0]).toMatchObject({ year: 2020, journal: 'Lancet' });
    }
  });

  it('the same reviewer creating their checklist on two devices gets one checklist', () => {
    const { docs, deliver } = replicas(2);
    const [a, b] = docs as [Y.Doc, Y.Doc];
    const s = addStudy(a, study, 'u1', 'study-1');
    deliver();
    const ca = createChecklist(a, { studyId: s, type: 'AMSTAR2', reviewerId: 'u1' });
    const cb = createChecklist(b, { studyId: s, type: 'AMSTAR2', reviewerId: 'u1' });
    deliver();
    expect(ca).toBe(cb);
    expect(readChecklists(a)).toHaveLength(1);
    expect(readChecklists(b)).toHaveLength(1);
  });

  it('the stored answers score with the shared AMSTAR 2 rules', () => {
    const doc = new Y.Doc();
    const content = new Y.Doc();
    const c = createChecklist(doc, {
      studyId: addStudy(doc, study, 'u1'),
      type: 'AMSTAR2',
      reviewerId: 'u1',
    });
    setAnswer(doc, c, content, 'q1', 'yes');
    expect(scoreAmstar2(readChecklist(doc, c, content)!.answers as Amstar2Answers).status).toBe(
      'incomplete',
    );
  });
});
