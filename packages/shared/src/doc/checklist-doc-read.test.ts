import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ChecklistDocRoot, readChecklistContent } from './checklist-doc.ts';
import { type DocFactory, buildValue, checklistDocArb } from './doc-arbitrary.ts';

const yjs: DocFactory = {
  map: (entries) => new Y.Map(entries),
  text: (text) => new Y.Text(text),
  list: (items) => Y.Array.from(items as never[]),
};

describe('readChecklistContent on arbitrary checklist documents', () => {
  it('property: reads exactly the well-typed answers, judgements and non-empty texts, here and in a copy sent as an update', () => {
    fc.assert(
      fc.property(checklistDocArb, (generated) => {
        const doc = new Y.Doc();
        doc.transact(() => {
          const answers = doc.getMap<unknown>(ChecklistDocRoot.answers);
          for (const [k, v] of generated.answers) answers.set(k, buildValue(v, yjs));
          const judgements = doc.getMap<unknown>(ChecklistDocRoot.judgements);
          for (const [k, v] of generated.judgements) judgements.set(k, buildValue(v, yjs));
          for (const [root, value] of generated.roots)
            if ('text' in value) doc.getText(root).insert(0, value.text);
            else doc.getMap(root).set('x', value.map);
        });
        expect(readChecklistContent(doc)).toEqual(generated.expected);
        // A receiving copy has the roots as bare types until they are read.
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
        expect(readChecklistContent(copy)).toEqual(generated.expected);
      }),
      { numRuns: 300 },
    );
  });
});
