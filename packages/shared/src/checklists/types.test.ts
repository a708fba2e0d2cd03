import { describe, expect, it } from 'vitest';
import {
  answerFor,
  answersSchema,
  checklistItems,
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
