import { describe, expect, it } from 'vitest';
import {
  canReopenReconciliation,
  historyInOrder,
  reopenReasonSchema,
  type ChecklistEvent,
} from './checklist-history.ts';

describe('checklist history', () => {
  it('[REOPEN-OWNER] only an owner reopens a finalized reconciliation; nothing else needs reopening', () => {
    expect(canReopenReconciliation('owner', 'finalized')).toBe(true);
    expect(canReopenReconciliation('editor', 'finalized')).toBe(false);
    expect(canReopenReconciliation('viewer', 'finalized')).toBe(false);
    expect(canReopenReconciliation('owner', 'reconciling')).toBe(false);
  });

  it('[REOPEN-REASON] reopening needs a reason, trimmed', () => {
    expect(reopenReasonSchema.safeParse('  ').success).toBe(false);
    expect(reopenReasonSchema.parse('  Reviewer 2 misread the protocol ')).toBe(
      'Reviewer 2 misread the protocol',
    );
    expect(reopenReasonSchema.safeParse('x'.repeat(2001)).success).toBe(false);
  });

  it('entries from two devices read in time order, ties in the order appended', () => {
    const e = (event: ChecklistEvent['event'], at: string, by = 'u1'): ChecklistEvent => ({
      event,
      by,
      at,
    });
    const events = [
      e('finalized', '2026-03-02T10:00:00.000Z'),
      e('reopened', '2026-03-03T09:00:00.000Z', 'u2'),
      e('finalized', '2026-03-01T10:00:00.000Z'),
      e('reopened', '2026-03-03T09:00:00.000Z', 'u3'),
    ];
    expect(historyInOrder(events).map((x) => [x.at.slice(0, 10), x.by])).toEqual([
      ['2026-03-01', 'u1'],
      ['2026-03-02', 'u1'],
      ['2026-03-03', 'u2'],
      ['2026-03-03', 'u3'],
    ]);
  });
});
