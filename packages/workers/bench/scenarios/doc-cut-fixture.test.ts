import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocRoot } from '@corates/shared';
import { buildProjectFixture } from './doc-cut-fixture.ts';

const load = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
};

describe('buildProjectFixture', () => {
  const fixture = buildProjectFixture({ studies: 4 });

  it('has two reviewer checklists and a reconciled one per study', () => {
    expect(fixture.checklists).toHaveLength(12);
    expect(fixture.checklists.filter((c) => c.reviewerId === 'r1')).toHaveLength(4);
    expect(fixture.checklists.filter((c) => c.reviewerId === null)).toHaveLength(4);
    expect(fixture.perChecklist.answers).toBe(30);
    expect(fixture.perChecklist.notes).toBe(10);
  });

  it('holds the same answers and notes in v1 as in the v2 checklist documents', () => {
    const v1 = load(fixture.v1).getMap(DocRoot.checklists);
    for (const checklist of fixture.checklists) {
      const own = load(checklist.update);
      const header = v1.get(checklist.id) as Y.Map<unknown>;
      expect((header.get('answers') as Y.Map<string>).toJSON()).toEqual(
        own.getMap('answers').toJSON(),
      );
      expect((header.get('notes') as Y.Map<Y.Text>).toJSON()).toEqual(own.getMap('notes').toJSON());
    }
  });

  it('keeps only headers in the v2 project document', () => {
    const headers = load(fixture.project).getMap(DocRoot.checklists);
    expect([...headers.keys()].sort()).toEqual(fixture.checklists.map((c) => c.id).sort());
    for (const header of headers.values() as IterableIterator<Y.Map<unknown>>) {
      expect(header.get('answers')).toBeUndefined();
      expect(header.get('notes')).toBeUndefined();
      expect(typeof header.get('status')).toBe('string');
    }
    expect(load(fixture.project).getMap(DocRoot.studies).size).toBe(4);
  });

  it('is the same project every time', () => {
    expect(buildProjectFixture({ studies: 4 }).v1).toEqual(fixture.v1);
  });
});
