import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  amstar2AnswersSchema,
  amstar2Definition,
  amstar2ValueSchema,
  type Amstar2Answers,
} from './amstar2.ts';
import { checklistItems } from './types.ts';

const items = checklistItems(amstar2Definition);

describe('AMSTAR 2 definition', () => {
  it('[A2-items] has 16 items, with 9 and 11 split into an RCT part (a) and an NRSI part (b)', () => {
    expect(items.map((i) => i.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9a',
      '9b',
      '10',
      '11a',
      '11b',
      '12',
      '13',
      '14',
      '15',
      '16',
    ]);
  });

  it('[A2-items] item ids are q + the number label, and unique', () => {
    expect(items.map((i) => i.id)).toEqual(items.map((i) => `q${i.number}`));
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('[A2-items] the critical items are 2, 4, 7, 9, 11, 13 and 15', () => {
    expect(items.filter((i) => i.critical).map((i) => i.number)).toEqual([
      '2',
      '4',
      '7',
      '9a',
      '9b',
      '11a',
      '11b',
      '13',
      '15',
    ]);
  });

  it('[A2-items] each item offers the final options of the published table', () => {
    const yn = ['Yes', 'No'];
    const ypn = ['Yes', 'Partial Yes', 'No'];
    const ynMa = ['Yes', 'No', 'No meta-analysis conducted'];
    const expected: Record<string, string[]> = {
      '1': yn,
      '2': ypn,
      '3': yn,
      '4': ypn,
      '5': yn,
      '6': yn,
      '7': ypn,
      '8': ypn,
      '9a': [...ypn, 'Includes only NRSI'],
      '9b': [...ypn, 'Includes only RCTs'],
      '10': yn,
      '11a': ynMa,
      '11b': ynMa,
      '12': ynMa,
      '13': yn,
      '14': yn,
      '15': ynMa,
      '16': yn,
    };
    expect(Object.fromEntries(items.map((i) => [i.number, i.options.map((o) => o.label)]))).toEqual(
      expected,
    );
  });

  it('[A2-items] option values are the short stable codes', () => {
    for (const item of items) {
      for (const option of item.options) {
        expect(
          amstar2ValueSchema.safeParse(option.value).success,
          `${item.id}/${option.value}`,
        ).toBe(true);
      }
    }
    const q9a = items.find((i) => i.id === 'q9a');
    expect(q9a?.options.map((o) => o.value)).toEqual([
      'yes',
      'partial-yes',
      'no',
      'only-other-design',
    ]);
  });

  it('[A2-combine] only the parts of 9 and 11 are grouped, each pair under its combined number', () => {
    const grouped = items.flatMap((i) =>
      'group' in i ? [[i.id, i.group.id, i.group.number]] : [],
    );
    expect(grouped).toEqual([
      ['q9a', 'q9', '9'],
      ['q9b', 'q9', '9'],
      ['q11a', 'q11', '11'],
      ['q11b', 'q11', '11'],
    ]);
  });

  it('every item has a question and guidance', () => {
    for (const item of items) {
      expect(item.text, item.id).toMatch(/\?$/);
      expect(item.guidance.length, item.id).toBeGreaterThan(20);
    }
  });

  it('answer types follow the definition', () => {
    expectTypeOf<Amstar2Answers['q1']>().toEqualTypeOf<'yes' | 'no' | undefined>();
    expectTypeOf<Amstar2Answers['q9a']>().toEqualTypeOf<
      'yes' | 'partial-yes' | 'no' | 'only-other-design' | undefined
    >();
    expectTypeOf<Amstar2Answers['q15']>().toEqualTypeOf<'yes' | 'no' | 'no-ma' | undefined>();
  });
});

describe('amstar2AnswersSchema', () => {
  it('accepts no answers, some answers and all answers', () => {
    expect(amstar2AnswersSchema.safeParse({}).success).toBe(true);
    expect(amstar2AnswersSchema.safeParse({ q1: 'yes', q9b: 'only-other-design' }).success).toBe(
      true,
    );
    const all = Object.fromEntries(items.map((i) => [i.id, 'no']));
    expect(amstar2AnswersSchema.parse(all)).toEqual(all);
  });

  it.each(['q0', 'q17', 'q9', 'q11', 'Q1', '1', '__proto__', 'notes'])(
    'rejects the unknown item %j',
    (id) => {
      const result = amstar2AnswersSchema.safeParse(JSON.parse(`{"${id}":"yes"}`));
      expect(result.success).toBe(false);
    },
  );

  it('accepts exactly the options each item offers, and rejects every other code', () => {
    for (const item of items) {
      const allowed = new Set<string>(item.options.map((o) => o.value));
      for (const value of amstar2ValueSchema.options) {
        expect(
          amstar2AnswersSchema.safeParse({ [item.id]: value }).success,
          `${item.id}=${value}`,
        ).toBe(allowed.has(value));
      }
    }
  });

  it.each([
    ['q1', 'partial-yes'],
    ['q1', 'no-ma'],
    ['q9a', 'no-ma'],
    ['q11a', 'partial-yes'],
    ['q11b', 'only-other-design'],
    ['q3', 'Yes'],
    ['q3', ''],
    ['q3', null],
    ['q3', 1],
  ])('rejects %s = %j', (id, value) => {
    expect(amstar2AnswersSchema.safeParse({ [id]: value }).success).toBe(false);
  });
});
