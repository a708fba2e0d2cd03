import { describe, expect, it } from 'vitest';
import { docReady } from './doc-ready.ts';

const base = {
  loaded: true,
  hasLocalCopy: false,
  everSynced: false,
  connection: 'connecting' as const,
};

describe('docReady', () => {
  it.each([
    [{ loaded: false, hasLocalCopy: true, everSynced: true }, false],
    [{ hasLocalCopy: true }, true],
    [{ everSynced: true }, true],
    [{}, false],
    [{ connection: 'syncing' as const }, false],
    [{ connection: 'offline' as const }, true],
    [{ connection: 'revoked' as const }, true],
  ])('%j → %s', (facts, expected) => {
    expect(docReady({ ...base, ...facts })).toBe(expected);
  });
});
