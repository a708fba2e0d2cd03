import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocRoot } from '@corates/shared';
import { readChecklistContent, readProjectDoc, v1ChecklistContents } from '@corates/shared/doc';
import { buildProjectFixture } from './project-fixture.ts';

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

  it('holds the same content in v1 as in the v2 checklist documents, as the document model reads them', () => {
    const v1 = v1ChecklistContents(load(fixture.v1));
    expect(v1.size).toBe(12);
    for (const checklist of fixture.checklists) {
      const own = readChecklistContent(load(checklist.update));
      const expected = v1.get(checklist.id)!;
      expect(own.answers).toEqual(expected.answers);
      expect(Object.keys(own.answers)).toHaveLength(30);
      // v1 created every text up front, empty ones included; v2 only the ones typed in.
      const typed = (texts: Record<string, string>) =>
        Object.fromEntries(Object.entries(texts).filter(([, t]) => t.length > 0));
      expect(typed(own.notes)).toEqual(typed(expected.notes));
      expect(typed(own.support)).toEqual(typed(expected.support));
      expect(own.judgements).toEqual(expected.judgements);
    }
  });

  it('keeps headers and their history in the v2 project document, and no content', () => {
    const project = load(fixture.project);
    const read = readProjectDoc(project);
    expect(read.problems).toEqual([]);
    expect(read.checklists.map((c) => c.id).sort()).toEqual(
      fixture.checklists.map((c) => c.id).sort(),
    );
    for (const header of project.getMap(DocRoot.checklists).values() as IterableIterator<
      Y.Map<unknown>
    >) {
      expect(header.get('answers')).toBeUndefined();
      expect(header.get('notes')).toBeUndefined();
      expect((header.get('history') as Y.Array<unknown>).length).toBe(1);
    }
    expect(project.getMap(DocRoot.meta).get('schemaVersion')).toBe(2);
    expect(project.getMap(DocRoot.studies).size).toBe(4);
  });

  it('sends the v1 document as its edits, in order', () => {
    const doc = new Y.Doc();
    for (const update of fixture.v1Updates) Y.applyUpdate(doc, update);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(fixture.v1);
    expect(fixture.v1Updates.length).toBeGreaterThan(fixture.checklists.length);
  });

  it('is the same project every time', () => {
    expect(buildProjectFixture({ studies: 4 }).v1).toEqual(fixture.v1);
  });
});
