/**
 * fast-check generators of arbitrary project documents for property tests
 * (`@corates/shared/testing/doc-arbitrary`): random mixes of valid and malformed entries at every
 * level of the layout, each with what the tolerant reader (`readProjectDoc`) must return for it.
 * Not part of the app.
 *
 * A document is generated as a tree of {@link DocValue}s, which a test turns into real Yjs types
 * (or the fakes of read-doc.test.ts) with {@link buildDoc}. The expectation is derived from how
 * each entry was generated, not by re-running the reader's rules.
 */
import fc from 'fast-check';
import { checklistStatusSchema } from '../checklists/status.ts';
import { checklistTypeSchema } from '../checklists/types.ts';
import { DocRoot, type DocOutcome, type DocStudy } from './layout.ts';

/** A value in the document: a shared map, a shared text, a shared array, or a plain value. */
export type DocValue =
  { map: [string, DocValue][] } | { text: string } | { list: unknown[] } | { plain: unknown };

/** What the reader must return for a checklist (notes as plain strings). */
export interface ExpectedChecklist {
  id: string;
  type: string;
  studyId: string;
  reviewerId: string | null;
  status: string;
  createdAt: string;
  completedAt: string | null;
  outcomeId?: string;
  reconciledFrom?: [string, string];
  answers: Record<string, string>;
  notes: Record<string, string>;
  /** Support for judgement texts as plain strings. */
  support: Record<string, string>;
  judgements: Record<string, unknown>;
  history: unknown[];
}

export interface GeneratedDoc {
  roots: Record<'studies' | 'outcomes' | 'checklists', [string, DocValue][]>;
  expected: {
    studies: DocStudy[];
    outcomes: DocOutcome[];
    checklists: ExpectedChecklist[];
    problems: number;
  };
}

interface Entry<T> {
  value: DocValue;
  /** The reader's output for it, or undefined when it must be skipped. */
  read?: T;
  problems: number;
}

const plain = (v: unknown): DocValue => ({ plain: v });

/** Map keys, awkward ones included. */
export const docKeyArb = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  fc.constantFrom('__proto__', 'constructor', 'toString', '', 'a.b', 's1:ROB2:o1:u1', 'é🙂'),
);

type FieldType = 'string' | 'string|null' | 'number|null';

// Plain objects with a prototype: Yjs refuses to store others.
const judgementArb = fc.record(
  {
    judgement: fc.constantFrom('low', 'some-concerns', 'high', 'moderate', 'serious', 'x'),
    reason: fc.string({ maxLength: 10 }),
    suggested: fc.constantFrom('low', 'some-concerns', 'moderate', ''),
    by: fc.string({ maxLength: 6 }),
    at: fc.string({ maxLength: 24 }),
  },
  { noNullPrototype: true },
);

/** A value of the right type for a field. */
function rightValue(type: FieldType): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.string({ maxLength: 20 });
    case 'string|null':
      return fc.option(fc.string({ maxLength: 20 }), { nil: null });
    case 'number|null':
      return fc.option(fc.integer({ min: 1700, max: 2200 }), { nil: null });
  }
}

/** Anything that is not a plain value of `type`: other plain values and shared types. */
function wrongValue(type: FieldType | 'text' | 'map' | 'option'): fc.Arbitrary<DocValue> {
  const others: fc.Arbitrary<DocValue>[] = [
    fc.boolean().map(plain),
    fc.array(fc.integer(), { maxLength: 3 }).map(plain),
    fc
      .dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2, noNullPrototype: true })
      .map(plain),
    fc.string({ maxLength: 8 }).map((text) => ({ text })),
    fc.array(fc.integer(), { maxLength: 3 }).map((list) => ({ list })),
  ];
  if (type !== 'map') others.push(fc.constant<DocValue>({ map: [] }));
  if (type !== 'string' && type !== 'string|null' && type !== 'option')
    others.push(fc.string({ maxLength: 8 }).map(plain));
  if (type !== 'number|null') others.push(fc.integer().map(plain));
  if (type !== 'string|null' && type !== 'number|null') others.push(fc.constant(plain(null)));
  // A text is a text (the reader's notes), so only where a text is wanted is one "right".
  return fc.oneof(...others).filter((v) => !(type === 'text' && 'text' in v));
}

