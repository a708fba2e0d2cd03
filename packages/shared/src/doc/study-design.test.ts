import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocRoot, studyFieldsSchema } from '@corates/shared';
import { addStudy, readProjectDoc, readStudy, updateStudy } from './index.ts';

const fields = { title: 'A cluster trial', authors: '', year: 2020, journal: '', doi: '' };

describe('a study’s design', () => {
  it('is written with the study, changed and cleared field by field', () => {
    const doc = new Y.Doc();
    const id = addStudy(doc, { ...fields, design: 'rct-cluster' }, 'u1');
    expect(readStudy(doc, id)?.design).toBe('rct-cluster');
    updateStudy(doc, id, { design: 'systematic-review' });
    expect(readStudy(doc, id)?.design).toBe('systematic-review');
    updateStudy(doc, id, { design: undefined });
    expect(readStudy(doc, id)?.design).toBeUndefined();
    // Cleared means the key is gone, as on a study written before the field existed.
    expect(doc.getMap<Y.Map<unknown>>(DocRoot.studies).get(id)?.has('design')).toBe(false);
  });

  it('a study without one (an older client’s) reads as not set; adding one writes no key', () => {
    const doc = new Y.Doc();
    const id = addStudy(doc, fields, 'u1');
    expect(doc.getMap<Y.Map<unknown>>(DocRoot.studies).get(id)?.has('design')).toBe(false);
    expect(readStudy(doc, id)).toMatchObject({ id, title: fields.title });
    expect(readStudy(doc, id)?.design).toBeUndefined();
  });

  it('an unknown or mistyped design (a newer client’s) reads as not set, the study is kept', () => {
    const doc = new Y.Doc();
    const a = addStudy(doc, fields, 'u1');
    const b = addStudy(doc, { ...fields, title: 'Other' }, 'u1');
    const studies = doc.getMap<Y.Map<unknown>>(DocRoot.studies);
    studies.get(a)!.set('design', 'rct-stepped-wedge');
    studies.get(b)!.set('design', 42);
    const read = readProjectDoc(doc);
    expect(read.studies.map((s) => [s.id, s.design])).toEqual(
      expect.arrayContaining([
        [a, undefined],
        [b, undefined],
      ]),
    );
    expect(read.studies).toHaveLength(2);
    expect(read.problems).toEqual([]);
  });

  it('what a user types: one of the designs, or none', () => {
    expect(studyFieldsSchema.safeParse({ ...fields, design: 'nrsi' }).success).toBe(true);
    expect(studyFieldsSchema.safeParse(fields).success).toBe(true);
    expect(studyFieldsSchema.safeParse({ ...fields, design: 'cohort' }).success).toBe(false);
  });
});
