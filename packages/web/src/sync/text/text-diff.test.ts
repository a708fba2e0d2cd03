import { describe, expect, it } from 'vitest';
import { type TextChange, mapIndex, textChange } from './text-diff.ts';

const applyChange = (s: string, c: TextChange) =>
  s.slice(0, c.index) + c.insert + s.slice(c.index + c.remove);

describe('textChange', () => {
  it.each([
    ['', 'a', undefined, { index: 0, remove: 0, insert: 'a' }],
    ['abc', 'abXc', 3, { index: 2, remove: 0, insert: 'X' }],
    ['abc', 'ac', 1, { index: 1, remove: 1, insert: '' }],
    ['hello world', 'hello there', 11, { index: 6, remove: 5, insert: 'there' }],
    ['abc', '', 0, { index: 0, remove: 3, insert: '' }],
  ])('%j → %j (caret %s)', (before, after, caret, expected) => {
    expect(textChange(before, after, caret)).toEqual(expected);
  });

  it('is null when nothing changed', () => {
    expect(textChange('same', 'same', 2)).toBeNull();
  });

  it('uses the caret to place an insert among repeated characters', () => {
    // "aa" → "aaa" typed at index 1 (caret ends at 2), not appended at the end.
    expect(textChange('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(textChange('aa', 'aaa', 3)).toEqual({ index: 2, remove: 0, insert: 'a' });
    // Backspace of the first of three spaces (caret ends at 1).
    expect(textChange('x   y', 'x  y', 1)).toEqual({ index: 1, remove: 1, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    expect(textChange('a😀b', 'a😃b', 3)).toEqual({ index: 1, remove: 2, insert: '😃' });
    expect(textChange('\uD83D\uDE00', '\uD83C\uDE00', 2)).toEqual({
      index: 0,
      remove: 2,
      insert: '\uD83C\uDE00',
    });
  });

  it('property: applying the change to before gives after, whatever the caret', () => {
    let x = 42;
    const rng = () => (x = (x * 16807) % 2147483647) / 2147483647;
    const alphabet = ['a', 'b', ' ', '😀', 'é'];
    const random = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(rng() * alphabet.length)]).join('');
    for (let i = 0; i < 2000; i++) {
      const before = random(Math.floor(rng() * 8));
      const after = random(Math.floor(rng() * 8));
      const caret = rng() < 0.2 ? undefined : Math.floor(rng() * (after.length + 1));
      const change = textChange(before, after, caret);
      if (before === after) expect(change).toBeNull();
      else expect(applyChange(before, change!)).toBe(after);
    }
  });
});

describe('mapIndex', () => {
  it('moves a position after an insert before it', () => {
    expect(mapIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
  });
  it('keeps a position before an insert after it', () => {
    expect(mapIndex(1, [{ retain: 2 }, { insert: 'abc' }])).toBe(1);
  });
  it('breaks a tie at the insert point by assoc', () => {
    expect(mapIndex(2, [{ retain: 2 }, { insert: 'abc' }], -1)).toBe(2);
    expect(mapIndex(2, [{ retain: 2 }, { insert: 'abc' }], 1)).toBe(5);
  });
  it('pulls a position back over a deletion before it and collapses one inside it', () => {
    expect(mapIndex(6, [{ retain: 1 }, { delete: 3 }])).toBe(3);
    expect(mapIndex(2, [{ retain: 1 }, { delete: 3 }])).toBe(1);
    expect(mapIndex(4, [{ retain: 1 }, { delete: 3 }])).toBe(1);
  });
  it('handles a replacement (delete then insert)', () => {
    expect(mapIndex(10, [{ retain: 2 }, { delete: 3 }, { insert: 'xy' }])).toBe(9);
  });
});
