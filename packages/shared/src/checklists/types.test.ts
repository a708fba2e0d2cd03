import { describe, expect, it } from 'vitest';
import {
  activeSections,
  answerFor,
  answersSchema,
  applicableSections,
  checklistItems,
  conditionHolds,
  reachedItemIds,
  sectionColumn,
  toolRelease,
  type ChecklistDefinition,
  type ChecklistItem,
} from './types.ts';

const item = (id: string, values: string[]): ChecklistItem => ({
  id,
  number: id,
  text: `${id}?`,
  guidance: '',
  options: values.map((value) => ({ value, label: value })),
  critical: false,
});

const fake: ChecklistDefinition = {
  type: 'AMSTAR2',
  version: 1,
  title: 'Fake',
  reference: '',
  sections: [
    { id: 's1', title: 'One', items: [item('a', ['y', 'n'])] },
    { id: 's2', title: 'Two', items: [item('b', ['y', 'n', 'na']), item('c', ['y'])] },
  ],
};

describe('checklistItems', () => {
  it('flattens the sections in order', () => {
    expect(checklistItems(fake).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('answersSchema', () => {
  const schema = answersSchema(fake);
  it('accepts valid partial answers', () => {
    expect(schema.parse({ b: 'na' })).toEqual({ b: 'na' });
  });
  it('rejects unknown items rather than dropping them', () => {
    expect(schema.safeParse({ a: 'y', d: 'y' }).success).toBe(false);
  });
  it('rejects an option that belongs to another item', () => {
    expect(schema.safeParse({ a: 'na' }).success).toBe(false);
  });
  it('refuses a definition with an item that has no options', () => {
    const broken: ChecklistDefinition = {
      ...fake,
      sections: [{ id: 's', title: 'S', items: [item('x', [])] }],
    };
    expect(() => answersSchema(broken)).toThrow(/x has no options/);
  });
});

describe('answerFor', () => {
  const b = item('b', ['y', 'n', 'na']);
  it('returns an allowed answer', () => {
    expect(answerFor(b, { b: 'na' })).toBe('na');
  });
  it('reads an unknown value or a missing key as unanswered', () => {
    expect(answerFor(b, { b: 'maybe' })).toBeUndefined();
    expect(answerFor(b, {})).toBeUndefined();
  });
  it('ignores inherited properties', () => {
    const proto = item('toString', ['y']);
    expect(answerFor(proto, {})).toBeUndefined();
    expect(
      answerFor(proto, Object.create({ toString: 'y' }) as Record<string, string>),
    ).toBeUndefined();
  });
});

describe('variants, conditions and questions reached', () => {
  const variant: ChecklistDefinition = {
    type: 'ROB2',
    version: 1,
    title: 'Variants',
    reference: '',
    release: 'base release',
    variants: [{ when: { itemId: 'v', values: ['b'] }, release: 'variant B' }],
    sections: [
      { id: 'p', title: 'P', kind: 'preliminary', items: [item('v', ['a', 'b'])] },
      {
        id: 'd1',
        title: 'One',
        kind: 'domain',
        appliesWhen: { itemId: 'v', values: ['a', 'b'] },
        items: [
          item('q1', ['y', 'n']),
          item('q2', ['y', 'n']),
          {
            ...item('q3', ['na', 'y', 'n']),
            askedIf: {
              any: [
                { itemId: 'q1', values: ['y'] },
                { itemId: 'q2', values: ['y'] },
              ],
            },
          },
          { ...item('q4', ['na', 'y', 'n']), askedIf: { itemId: 'q3', values: ['y'] } },
        ],
      },
      {
        id: 'd1x',
        title: 'Only B',
        kind: 'domain',
        appliesWhen: { itemId: 'v', values: ['b'] },
        column: 'D1x',
        items: [item('x1', ['y', 'n'])],
      },
    ],
  };
  const ids = (sections: { id: string }[]) => sections.map((s) => s.id);

  it('conditionHolds: one answer, all of, any of, nested; unanswered or unusable items fail', () => {
    const a = { itemId: 'q1', values: ['y'] };
    const b = { itemId: 'q2', values: ['y'] };
    expect(conditionHolds(variant, a, { q1: 'y' })).toBe(true);
    expect(conditionHolds(variant, a, {})).toBe(false);
    expect(conditionHolds(variant, { all: [a, b] }, { q1: 'y', q2: 'n' })).toBe(false);
    expect(conditionHolds(variant, { any: [a, b] }, { q1: 'n', q2: 'y' })).toBe(true);
    expect(conditionHolds(variant, { all: [a, { any: [b, a] }] }, { q1: 'y' })).toBe(true);
    expect(conditionHolds(variant, a, { q1: 'y' }, () => false)).toBe(false);
    // A value the item does not offer reads as unanswered.
    expect(conditionHolds(variant, { itemId: 'q1', values: ['maybe'] }, { q1: 'maybe' })).toBe(
      false,
    );
  });

  it('applicableSections: a section of another variant is not part of the assessment', () => {
    expect(ids(applicableSections(variant, {}))).toEqual(['p']);
    expect(ids(applicableSections(variant, { v: 'a' }))).toEqual(['p', 'd1']);
    expect(ids(activeSections(variant, { v: 'b' }))).toEqual(['p', 'd1', 'd1x']);
  });

  it('reachedItemIds: conditions read in order, only through reached questions', () => {
    const reached = (answers: Record<string, string>) => [...reachedItemIds(variant, answers)];
    expect(reached({ v: 'a' })).toEqual(['v', 'q1', 'q2']);
    expect(reached({ v: 'a', q2: 'y' })).toEqual(['v', 'q1', 'q2', 'q3']);
    expect(reached({ v: 'a', q2: 'y', q3: 'y' })).toEqual(['v', 'q1', 'q2', 'q3', 'q4']);
    // q3's answer stays in the document after q2 changes, but q3 is no longer asked: nor is q4.
    expect(reached({ v: 'a', q2: 'n', q3: 'y' })).toEqual(['v', 'q1', 'q2']);
    expect(reached({})).toEqual(['v']);
  });

  it('toolRelease: the chosen variant’s document, else the definition’s release', () => {
    expect(toolRelease(variant, { v: 'b' })).toBe('variant B');
    expect(toolRelease(variant, { v: 'a' })).toBe('base release');
    expect(toolRelease({ ...variant, release: undefined }, {})).toBeUndefined();
  });

  it('sectionColumn: a domain’s own column, else D and its number', () => {
    expect(variant.sections.slice(1).map(sectionColumn)).toEqual(['D1', 'D1x']);
  });
});
