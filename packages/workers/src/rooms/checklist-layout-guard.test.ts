import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  ChecklistDocRoot,
  noteRootName,
  supportRootName,
  writeChecklistContent,
} from '@corates/shared/doc';
import { checkChecklistUpdate } from './checklist-layout-guard.ts';
import { InvalidDocumentUpdate } from './layout-guard.ts';

// [R16] The layout rule of a checklist document (document model v2).

const ids = { checklistId: 'c1', projectId: 'p1' };

/** A checklist document as the app writes it: meta, an answer, a note, a support text, a judgement. */
function seeded(): Y.Doc {
  const doc = new Y.Doc();
  writeChecklistContent(doc, ids, {
    answers: { q1: 'yes' },
    notes: { q1: 'PICO on p. 2' },
    support: { d1: 'Sealed envelopes' },
    judgements: {
      overall: { judgement: 'high', reason: 'several domains', suggested: 'low', by: 'u', at: '' },
    },
  });
  return doc;
}

/** The update an edit of a synced copy of `server` produces. */
function updateOf(server: Y.Doc, edit: (d: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

const refusal = (server: Y.Doc, edit: (d: Y.Doc) => void) => {
  try {
    checkChecklistUpdate(server, updateOf(server, edit));
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidDocumentUpdate);
    return (e as Error).message;
  }
  return undefined;
};

describe('[R16] checklist layout guard', () => {
  it("accepts the app's writes: a whole new document, typing into a note, a new note, an answer overwritten", () => {
    const empty = new Y.Doc();
    expect(() => checkChecklistUpdate(empty, Y.encodeStateAsUpdate(seeded()))).not.toThrow();
    const server = seeded();
    expect(refusal(server, (d) => d.getText(noteRootName('q1')).insert(3, ' stated'))).toBe(
      undefined,
    );
    expect(refusal(server, (d) => d.getText(noteRootName('q1')).insert(12, '!'))).toBe(undefined);
    expect(refusal(server, (d) => d.getText(noteRootName('q7')).insert(0, 'new note'))).toBe(
      undefined,
    );
    expect(refusal(server, (d) => d.getText(supportRootName('d2')).insert(0, 'why'))).toBe(
      undefined,
    );
    expect(refusal(server, (d) => d.getMap(ChecklistDocRoot.answers).set('q1', 'no'))).toBe(
      undefined,
    );
    expect(refusal(server, (d) => d.getMap(ChecklistDocRoot.judgements).delete('overall'))).toBe(
      undefined,
    );
  });

  it('refuses a root text outside the layout (a root-level text item has no key: parentSub null)', () => {
    const server = seeded();
    expect(refusal(server, (d) => d.getText('stray').insert(0, 'x'))).toMatch(
      /stray is outside the checklist document's layout/,
    );
    // The first layout's nested maps of texts are not this layout.
    expect(refusal(server, (d) => d.getMap('notes').set('q1', new Y.Text('old layout')))).toMatch(
      /notes\.q1 is outside/,
    );
  });

  it('refuses wrong values in the map roots and anything but characters in a text', () => {
    const server = seeded();
    expect(refusal(server, (d) => d.getMap(ChecklistDocRoot.answers).set('q2', 3))).toMatch(
      /answers\.q2 must be an option value/,
    );
    expect(
      refusal(server, (d) => d.getMap(ChecklistDocRoot.answers).set('q2', new Y.Map())),
    ).toMatch(/answers\.q2 must be a plain value/);
    expect(refusal(server, (d) => d.getMap(ChecklistDocRoot.judgements).set('d1', 'high'))).toMatch(
      /judgements\.d1 must be a judgement/,
    );
    expect(refusal(server, (d) => d.getArray(ChecklistDocRoot.answers).push(['yes']))).toMatch(
      /answers is a list item in a map/,
    );
    expect(
      refusal(server, (d) => d.getText(noteRootName('q1')).insertEmbed(0, { image: 'x' })),
    ).toMatch(/note:q1 must hold plain characters/);
    expect(
      refusal(server, (d) => d.getText(noteRootName('q1')).format(0, 2, { bold: true })),
    ).toMatch(/note:q1 must hold plain characters/);
    expect(refusal(server, (d) => d.getMap(noteRootName('q9')).set('x', 'y'))).toMatch(
      /note:q9\.x is a key on a text/,
    );
  });

  it('refuses a nested shared type and what is written inside one', () => {
    const server = seeded();
    expect(
      refusal(server, (d) => d.getMap(ChecklistDocRoot.meta).set('extra', new Y.Array())),
    ).toMatch(/meta\.extra must be a plain value/);
    // A room that already holds a nested type (written before the guard): writing into it is refused.
    const legacy = seeded();
    const nested = new Y.Map<unknown>();
    legacy.getMap(ChecklistDocRoot.meta).set('nested', nested);
    expect(
      refusal(legacy, (d) => (d.getMap('meta').get('nested') as Y.Map<unknown>).set('k', 1)),
    ).toMatch(/is nested/);
  });

  it('lets deletions through, and an edit whose neighbour the room does not have (undecidable)', () => {
    const server = seeded();
    expect(refusal(server, (d) => d.getText(noteRootName('q1')).delete(0, 4))).toBe(undefined);
    // An update that builds on one the room never received: its place cannot be found yet.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    client.getText('stray').insert(0, 'a');
    const before = Y.encodeStateVector(client);
    client.getText('stray').insert(1, 'b');
    expect(() => checkChecklistUpdate(server, Y.encodeStateAsUpdate(client, before))).not.toThrow();
  });
});
