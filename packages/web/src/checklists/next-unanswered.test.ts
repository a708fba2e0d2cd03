import { describe, expect, it } from 'vitest';
import {
  type ChecklistDefinition,
  amstar2Definition,
  checklistItems,
  robinsIDefinition,
} from '@corates/shared';
import { ROBINS_I_ALL_LOW } from '@corates/shared/testing';
import { unansweredLinks } from './checklist-summary.ts';
import { type ShortcutEvent, isNextUnansweredKey, nextUnanswered } from './next-unanswered.ts';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('nextUnanswered', () => {
  it('from nowhere: the first unanswered question', () => {
    expect(nextUnanswered(order, ['b', 'd'], null)).toBe('b');
  });

  it('the first unanswered after the current question, answered or not', () => {
    expect(nextUnanswered(order, ['b', 'd'], 'b')).toBe('d');
    expect(nextUnanswered(order, ['b', 'd'], 'c')).toBe('d');
    expect(nextUnanswered(order, ['b', 'd'], 'a')).toBe('b');
  });

  it('wraps past the end to the first', () => {
    expect(nextUnanswered(order, ['b', 'd'], 'd')).toBe('b');
    expect(nextUnanswered(order, ['b', 'd'], 'e')).toBe('b');
  });

  it('the only unanswered question, when the reviewer is on it, is itself', () => {
    expect(nextUnanswered(order, ['c'], 'c')).toBe('c');
  });

  it('nothing left: null', () => {
    expect(nextUnanswered(order, [], 'c')).toBeNull();
    expect(nextUnanswered(order, [], null)).toBeNull();
  });

  it('a current question not in the order starts from the top', () => {
    expect(nextUnanswered(order, ['d'], 'zz')).toBe('d');
  });

  const ids = (definition: ChecklistDefinition) => checklistItems(definition).map((i) => i.id);

  it('AMSTAR 2 with items 4 and 9b unanswered: from item 16 back to 4, then on to 9b', () => {
    const answers = Object.fromEntries(
      checklistItems(amstar2Definition)
        .filter((i) => i.id !== 'q4' && i.id !== 'q9b')
        .map((i) => [i.id, i.options[0]!.value]),
    );
    const missing = unansweredLinks(amstar2Definition, answers).missing.map((l) => l.id);
    expect(missing).toEqual(['q4', 'q9b']);
    expect(nextUnanswered(ids(amstar2Definition), missing, 'q16')).toBe('q4');
    expect(nextUnanswered(ids(amstar2Definition), missing, 'q4')).toBe('q9b');
    expect(nextUnanswered(ids(amstar2Definition), missing, 'q9a')).toBe('q9b');
  });

  it('ROBINS-I: skips a question the answers do not ask (2.2 after 2.1 "Yes")', () => {
    const { d2_2: _drop, ...rest } = ROBINS_I_ALL_LOW as Record<string, string>;
    const asked = unansweredLinks(robinsIDefinition, { ...rest, d2_1: 'N' }).missing;
    const notAsked = unansweredLinks(robinsIDefinition, { ...rest, d2_1: 'Y' }).missing;
    expect(asked.map((l) => l.id)).toContain('d2_2');
    expect(notAsked.map((l) => l.id)).not.toContain('d2_2');
    const next = (missing: typeof asked) =>
      nextUnanswered(
        ids(robinsIDefinition),
        missing.map((l) => l.id),
        'd2_1',
      );
    expect(next(asked)).toBe('d2_2');
    expect(next(notAsked)).not.toBe('d2_2');
  });
});

describe('isNextUnansweredKey', () => {
  const key = (over: Partial<ShortcutEvent> = {}): ShortcutEvent => ({
    key: 'n',
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    repeat: false,
    defaultPrevented: false,
    ...over,
  });

  it('N on a radio, a button or the page moves on', () => {
    expect(isNextUnansweredKey(key(), { tagName: 'INPUT', type: 'radio' })).toBe(true);
    expect(isNextUnansweredKey(key({ key: 'N' }), { tagName: 'BUTTON' })).toBe(true);
    expect(isNextUnansweredKey(key(), { tagName: 'BODY' })).toBe(true);
    expect(isNextUnansweredKey(key(), null)).toBe(true);
  });

  it('never where N is typed: a note, a text input, a select, editable text', () => {
    expect(isNextUnansweredKey(key(), { tagName: 'TEXTAREA' })).toBe(false);
    expect(isNextUnansweredKey(key(), { tagName: 'INPUT', type: 'text' })).toBe(false);
    expect(isNextUnansweredKey(key(), { tagName: 'INPUT', type: 'search' })).toBe(false);
    expect(isNextUnansweredKey(key(), { tagName: 'INPUT' })).toBe(false);
    expect(isNextUnansweredKey(key(), { tagName: 'SELECT' })).toBe(false);
    expect(isNextUnansweredKey(key(), { tagName: 'DIV', isContentEditable: true })).toBe(false);
  });

  it('not with a modifier, held down, another key, or already handled', () => {
    for (const over of [
      { altKey: true },
      { ctrlKey: true },
      { metaKey: true },
      { shiftKey: true, key: 'N' },
      { repeat: true },
      { key: 'm' },
      { defaultPrevented: true },
    ])
      expect(isNextUnansweredKey(key(over), { tagName: 'BODY' })).toBe(false);
  });
});
