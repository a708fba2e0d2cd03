import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_DEFINITIONS, checklistItems, DocRoot, exportRows, toCsv } from '@corates/shared';
import { readProjectDoc } from '@corates/shared/doc';
import { buildDoc, docKeyArb, generatedDocArb } from '@corates/shared/testing/doc-arbitrary';
import { exportInputOf } from './doc-export.ts';
import { summarizeDoc } from './doc-summary.ts';

// Issue 14, defect 5: readers on the server never throw on document content. Arbitrary documents
// (random mixes of valid and malformed entries at every level, as real Yjs documents that went
// through an encode/decode like the relay's copy in D1): the reader returns exactly the valid
// entries, and the summary, the export rows and the CSV never throw.

const items = Object.values(CHECKLIST_DEFINITIONS).flatMap((d) => checklistItems(d));
const answerKey = fc.oneof(fc.constantFrom(...new Set(items.map((i) => i.id))), docKeyArb);
const answerValue = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...new Set(items.flatMap((i) => i.options.map((o) => o.value)))),
  },
  fc.string({ maxLength: 6 }),
);
const studyId = fc.constantFrom('', 'a', '__proto__', 's1:ROB2:o1:u1');

const yjs = {
  map: (entries: [string, unknown][]) => new Y.Map(entries),
  text: (text: string) => new Y.Text(text),
  list: (values: unknown[]) => Y.Array.from(values as number[]),
};

function realDoc(generated: Parameters<typeof buildDoc>[0]): Y.Doc {
  const written = new Y.Doc();
  written.transact(() =>
    buildDoc(generated, yjs, (root, key, value) => written.getMap(root).set(key, value)),
  );
  const stored = new Y.Doc();
  Y.applyUpdate(stored, Y.encodeStateAsUpdate(written));
  return stored;
}

describe('server readers over arbitrary documents', () => {
  it('property: readProjectDoc returns exactly the valid entries; summary, export rows and CSV never throw', () => {
    fc.assert(
      fc.property(generatedDocArb({ answerKey, answerValue, studyId }), (generated) => {
        const doc = realDoc(generated);
        const read = readProjectDoc(doc);
        expect(read.studies).toEqual(generated.expected.studies);
        expect(read.outcomes).toEqual(generated.expected.outcomes);
        expect(
          read.checklists.map((c) => ({
            ...c,
            notes: Object.fromEntries(Object.entries(c.notes).map(([k, t]) => [k, t.toString()])),
            support: Object.fromEntries(
              Object.entries(c.support).map(([k, t]) => [k, t.toString()]),
            ),
          })),
        ).toEqual(generated.expected.checklists);
        expect(read.problems).toHaveLength(generated.expected.problems);

        const summary = summarizeDoc(doc);
        expect(summary.problems).toBe(generated.expected.problems);
        expect(summary.studies).toBe(generated.expected.studies.length);
        expect(summary.checklists).toBe(generated.expected.checklists.length);
        const csv = toCsv(exportRows(exportInputOf(doc)));
        expect(csv.endsWith('\r\n')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('property: finalized checklists of present studies with real answers export without throwing', () => {
    // Denser in what reaches scoring: every checklist points at a study that exists.
    fc.assert(
      fc.property(
        generatedDocArb({ answerKey, answerValue, studyId: fc.constantFrom('s', 't') }),
        (generated) => {
          for (const id of ['s', 't'])
            generated.roots.studies.push([
              id,
              {
                map: Object.entries({
                  title: id,
                  authors: '',
                  year: null,
                  journal: '',
                  doi: '',
                  createdAt: id,
                  createdBy: 'u',
                  reviewer1: null,
                  reviewer2: null,
                }).map(([k, v]) => [k, { plain: v }]),
              },
            ]);
          generated.roots.studies = generated.roots.studies.filter(
            ([k], i, all) => all.findIndex(([j]) => j === k) === i,
          );
          const doc = realDoc(generated);
          expect(() => summarizeDoc(doc)).not.toThrow();
          expect(() => toCsv(exportRows(exportInputOf(doc)))).not.toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a root entry of each wrong kind is skipped and counted, not thrown on', () => {
    const wrongs: (() => unknown)[] = [
      () => 'not a map',
      () => 42,
      () => null,
      () => true,
      () => [1],
      () => ({ a: 1 }),
      () => new Y.Text('x'),
      () => new Y.Array(),
    ];
    for (const wrong of wrongs) {
      const doc = new Y.Doc();
      for (const root of [DocRoot.studies, DocRoot.outcomes, DocRoot.checklists])
        doc.getMap(root).set('x', wrong());
      expect(summarizeDoc(doc).problems).toBe(3);
      expect(toCsv(exportRows(exportInputOf(doc))).split('\r\n')).toHaveLength(2);
    }
  });
});
