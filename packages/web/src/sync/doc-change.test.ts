import { describe, expect, it } from 'vitest';
import { mergeDocChanges, type DocChange } from './doc-change.ts';

// Checklist ids hold colons (`<study>:<tool>:<reviewer>`).
const C1 = 's1:AMSTAR2:u1';
const C2 = 's1:AMSTAR2:u2';
const status = (id: string): DocChange => ({
  kind: 'checklist',
  key: `checklist:${id}`,
  label: `Status of ${id}`,
});
const answer = (id: string, item: string): DocChange => ({
  kind: 'answer',
  key: `answer:${id}:${item}`,
  label: `Answer to ${item} of ${id}`,
});
const note = (id: string, item: string): DocChange => ({
  kind: 'note',
  key: `note:${id}:${item}`,
  label: `Note on ${item} of ${id}`,
});

describe('mergeDocChanges (a project document and its checklist documents)', () => {
  it('counts a first answer once: the status it moved in the project document is not extra', () => {
    const project = [status(C1)];
    const checklist = [answer(C1, 'q1')];
    expect(mergeDocChanges([project, checklist]).map((c) => c.key)).toEqual([`answer:${C1}:q1`]);
  });

  it('keeps a status change of a checklist whose content did not change', () => {
    const merged = mergeDocChanges([[status(C2), status(C1)], [answer(C1, 'q1')]]);
    expect(merged.map((c) => c.key)).toEqual([`answer:${C1}:q1`, `checklist:${C2}`]);
  });

  it('orders by kind and counts each entity once across lists', () => {
    const merged = mergeDocChanges([
      [{ kind: 'study', key: 'study:s1', label: 'Study' }],
      [note(C1, 'q2'), answer(C1, 'q1')],
      [answer(C1, 'q1')],
    ]);
    expect(merged.map((c) => c.kind)).toEqual(['answer', 'note', 'study']);
  });
});
