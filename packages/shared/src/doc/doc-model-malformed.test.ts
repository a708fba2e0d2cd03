import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocRoot } from '@corates/shared';
import {
  addOutcome,
  addStudy,
  checklistsOfOutcome,
  createChecklist,
  docProblemCount,
  ChecklistDocRoot,
  noteRootName,
  noteText,
  readChecklist,
  readChecklistContent,
  readChecklists,
  readOutcomes,
  readStudies,
  readStudy,
  removeStudy,
} from './index.ts';

// Issue 14, defect 5: an entry another (older, buggy) client wrote with the wrong type must not
// break the app's lists; they read through the same tolerant reader as the server.

const fields = { title: 'A', authors: '', year: null, journal: '', doi: '' };

function poisoned() {
  const doc = new Y.Doc();
  const s1 = addStudy(doc, fields, 'u', 's1');
  const o1 = addOutcome(doc, { name: 'Mortality' }, 'u', 'o1');
  const c1 = createChecklist(doc, { studyId: s1, type: 'ROB2', reviewerId: 'u', outcomeId: o1 });
  doc.getMap(DocRoot.studies).set('s2', 'not a map');
  doc.getMap(DocRoot.outcomes).set('o2', 42);
  doc.getMap(DocRoot.checklists).set('c2', new Y.Text('oops'));
  (doc.getMap(DocRoot.checklists).get(c1) as Y.Map<unknown>).set('history', 'not a list');
  // Its checklist document: an answer that is not an option value, a judgement of another shape,
  // a note root made a map, beside one entry of each that is right.
  const content = new Y.Doc();
  content.getMap(ChecklistDocRoot.answers).set('p_design', 'parallel');
  content.getMap(ChecklistDocRoot.answers).set('p_effect', 7);
  content.getMap(ChecklistDocRoot.judgements).set('d1', { judgement: 'high' });
  content.getMap(noteRootName('p_sources')).set('x', 'not a text');
  noteText(content, 'd1_1').insert(0, 'kept');
  return { doc, c1, content };
}

describe('doc-model on a document with wrongly typed entries', () => {
  it('lists the readable entries only and never throws', () => {
    const { doc, c1, content } = poisoned();
    expect(readStudies(doc).map((s) => s.id)).toEqual(['s1']);
    expect(readOutcomes(doc).map((o) => o.id)).toEqual(['o1']);
    expect(readChecklists(doc).map((c) => c.id)).toEqual([c1]);
    expect(readChecklist(doc, 'c2')).toBeUndefined();
    expect(readStudy(doc, 's2')).toBeUndefined();
    expect(readStudy(doc, 's1')?.title).toBe('A');
    expect(checklistsOfOutcome(doc, 'o1')).toEqual([c1]);
    expect(readChecklist(doc, c1, content)).toMatchObject({
      answers: { p_design: 'parallel' },
      judgements: {},
      history: [],
    });
    expect(readChecklistContent(content)).toEqual({
      answers: { p_design: 'parallel' },
      notes: { d1_1: 'kept' },
      support: {},
      judgements: {},
    });
    expect(() => removeStudy(doc, 's1')).not.toThrow();
    expect(readChecklists(doc)).toEqual([]);
  });

  it('counts what it skipped (the owner note)', () => {
    const { doc } = poisoned();
    expect(docProblemCount(doc)).toBe(4);
    const clean = new Y.Doc();
    addStudy(clean, fields, 'u');
    expect(docProblemCount(clean)).toBe(0);
  });
});