/** A map's fields, all of the right type, or (when `broken`) one of them wrong or missing. */
function fieldsArb(
  spec: Record<string, FieldType>,
  broken: boolean,
): fc.Arbitrary<{ fields: [string, DocValue][]; plainFields: Record<string, unknown> }> {
  const keys = Object.keys(spec);
  const right = fc.record(
    Object.fromEntries(keys.map((k) => [k, rightValue(spec[k]!)])) as Record<
      string,
      fc.Arbitrary<unknown>
    >,
  );
  const extras = fc.array(
    fc.tuple(
      fc.string({ maxLength: 6 }).map((k) => `x_${k}`),
      fc.oneof(fc.string().map(plain), fc.constant<DocValue>({ map: [] })),
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(
      right,
      extras,
      broken
        ? fc.tuple(fc.constantFrom(...keys), fc.option(fc.constant(0), { nil: undefined }))
        : fc.constant(undefined),
    )
    .chain(([values, extra, breakAt]) => {
      const base = (): [string, DocValue][] => [
        ...keys.map((k): [string, DocValue] => [k, plain(values[k])]),
        ...extra,
      ];
      if (!breakAt) return fc.constant({ fields: base(), plainFields: values });
      const [key, missing] = breakAt;
      if (missing === undefined)
        return fc.constant({
          fields: base().filter(([k]) => k !== key),
          plainFields: values,
        });
      return wrongValue(spec[key]!).map((wrong) => ({
        fields: base().map(([k, v]): [string, DocValue] => [k, k === key ? wrong : v]),
        plainFields: values,
      }));
    });
}

const STUDY_FIELDS: Record<string, FieldType> = {
  title: 'string',
  authors: 'string',
  year: 'number|null',
  journal: 'string',
  doi: 'string',
  createdAt: 'string',
  createdBy: 'string',
  reviewer1: 'string|null',
  reviewer2: 'string|null',
};
const OUTCOME_FIELDS: Record<string, FieldType> = {
  name: 'string',
  createdAt: 'string',
  createdBy: 'string',
};

/** Not a map at all: a plain value, a text or a list. */
const notAMap = wrongValue('map');

function plainEntryArb<T>(
  spec: Record<string, FieldType>,
  toRead: (id: string, fields: Record<string, unknown>) => T,
) {
  return (id: string): fc.Arbitrary<Entry<T>> =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: fieldsArb(spec, false).map(({ fields, plainFields }) => ({
          value: { map: fields },
          read: toRead(id, plainFields),
          problems: 0,
        })),
      },
      fieldsArb(spec, true).map(({ fields }) => ({ value: { map: fields }, problems: 1 })),
      notAMap.map((value) => ({ value, problems: 1 })),
    );
}

export interface ChecklistArbOptions {
  /** Answer values (default: any string); real option codes exercise the scoring. */
  answerValue?: fc.Arbitrary<string>;
  /** Answer item ids (default: any key). */
  answerKey?: fc.Arbitrary<string>;
  /** Study ids checklists point at (default: any string). */
  studyId?: fc.Arbitrary<string>;
}

