import { describe, expect, it } from 'vitest';
import {
  assignSummary,
  selectAllState,
  selectedShown,
  toggleAllShown,
  toggleOne,
} from './study-selection.ts';

describe('selection', () => {
  const shown = ['a', 'b', 'c'];

  it('select all shown selects every shown study and keeps hidden ones selected', () => {
    const next = toggleAllShown(new Set(['z', 'a']), shown);
    expect([...next].sort()).toEqual(['a', 'b', 'c', 'z']);
    expect(selectAllState(next, shown)).toBe('all');
  });

  it('select all shown clears the shown ones when all are selected', () => {
    const next = toggleAllShown(new Set(['a', 'b', 'c', 'z']), shown);
    expect([...next]).toEqual(['z']);
    expect(selectAllState(next, shown)).toBe('none');
  });

  it('is mixed when some shown are selected, and never "all" of nothing', () => {
    expect(selectAllState(new Set(['b']), shown)).toBe('some');
    expect(selectAllState(new Set(['z']), [])).toBe('none');
    expect([...toggleAllShown(new Set(), [])]).toEqual([]);
  });

  it('acts only on the selected studies that are shown, in list order', () => {
    expect(selectedShown(new Set(['c', 'z', 'a']), shown)).toEqual(['a', 'c']);
  });

  it('toggles one study', () => {
    expect([...toggleOne(new Set(['a']), 'b', true)]).toEqual(['a', 'b']);
    expect([...toggleOne(new Set(['a', 'b']), 'a', false)]).toEqual(['b']);
  });
});

describe('assignSummary', () => {
  it('says how many changed and how many were skipped, and why', () => {
    expect(
      assignSummary({
        changed: ['a', 'b', 'c'],
        skipped: [
          { studyId: 'b', reason: 'started' },
          { studyId: 'd', reason: 'same-person' },
          { studyId: 'e', reason: 'same-person' },
        ],
      }),
    ).toBe(
      'Reviewers assigned to 3 studies. 1 study kept a reviewer who has already started a checklist of it. 2 studies skipped: the same person would have been both reviewers.',
    );
    expect(assignSummary({ changed: [], skipped: [{ studyId: 'x', reason: 'missing' }] })).toBe(
      'No study changed. 1 study skipped: removed meanwhile.',
    );
  });
});
