import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DOC_SCHEMA_VERSION, DocRoot, scoreAmstar2, type Amstar2Answers } from '@corates/shared';
import {
  ChecklistReadOnlyError,
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

  it('migrations run once each, in order, up to the target version', () => {
    const doc = new Y.Doc();
    doc.getMap(DocRoot.meta).set('schemaVersion', 1);
    const ran: number[] = [];
    migrateDoc(doc, { 1: () => ran.push(1), 2: () => ran.push(2) }, 3);
    migrateDoc(doc, { 1: () => ran.push(1), 2: () => ran.push(2) }, 3);
    expect(ran).toEqual([1, 2]);
    expect(doc.getMap(DocRoot.meta).get('schemaVersion')).toBe(3);
    expect(() => migrateDoc(new Y.Doc(), {}, DOC_SCHEMA_VERSION)).not.toThrow();
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
    const s = addStudy(doc, study, 'u1');
    const c = createChecklist(doc, { studyId: s, type: 'AMSTAR2', reviewerId: 'u1' });
    expect(readChecklist(doc, c)?.status).toBe('pending');
    setAnswer(doc, c, 'q1', 'yes');
    expect(readChecklist(doc, c)).toMatchObject({ status: 'in-progress', answers: { q1: 'yes' } });
    expect(() => setAnswer(doc, c, 'q1', 'maybe')).toThrow(/not an option/);
    expect(() => setAnswer(doc, c, 'q99', 'yes')).toThrow(/no item/);
    markComplete(doc, c, 2);
    expect(readChecklist(doc, c)?.status).toBe('reviewer-completed');
    expect(() => setAnswer(doc, c, 'q2', 'yes')).toThrow(ChecklistReadOnlyError);
    reopen(doc, c);
    setAnswer(doc, c, 'q1', undefined);
    expect(readChecklist(doc, c)?.answers).toEqual({});
  });

  it('a single reviewer finalizes directly', () => {
    const doc = new Y.Doc();
    const c = createChecklist(doc, {
      studyId: addStudy(doc, study, 'u1'),
      type: 'AMSTAR2',
      reviewerId: 'u1',
    });
    markComplete(doc, c, 1);
    expect(readChecklist(doc, c)?.status).toBe('finalized');
  });

  it('every item has its note text from the start', () => {
    const doc = new Y.Doc();
    const c = createChecklist(doc, {
      studyId: addStudy(doc, study, 'u1'),
      type: 'AMSTAR2',
      reviewerId: 'u1',
    });
    for (const item of ['q1', 'q9a', 'q9b', 'q16'])
      expect(noteText(doc, c, item).toString()).toBe('');
  });

  it('concurrent answers to different items and edits of one note all survive, in any delivery order', () => {
    for (let seed = 1; seed <= 25; seed++) {
      let x = seed;
      const rng = () => (x = (x * 16807) % 2147483647) / 2147483647;
      const { docs, deliver } = replicas(2);
      const [a, b] = docs as [Y.Doc, Y.Doc];
      const s = addStudy(a, study, 'u1', 'study-1');
      const c = createChecklist(a, { studyId: s, type: 'AMSTAR2', reviewerId: 'u1' });
      deliver(rng);
      noteText(a, c, 'q4').insert(0, 'searched 3 databases');
      deliver(rng);
      // Offline on both sides:
      setAnswer(a, c, 'q1', 'yes');
      setAnswer(b, c, 'q2', 'partial-yes');
      noteText(a, c, 'q4').insert(0, '[A] ');
      noteText(b, c, 'q4').insert(noteText(b, c, 'q4').length, ' [B]');
      updateStudy(a, s, { year: 2020 });
      updateStudy(b, s, { journal: 'Lancet' });
      deliver(rng);
      deliver(rng);
      expect(readChecklist(a, c)?.answers).toEqual({ q1: 'yes', q2: 'partial-yes' });
      expect(noteText(a, c, 'q4').toString()).toBe('[A] searched 3 databases [B]');
      expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
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
    const c = createChecklist(doc, {
      studyId: addStudy(doc, study, 'u1'),
      type: 'AMSTAR2',
      reviewerId: 'u1',
    });
    setAnswer(doc, c, 'q1', 'yes');
    expect(scoreAmstar2(readChecklist(doc, c)!.answers as Amstar2Answers).status).toBe(
      'incomplete',
    );
  });
});