function checklistEntryArb(options: ChecklistArbOptions) {
  const answerKey = options.answerKey ?? docKeyArb;
  const answerValue = options.answerValue ?? fc.string({ maxLength: 12 });
  const base = fc.record(
    {
      type: fc.constantFrom(...checklistTypeSchema.options),
      studyId: options.studyId ?? fc.string({ maxLength: 8 }),
      reviewerId: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
      status: fc.constantFrom(...checklistStatusSchema.options),
      createdAt: fc.string({ maxLength: 24 }),
      completedAt: fc.option(fc.string({ maxLength: 24 }), { nil: null }),
      outcomeId: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
      reconciledFrom: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })),
    },
    { requiredKeys: ['type', 'studyId', 'reviewerId', 'status', 'createdAt'] },
  );
  /** Answers: each a string (kept) or not (skipped, one problem each). */
  const answers = fc.uniqueArray(
    fc.tuple(
      answerKey,
      fc.oneof(
        { weight: 4, arbitrary: answerValue.map((v) => ({ ok: true as const, v })) },
        wrongValue('option').map((v) => ({ ok: false as const, v })),
      ),
    ),
    { selector: ([k]) => k, maxLength: 8 },
  );
  /** Texts by key (`notes`, `support`): each a text (kept) or not (skipped, one problem each). */
  const texts = (maxLength: number) =>
    fc.uniqueArray(
      fc.tuple(
        docKeyArb,
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.string({ maxLength: 10 }).map((t) => ({ ok: true as const, t })),
          },
          wrongValue('text').map((v) => ({ ok: false as const, v })),
        ),
      ),
      { selector: ([k]) => k, maxLength },
    );
  const notes = texts(5);
  const support = texts(3);
  const judgements = fc.uniqueArray(
    fc.tuple(
      docKeyArb,
      fc.oneof(
        { weight: 3, arbitrary: judgementArb.map((j) => ({ ok: true as const, j })) },
        wrongValue('option').map((v) => ({ ok: false as const, v })),
      ),
    ),
    { selector: ([k]) => k, maxLength: 3 },
  );
  const eventArb = fc.record(
    {
      event: fc.constantFrom('completed', 'finalized', 'reopened'),
      by: fc.string({ maxLength: 6 }),
      at: fc.string({ maxLength: 24 }),
      reason: fc.string({ maxLength: 10 }),
    },
    { requiredKeys: ['event', 'by', 'at'], noNullPrototype: true },
  );
  // A history is a shared list of plain entries; a wrong entry is a plain value of another shape.
  const history = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: eventArb.map((e) => ({ ok: true as const, e })) },
      fc
        .oneof(
          fc.integer(),
          fc.string({ maxLength: 4 }),
          fc.constant(null),
          fc.record(
            { event: fc.constant('deleted'), by: fc.string(), at: fc.string() },
            { noNullPrototype: true },
          ),
        )
        .map((v) => ({ ok: false as const, v })),
    ),
    { maxLength: 3 },
  );
  /** Not a shared list: a plain value, a text or a map. */
  const notAList = fc.oneof(
    fc.integer().map(plain),
    fc.string({ maxLength: 4 }).map(plain),
    fc.constant<DocValue>({ map: [] }),
    fc.string({ maxLength: 4 }).map((text): DocValue => ({ text })),
  );
  type Part<T> =
    { present: false } | { present: true; broken: DocValue } | { present: true; entries: T };
  const part = <T>(entries: fc.Arbitrary<T>, broken = notAMap): fc.Arbitrary<Part<T>> =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant({ present: false as const }) },
      { weight: 1, arbitrary: broken.map((b) => ({ present: true as const, broken: b })) },
      { weight: 6, arbitrary: entries.map((e) => ({ present: true as const, entries: e })) },
    );

  return (id: string): fc.Arbitrary<Entry<ExpectedChecklist>> =>
    fc.oneof(
      { weight: 1, arbitrary: notAMap.map((value) => ({ value, problems: 1 })) },
      {
        weight: 1,
        // One base field of the wrong type (or a required one missing): skipped, one problem.
        arbitrary: fc
          .tuple(base, fc.constantFrom('type', 'studyId', 'status', 'createdAt', 'reviewerId'))
          .chain(([fields, key]) =>
            fc
              .oneof(
                fc.constant<DocValue | undefined>(undefined),
                key === 'reviewerId' ? wrongValue('string|null') : wrongValue('string'),
              )
              .map((wrong) => {
                const entries: [string, DocValue][] = Object.entries(fields)
                  .filter(([k]) => k !== key)
                  .map(([k, v]) => [k, plain(v)]);
                if (wrong) entries.push([key, wrong]);
                return { value: { map: entries }, problems: 1 };
              }),
          ),
      },
      {
        weight: 5,
        arbitrary: fc
          .tuple(
            base,
            part(answers),
            part(notes),
            part(support),
            part(judgements),
            part(history, notAList),
          )
          .map(([fields, a, n, sp, jd, hi]): Entry<ExpectedChecklist> => {
            const entries: [string, DocValue][] = Object.entries(fields).map(([k, v]) => [
              k,
              plain(v),
            ]);
            if (a.present)
              entries.push([
                'answers',
                'broken' in a
                  ? a.broken
                  : { map: a.entries.map(([k, x]) => [k, x.ok ? plain(x.v) : x.v]) },
              ]);
            if (n.present)
              entries.push([
                'notes',
                'broken' in n
                  ? n.broken
                  : { map: n.entries.map(([k, x]) => [k, x.ok ? { text: x.t } : x.v]) },
              ]);
            if (sp.present)
              entries.push([
                'support',
                'broken' in sp
                  ? sp.broken
                  : { map: sp.entries.map(([k, x]) => [k, x.ok ? { text: x.t } : x.v]) },
              ]);
            if (jd.present)
              entries.push([
                'judgements',
                'broken' in jd
                  ? jd.broken
                  : { map: jd.entries.map(([k, x]) => [k, x.ok ? plain(x.j) : x.v]) },
              ]);
            if (hi.present)
              entries.push([
                'history',
                'broken' in hi ? hi.broken : { list: hi.entries.map((x) => (x.ok ? x.e : x.v)) },
              ]);
            const value: DocValue = { map: entries };
            if (a.present && 'broken' in a) return { value, problems: 1 };
            let problems = 0;
            const answersRead: Record<string, string> = {};
            if (a.present)
              for (const [k, x] of a.entries)
                if (x.ok) Object.defineProperty(answersRead, k, ownValue(x.v));
                else problems++;
            const notesRead: Record<string, string> = {};
            if (n.present && 'broken' in n) problems++;
            else if (n.present)
              for (const [k, x] of n.entries)
                if (x.ok) Object.defineProperty(notesRead, k, ownValue(x.t));
                else problems++;
            const supportRead: Record<string, string> = {};
            if (sp.present && 'broken' in sp) problems++;
            else if (sp.present)
              for (const [k, x] of sp.entries)
                if (x.ok) Object.defineProperty(supportRead, k, ownValue(x.t));
                else problems++;
            const judgementsRead: Record<string, unknown> = {};
            if (jd.present && 'broken' in jd) problems++;
            else if (jd.present)
              for (const [k, x] of jd.entries)
                if (x.ok) Object.defineProperty(judgementsRead, k, ownValue(x.j));
                else problems++;
            const historyRead: unknown[] = [];
            if (hi.present && 'broken' in hi) problems++;
            else if (hi.present)
              for (const x of hi.entries)
                if (x.ok) historyRead.push(x.e);
                else problems++;
            return {
              value,
              problems,
              read: {
                id,
                type: fields.type,
                studyId: fields.studyId,
                reviewerId: fields.reviewerId,
                status: fields.status,
                createdAt: fields.createdAt,
                completedAt: fields.completedAt ?? null,
                ...(typeof fields.outcomeId === 'string' ? { outcomeId: fields.outcomeId } : {}),
                ...(fields.reconciledFrom ? { reconciledFrom: fields.reconciledFrom } : {}),
                answers: answersRead,
                notes: notesRead,
                support: supportRead,
                judgements: judgementsRead,
                history: historyRead,
              },
            };
          }),
      },
    );
}

