import { describe, expect, it } from 'vitest';
import { PRESENCE_COLORS, initials, otherPeers, presenceColor } from './presence.ts';

const user = (id: string, name = id, color = '#1f5f8b') => ({ id, name, color });

describe('otherPeers', () => {
  it('drops this client and the same user’s other tabs, and merges a person’s tabs into one', () => {
    const states = new Map<number, unknown>([
      [1, { user: user('me') }],
      [2, { user: user('me'), checklistId: 'c1' }],
      [3, { user: user('bo', 'Bo'), checklistId: 'c2' }],
      [4, { user: user('bo', 'Bo'), checklistId: 'c1' }],
      [5, { user: user('ada', 'Ada') }],
      [6, { user: user('bo', 'Bo'), checklistId: 'c1' }],
    ]);
    expect(otherPeers(states, { clientId: 1, userId: 'me' })).toEqual([
      { user: user('ada', 'Ada'), checklistIds: [] },
      { user: user('bo', 'Bo'), checklistIds: ['c1', 'c2'] },
    ]);
  });

  it('skips malformed states and replaces a colour that is not #rrggbb', () => {
    const states = new Map<number, unknown>([
      [2, null],
      [3, { user: { id: 7 } }],
      [4, {}],
      [5, { user: user('x', '  ', 'red; background:url(x)') }],
      // The relay stamps id and name and drops a colour that is not #rrggbb.
      [6, { user: { id: 'y', name: 'Yoko' } }],
    ]);
    expect(otherPeers(states, { clientId: 1, userId: 'me' })).toEqual([
      { user: { id: 'x', name: 'Someone', color: presenceColor('x') }, checklistIds: [] },
      { user: { id: 'y', name: 'Yoko', color: presenceColor('y') }, checklistIds: [] },
    ]);
  });
});

describe('presenceColor / initials', () => {
  it('gives a user the same palette colour every time', () => {
    expect(presenceColor('user-1')).toBe(presenceColor('user-1'));
    expect(PRESENCE_COLORS).toContain(presenceColor('user-1'));
  });

  it.each([
    ['Ada Lovelace', 'AL'],
    ['ada', 'A'],
    ['Jean  Paul Sartre', 'JS'],
    ['', '?'],
  ])('%j → %s', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
