import { describe, expect, it } from 'vitest';
import { reconciliationView } from './reconciliation-view.ts';

const rows = (v: ReturnType<typeof reconciliationView>) =>
  v.sections.flatMap((s) =>
    s.rows.map((r) => [r.item.number, r.first?.value, r.second?.value, r.agree, r.final]),
  );

describe('reconciliation view', () => {
  it('AMSTAR 2: disagreements flagged and counted, agreement rate as a percentage', () => {
    const v = reconciliationView(
      'AMSTAR2',
      { q1: 'yes', q2: 'no', q3: 'yes', q4: 'yes' },
      { q1: 'yes', q2: 'partial-yes', q3: 'yes', q4: 'yes' },
      { q1: 'yes', q3: 'yes', q4: 'yes' },
    );
    expect([v.comparison.agreements, v.comparison.disagreements, v.agreementText]).toEqual([
      3,
      1,
      '75%',
    ]);
    const q2 = v.sections[0]!.rows.find((r) => r.item.id === 'q2')!;
    expect([q2.first?.label, q2.second?.label, q2.agree, q2.final]).toEqual([
      'No',
      'Partial Yes',
      false,
      undefined,
    ]);
    expect(v.undecided).toBe(1);
    expect(v.canFinalize).toBe(false);
  });

  it('RoB 2: a disagreement on the effect shows both 2a and 2b; the reconciled pick decides', () => {
    const first = { p_effect: 'assignment', d2a_1: 'N' };
    const second = { p_effect: 'adhering', d2b_1: 'Y' };
    const before = reconciliationView('ROB2', first, second, {});
    const ids = before.sections.map((s) => s.section.id);
    expect(ids).toEqual(['preliminary', 'd1', 'd2a', 'd2b', 'd3', 'd4', 'd5']);
    expect(rows(before).filter((r) => r[0] === 'Effect')).toEqual([
      ['Effect', 'assignment', 'adhering', false, undefined],
    ]);
    // The reconciler picks the effect of assignment: every question of 2a is to answer now.
    const after = reconciliationView('ROB2', first, second, { p_effect: 'assignment' });
    const d2a = after.sections.find((s) => s.section.id === 'd2a')!;
    expect(d2a.rows.map((r) => r.item.number)).toEqual([
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
      '2.6',
      '2.7',
      '2a-dir',
    ]);
    // 2.1 (one reviewer only) is left; 2b's disagreement no longer matters.
    expect(after.undecided).toBe(1);
  });

  it('nothing answered: rate shown as a dash', () => {
    expect(reconciliationView('ROBINS_I', {}, {}, {}).agreementText).toBe('—');
  });
});