const ownValue = (value: unknown): PropertyDescriptor => ({
  value,
  enumerable: true,
  writable: true,
  configurable: true,
});

function rootArb<T>(
  entry: (id: string) => fc.Arbitrary<Entry<T>>,
  maxLength: number,
): fc.Arbitrary<[string, Entry<T>][]> {
  return fc
    .uniqueArray(docKeyArb, { maxLength })
    .chain((ids) =>
      ids.length === 0
        ? fc.constant([])
        : fc.tuple(...ids.map((id) => entry(id).map((e): [string, Entry<T>] => [id, e]))),
    );
}

/** An arbitrary project document with its expected reading. */
export function generatedDocArb(options: ChecklistArbOptions & { maxEntries?: number } = {}) {
  const max = options.maxEntries ?? 6;
  return fc
    .tuple(
      rootArb(
        plainEntryArb(STUDY_FIELDS, (id, f) => ({ id, ...f }) as DocStudy),
        max,
      ),
      rootArb(
        plainEntryArb(OUTCOME_FIELDS, (id, f) => ({ id, ...f }) as DocOutcome),
        max,
      ),
      rootArb(checklistEntryArb(options), max),
    )
    .map(([studies, outcomes, checklists]): GeneratedDoc => {
      const pick = <T>(entries: [string, Entry<T>][]) =>
        entries.flatMap(([, e]) => (e.read === undefined ? [] : [e.read]));
      const problems = [...studies, ...outcomes, ...checklists].reduce(
        (n, [, e]) => n + e.problems,
        0,
      );
      return {
        roots: {
          studies: studies.map(([id, e]) => [id, e.value]),
          outcomes: outcomes.map(([id, e]) => [id, e.value]),
          checklists: checklists.map(([id, e]) => [id, e.value]),
        },
        expected: {
          studies: pick(studies),
          outcomes: pick(outcomes),
          checklists: pick(checklists),
          problems,
        },
      };
    });
}

