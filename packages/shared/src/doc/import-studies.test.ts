import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { StudyFields } from './layout.ts';
import { addStudy, createChecklist, importStudies, readStudies, updateStudy } from './index.ts';

const fields = (title: string): StudyFields => ({
  title,
  authors: 'Lee J',
  year: 2020,
  journal: 'BMJ',
  doi: '',
});

/** Two replicas connected both ways, updates delivered at once. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const updatesToB: Uint8Array[] = [];
  a.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin === 'remote') return;
    updatesToB.push(u);
    Y.applyUpdate(b, u, 'remote');
  });
  b.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(a, u, 'remote');
  });
  return { a, b, updatesToB };
}

const titles = (doc: Y.Doc) =>
  readStudies(doc)
    .map((s) => s.title)
    .sort();

describe('importStudies', () => {
  it('adds every study in one transaction: a peer receives one update', () => {
    const { a, b, updatesToB } = pair();
    const imported = importStudies(a, [fields('One'), fields('Two'), fields('Three')], 'u1');
    expect(updatesToB).toHaveLength(1);
    expect(titles(b)).toEqual(['One', 'Three', 'Two']);
    expect(imported.ids).toHaveLength(3);
    expect(readStudies(b).every((s) => s.createdBy === 'u1' && s.reviewer1 === null)).toBe(true);
  });

  it("undo removes exactly the import, not a peer's study or edit made meanwhile", () => {
    const { a, b } = pair();
    addStudy(a, fields('Before'), 'u1');
    const imported = importStudies(a, [fields('Imported 1'), fields('Imported 2')], 'u1');
    // Meanwhile: a peer adds a study and edits one that was there before; this client adds one.
    addStudy(b, fields('Peer'), 'u2');
    const before = readStudies(b).find((s) => s.title === 'Before')!;
    updateStudy(b, before.id, { journal: 'Lancet' });
    addStudy(a, fields('Typed by hand'), 'u1');

    expect(imported.undo()).toBe('undone');
    expect(titles(a)).toEqual(['Before', 'Peer', 'Typed by hand']);
    expect(titles(b)).toEqual(titles(a));
    expect(readStudies(b).find((s) => s.id === before.id)!.journal).toBe('Lancet');
    expect(imported.undo()).toBe('already-undone');
    expect(titles(a)).toEqual(['Before', 'Peer', 'Typed by hand']);
  });

  it('two imports undo independently', () => {
    const doc = new Y.Doc();
    const first = importStudies(doc, [fields('First')], 'u1');
    const second = importStudies(doc, [fields('Second')], 'u1');
    expect(first.undo()).toBe('undone');
    expect(titles(doc)).toEqual(['Second']);
    expect(second.undo()).toBe('undone');
    expect(titles(doc)).toEqual([]);
  });

  it('refuses to undo, changing nothing, once an imported study has a checklist', () => {
    const { a, b } = pair();
    const imported = importStudies(a, [fields('Appraised'), fields('Not yet')], 'u1');
    createChecklist(b, { studyId: imported.ids[0]!, type: 'AMSTAR2', reviewerId: 'u2' });
    expect(imported.undo()).toBe('has-checklists');
    expect(titles(a)).toEqual(['Appraised', 'Not yet']);
  });
});
