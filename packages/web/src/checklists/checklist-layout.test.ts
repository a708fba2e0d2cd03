import { describe, expect, it } from 'vitest';
import { amstar2Definition } from '@corates/shared';
import { itemBlocks } from './checklist-layout.ts';

describe('itemBlocks', () => {
  it('AMSTAR 2: one block per question, with 9 and 11 each holding their two parts', () => {
    const blocks = itemBlocks(amstar2Definition.sections[0]);
    expect(blocks).toHaveLength(16);
    expect(blocks.map((b) => b.items.map((i) => i.id).join('+'))).toContain('q9a+q9b');
    expect(blocks.filter((b) => b.group).map((b) => b.group!.number)).toEqual(['9', '11']);
  });
});