/** How a test makes shared types (Yjs prelim types, or fakes). */
export interface DocFactory {
  map(entries: [string, unknown][]): unknown;
  text(text: string): unknown;
  list(items: unknown[]): unknown;
}

/** A {@link DocValue} as the factory's types (plain values as they are). */
export function buildValue(value: DocValue, make: DocFactory): unknown {
  if ('map' in value) return make.map(value.map.map(([k, v]) => [k, buildValue(v, make)]));
  if ('text' in value) return make.text(value.text);
  if ('list' in value) return make.list(value.list);
  return value.plain;
}

/** Writes a generated document's roots through `set(root, key, value)`. */
export function buildDoc(
  generated: GeneratedDoc,
  make: DocFactory,
  set: (root: string, key: string, value: unknown) => void,
) {
  for (const root of [DocRoot.studies, DocRoot.outcomes, DocRoot.checklists] as const)
    for (const [key, value] of generated.roots[root]) set(root, key, buildValue(value, make));
}

/**
 * A generated checklist document (document model v2, checklist-doc.ts): answers and judgements,
 * right or of the wrong type, and root texts — notes and support texts, or a root of those names
 * made a map — beside roots outside the layout; with what `readChecklistContent` must return.
 */
export interface GeneratedChecklistDoc {
  answers: [string, DocValue][];
  judgements: [string, DocValue][];
  /** Root name → its content: a text, or (wrongly) a map with one entry. */
  roots: [string, { text: string } | { map: string }][];
  expected: {
    answers: Record<string, string>;
    notes: Record<string, string>;
    support: Record<string, string>;
    judgements: Record<string, unknown>;
  };
}

export const checklistDocArb: fc.Arbitrary<GeneratedChecklistDoc> = fc
  .record({
    answers: fc.uniqueArray(
      fc.tuple(
        docKeyArb,
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.string({ maxLength: 8 }).map((v) => ({ ok: true as const, v })),
          },
          wrongValue('option').map((v) => ({ ok: false as const, v })),
        ),
      ),
      { selector: ([k]) => k, maxLength: 5 },
    ),
    judgements: fc.uniqueArray(
      fc.tuple(
        docKeyArb,
        fc.oneof(
          { weight: 3, arbitrary: judgementArb.map((j) => ({ ok: true as const, j })) },
          wrongValue('option').map((v) => ({ ok: false as const, v })),
        ),
      ),
      { selector: ([k]) => k, maxLength: 3 },
    ),
    roots: fc.uniqueArray(
      fc.tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.tuple(fc.constantFrom('note:', 'support:'), docKeyArb) },
          // Outside the layout: ignored by the reader.
          fc.tuple(fc.constantFrom('notes', 'x_', 'supports'), fc.string({ maxLength: 4 })),
        ),
        fc.oneof(
          { weight: 4, arbitrary: fc.string({ maxLength: 10 }).map((text) => ({ text })) },
          fc.string({ maxLength: 4 }).map((map) => ({ map })),
        ),
      ),
      { selector: ([[prefix, key]]) => prefix + key, maxLength: 6 },
    ),
  })
  .map(({ answers, judgements, roots }) => {
    const expected: GeneratedChecklistDoc['expected'] = {
      answers: {},
      notes: {},
      support: {},
      judgements: {},
    };
    for (const [k, x] of answers)
      if (x.ok) Object.defineProperty(expected.answers, k, ownValue(x.v));
    for (const [k, x] of judgements)
      if (x.ok) Object.defineProperty(expected.judgements, k, ownValue(x.j));
    for (const [[prefix, key], value] of roots) {
      const kind = prefix === 'note:' ? 'notes' : prefix === 'support:' ? 'support' : undefined;
      if (kind && key !== '' && 'text' in value && value.text !== '')
        Object.defineProperty(expected[kind], key, ownValue(value.text));
    }
    return {
      answers: answers.map(([k, x]): [string, DocValue] => [k, x.ok ? plain(x.v) : x.v]),
      judgements: judgements.map(([k, x]): [string, DocValue] => [k, x.ok ? plain(x.j) : x.v]),
      roots: roots.map(([[prefix, key], value]): GeneratedChecklistDoc['roots'][number] => [
        prefix + key,
        value,
      ]),
      expected,
    };
  });
