import { describe, expect, it } from 'vitest';
import {
  amstar2Definition,
  checklistItems,
  rob2Definition,
  robinsIDefinition,
} from '@corates/shared';
import { itemOptionsView } from './item-options.ts';

const item = (definition: Parameters<typeof checklistItems>[0], id: string) =>
  checklistItems(definition).find((i) => i.id === id)!;
const values = (view: ReturnType<typeof itemOptionsView>) => view.options.map((o) => o.value);

describe('itemOptionsView', () => {
  const d2_2 = item(robinsIDefinition, 'd2_2');

  it('[REQ-2] a conditional question shows the tool’s options without “Not applicable”', () => {
    expect(values(itemOptionsView(d2_2, undefined, true))).toEqual(['Y', 'PY', 'PN', 'N', 'NI']);
    expect(values(itemOptionsView(d2_2, 'N', false))).toEqual(['Y', 'PY', 'PN', 'N', 'NI']);
    // RoB 2's "[If applicable]" questions and AMSTAR 2's own "does not apply" answers keep theirs.
    expect(values(itemOptionsView(item(rob2Definition, 'd2b_4'), undefined, true))[0]).toBe('NA');
    expect(values(itemOptionsView(item(amstar2Definition, 'q15'), undefined, true))).toContain(
      'no-ma',
    );
  });

  it('[REQ-3] a recorded NA stays visible; on a question that is asked it says it is not an answer', () => {
    const asked = itemOptionsView(d2_2, 'NA', true);
    expect(values(asked)).toEqual(['NA', 'Y', 'PY', 'PN', 'N', 'NI']);
    expect(asked.notAnAnswer).toBe(
      '“Not applicable” does not answer this question: the tool asks it for the answers given. Choose another answer.',
    );
    expect(itemOptionsView(d2_2, 'NA', false).notAnAnswer).toBeNull();
    // A value that is none of the item's options is simply unanswered.
    expect(itemOptionsView(d2_2, 'maybe', true)).toEqual({
      options: itemOptionsView(d2_2, undefined, true).options,
      notAnAnswer: null,
    });
  });
});
