import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDoc, generatedDocArb } from './doc-arbitrary.ts';
import { DocRoot } from './layout.ts';
import { docProblemsNote, readProjectDoc } from './read-doc.ts';

const textsAsStrings = (texts: Record<string, Y.Text>) =>
  Object.fromEntries(Object.entries(texts).map(([k, t]) => [k, t.toString()]));

const factory = {
  map: (entries: [string, unknown][]) => new Y.Map(entries),
  text: (text: string) => new Y.Text(text),
  list: (items: unknown[]) => Y.Array.from(items as never[]),
};

function study(fields: Record<string, unknown> = {}) {
  return new Y.Map<unknown>(
    Object.entries({
      title: 'T',
      authors: '',
      year: null,
      journal: '',
      doi: '',
      createdAt: '2026-01-01',
      createdBy: 'u',
      reviewer1: null,
      reviewer2: null,
      ...fields,
    }),
  );
}

describe('readProjectDoc', () => {
  it('returns the valid entries and one problem (path + what) per skipped one', () => {
    const doc = new Y.Doc();
    doc.getMap(DocRoot.studies).set('s1', study());
    doc.getMap(DocRoot.studies).set('s2', 'not a map');
    doc.getMap(DocRoot.studies).set('s3', study({ year: 'MMXX' }));
    doc.getMap(DocRoot.outcomes).set('o1', 'not a map');
    const checklist = new Y.Map<unknown>(
      Object.entries({
        type: 'AMSTAR2',
        studyId: 's1',
        reviewerId: 'u1',
        status: 'in-progress',
        createdAt: '2026-01-01',
        answers: new Y.Map<unknown>([
          ['q1', 'yes'],
          ['q2', 7],
        ]),
        notes: new Y.Map<unknown>([
          ['q1', new Y.Text('see p. 3')],
          ['q2', 'plain string'],
        ]),
      }),
    );
    doc.getMap(DocRoot.checklists).set('c1', checklist);
    doc.getMap(DocRoot.checklists).set('c2', 12);

    const read = readProjectDoc(doc);
    expect(read.studies.map((s) => s.id)).toEqual(['s1']);
    expect(read.outcomes).toEqual([]);
    expect(read.checklists).toHaveLength(1);
    expect(read.checklists[0]!.answers).toEqual({ q1: 'yes' });
    expect(read.checklists[0]!.notes.q1!.toString()).toBe('see p. 3');
    expect(read.problems).toEqual([
      { path: ['studies', 's2'], problem: 'expected a map, found a string' },
      { path: ['studies', 's3'], problem: 'fields of the wrong type (year: unexpected a string)' },
      { path: ['outcomes', 'o1'], problem: 'expected a map, found a string' },
      {
        path: ['checklists', 'c1', 'answers', 'q2'],
        problem: 'expected an option value, found a number',
      },
      { path: ['checklists', 'c1', 'notes', 'q2'], problem: 'expected a text, found a string' },
      { path: ['checklists', 'c2'], problem: 'expected a map, found a number' },
    ]);
  });

  it('an answer keyed __proto__ is an own entry, not the prototype', () => {
    const doc = new Y.Doc();
    doc.getMap(DocRoot.checklists).set(
      'c1',
      new Y.Map<unknown>(
        Object.entries({
          type: 'ROB2',
          studyId: 's1',
          reviewerId: null,
          status: 'finalized',
          createdAt: 'x',
          answers: new Y.Map<unknown>([['__proto__', 'Y']]),
        }),
      ),
    );
    const [c] = readProjectDoc(doc).checklists;
    expect(Object.getPrototypeOf(c!.answers)).toBe(Object.prototype);
    expect(Object.keys(c!.answers)).toEqual(['__proto__']);
  });

  it('property: on arbitrary documents it never throws and returns exactly the valid entries', () => {
    fc.assert(
      fc.property(generatedDocArb(), (generated) => {
        const doc = new Y.Doc();
        buildDoc(generated, factory, (root, key, value) => doc.getMap(root).set(key, value));
        const read = readProjectDoc(doc);
        expect(read.studies).toEqual(generated.expected.studies);
        expect(read.outcomes).toEqual(generated.expected.outcomes);
        expect(
          read.checklists.map((c) => ({
            ...c,
            notes: textsAsStrings(c.notes),
            support: textsAsStrings(c.support),
          })),
        ).toEqual(generated.expected.checklists);
        expect(read.problems).toHaveLength(generated.expected.problems);
        for (const p of read.problems) {
          expect(p.path.length).toBeGreaterThanOrEqual(2);
          expect(p.problem).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads support texts, assessor judgements and history, and reports wrong entries', () => {
    const doc = new Y.Doc();
    const judgement = {
      judgement: 'high',
      reason: 'Several domains with some concerns',
      suggested: 'some-concerns',
      by: 'u1',
      at: '2026-02-01T10:00:00.000Z',
    };
    const finalized = { event: 'finalized', by: 'u2', at: '2026-02-02T10:00:00.000Z' };
    doc.getMap(DocRoot.checklists).set(
      'c1',
      new Y.Map<unknown>(
        Object.entries({
          type: 'ROB2',
          studyId: 's1',
          reviewerId: null,
          status: 'finalized',
          createdAt: 'x',
          answers: new Y.Map(),
          support: new Y.Map<unknown>([
            ['d1', new Y.Text('Allocation concealed (p. 4)')],
            ['d2a', 'plain string'],
          ]),
          judgements: new Y.Map<unknown>([
            ['overall', judgement],
            ['d1', { judgement: 'high' }],
          ]),
          history: Y.Array.from<object | number>([finalized, 7]),
        }),
      ),
    );
    doc.getMap(DocRoot.checklists).set(
      'c2',
      new Y.Map<unknown>(
        Object.entries({
          type: 'ROB2',
          studyId: 's1',
          reviewerId: 'u1',
          status: 'in-progress',
          createdAt: 'x',
          support: 'not a map',
          judgements: Y.Array.from<object | number>([]),
          history: new Y.Map(),
        }),
      ),
    );
    const read = readProjectDoc(doc);
    const [c1, c2] = read.checklists;
    expect(textsAsStrings(c1!.support)).toEqual({ d1: 'Allocation concealed (p. 4)' });
    expect(c1!.judgements).toEqual({ overall: judgement });
    expect(c1!.history).toEqual([finalized]);
    // A checklist whose parts are of the wrong kind is still read, without them.
    expect(c2).toMatchObject({ support: {}, judgements: {}, history: [] });
    expect(read.problems).toEqual([
      { path: ['checklists', 'c1', 'support', 'd2a'], problem: 'expected a text, found a string' },
      {
        path: ['checklists', 'c1', 'judgements', 'd1'],
        problem: 'expected an assessor judgement, found an object of another shape',
      },
      {
        path: ['checklists', 'c1', 'history', '1'],
        problem: 'expected a history entry, found a number',
      },
      { path: ['checklists', 'c2', 'support'], problem: 'expected a map, found a string' },
      { path: ['checklists', 'c2', 'judgements'], problem: 'expected a map, found a list' },
      { path: ['checklists', 'c2', 'history'], problem: 'expected a list, found a map' },
    ]);
  });

  it('words the owner note', () => {
    expect(docProblemsNote(1)).toBe('1 document entry could not be read and was skipped');
    expect(docProblemsNote(2)).toBe('2 document entries could not be read and were skipped');
  });
});
