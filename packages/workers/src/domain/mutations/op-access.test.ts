import { OP_TYPES } from '@corates/shared';
import { describe, expect, it } from 'vitest';
import { OP_ACCESS } from './op-access.ts';

describe('who may send each op type', () => {
  it('[B7] has an entry for every op type in the registry, and for nothing else', () => {
    expect(Object.keys(OP_ACCESS).sort()).toEqual([...OP_TYPES].sort());
  });
});
