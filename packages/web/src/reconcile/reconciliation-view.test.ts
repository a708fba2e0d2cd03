import { describe, expect, it } from 'vitest';
import { ROB2_ALL_LOW, ROB2_HIGH } from '@corates/shared/testing';
import { assessedVerdict } from '@corates/shared';
import { judgementPick, reconciliationView } from './reconciliation-view.ts';

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
    const first = { p_design: 'parallel', p_effect: 'assignment', d2a_1: 'N' };
    const second = { p_design: 'parallel', p_effect: 'adhering', d2b_1: 'Y' };
    const before = reconciliationView('ROB2', first, second, {});
    // Until the reconciled answers choose the design, only what the reviewers answered is shown.
    const ids = before.sections.map((s) => s.section.id);
    expect(ids).toEqual(['preliminary', 'd2a', 'd2b']);
    expect(rows(before).filter((r) => r[0] === 'Effect')).toEqual([
      ['Effect', 'assignment', 'adhering', false, undefined],
    ]);
    // The reconciler picks the effect of assignment: every question of 2a is to answer now.
    const after = reconciliationView('ROB2', first, second, {
      p_design: 'parallel',
      p_effect: 'assignment',
    });
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

describe('reconciliation view: only real disagreements', () => {
  // Ada answers "Not applicable" to every question her answers do not ask; Bo leaves them blank.
  const ada = {
    ...ROB2_ALL_LOW,
    d2a_3: 'NA',
    d2a_4: 'NA',
    d2a_5: 'NA',
    d2a_7: 'NA',
    d3_2: 'NA',
    d3_3: 'NA',
    d3_4: 'NA',
    d4_4: 'NA',
    d4_5: 'NA',
  };

  it('"Not applicable" on a question neither reviewer is asked is not a disagreement, and not shown as an answer', () => {
    const chosen = { p_design: ROB2_ALL_LOW.p_design, p_effect: ROB2_ALL_LOW.p_effect };
    const v = reconciliationView('ROB2', ada, ROB2_ALL_LOW, chosen);
    expect([v.comparison.agreements, v.comparison.disagreements, v.agreementText]).toEqual([
      15,
      0,
      '100%',
    ]);
    expect(v.agreement.domains).toEqual({ compared: 5, agreements: 5, percent: 1 });
    const d3_2 = v.sections.flatMap((s) => s.rows).find((r) => r.item.id === 'd3_2')!;
    expect([d3_2.first, d3_2.agree, d3_2.tag]).toEqual([
      undefined,
      true,
      'Not asked of either reviewer',
    ]);
  });

  it('a question only one reviewer is asked is tagged so, and is to decide only if the reconciled answers ask it', () => {
    const adaAware = { ...ROB2_ALL_LOW, d2a_1: 'Y', d2a_3: 'N' };
    const before = reconciliationView('ROB2', adaAware, ROB2_ALL_LOW, ROB2_ALL_LOW);
    const row = (v: ReturnType<typeof reconciliationView>, id: string) =>
      v.sections.flatMap((s) => s.rows).find((r) => r.item.id === id)!;
    expect([row(before, 'd2a_3').tag, row(before, 'd2a_3').asked]).toEqual([
      'Asked of one reviewer only (follows from an earlier difference)',
      { first: true, second: false },
    ]);
    // The reconciled 2.1 is Bo's "N": 2.3 is not asked, nothing is left to decide.
    expect(before.undecided).toBe(0);
    // With Ada's "Y", 2.3 is asked and still open.
    const after = reconciliationView('ROB2', adaAware, ROB2_ALL_LOW, {
      ...ROB2_ALL_LOW,
      d2a_1: 'Y',
    });
    expect(after.undecided).toBe(1);
  });
});

describe('taking a reviewer’s judgement of a domain', () => {
  const override = (judgement: string, suggested: string) => ({
    judgement,
    suggested,
    reason: 'Envelopes not opaque',
    by: 'u2',
    at: '2026-03-01T00:00:00.000Z',
  });
  const d1 = (answers: Record<string, string>, judgements = {}) =>
    assessedVerdict('ROB2', answers, judgements).domains[0]!;

  it('an override with its reason is offered; nothing when the reviewer followed the suggestion', () => {
    const reviewer = d1(ROB2_ALL_LOW, { d1: override('high', 'low') });
    expect(judgementPick(reviewer, d1(ROB2_ALL_LOW))).toEqual({
      kind: 'override',
      judgement: 'high',
      reason: 'Envelopes not opaque',
    });
    expect(judgementPick(d1(ROB2_ALL_LOW), d1({ ...ROB2_ALL_LOW, d1_2: 'N' }))).toBe(null);
  });

  it('withdraws the reconciled override when the reconciled answers already suggest it; nothing when already the judgement', () => {
    const reviewer = d1(ROB2_ALL_LOW, { d1: override('high', 'low') });
    const reconciledHigh = d1({ ...ROB2_ALL_LOW, d1_2: 'N' }, { d1: override('low', 'high') });
    expect(judgementPick(reviewer, reconciledHigh)).toEqual({ kind: 'withdraw' });
    expect(judgementPick(reviewer, d1(ROB2_ALL_LOW, { d1: override('high', 'low') }))).toBe(null);
    expect(judgementPick(reviewer, undefined)).toBe(null);
  });

  it('the view carries each side’s domain judgements, reviewers’ overrides applied', () => {
    const v = reconciliationView('ROB2', ROB2_ALL_LOW, ROB2_ALL_LOW, ROB2_ALL_LOW, {
      second: { d1: override('high', 'low') },
    });
    const row = v.domainJudgements.find((d) => d.domainId === 'd1')!;
    expect([
      row.first?.judgement?.value,
      row.second?.judgement?.value,
      row.final?.suggested?.value,
    ]).toEqual(['low', 'high', 'low']);
    expect(v.comparison.domains.find((d) => d.domainId === 'd1')?.agree).toBe(false);
  });

  it('Finalize waits for every question the reconciled answers ask, and names the missing ones', () => {
    const aware = { ...ROB2_ALL_LOW, d2a_1: 'Y', d2a_3: 'N' };
    const done = reconciliationView('ROB2', aware, aware, aware);
    expect([done.canFinalize, done.finalizeHint, done.unanswered.missing]).toEqual([
      true,
      null,
      [],
    ]);
    // 2.3 is asked once 2.1 is Yes: left blank, or given the NA it does not offer, it is missing.
    for (const d2a_3 of [undefined, 'NA']) {
      const v = reconciliationView('ROB2', aware, aware, { ...aware, d2a_3 });
      expect(v.canFinalize).toBe(false);
      expect(v.finalizeHint).toBe('Answer every question asked to finalize.');
      expect(v.unanswered.missingText).toBe('1 question unanswered');
      expect(v.unanswered.missing).toEqual([{ id: 'd2a_3', text: '2.3', label: 'Question 2.3' }]);
    }
    // An AMSTAR 2 reconciliation missing items says so in items.
    const amstar = reconciliationView('AMSTAR2', { q1: 'yes' }, { q1: 'yes' }, { q1: 'yes' });
    expect(amstar.canFinalize).toBe(false);
    expect(amstar.finalizeHint).toBe('Answer every item to finalize.');
    expect(amstar.unanswered.missing[0]).toMatchObject({ text: '2', label: 'Item 2' });
  });

  it('[AJ-STALE-1] Finalize waits for a reconciled override given against another suggestion, and links to it', () => {
    const override = {
      judgement: 'some-concerns',
      reason: 'Allocation was concealed by a pharmacy',
      by: 'u1',
      at: '2026-03-01T10:00:00.000Z',
    };
    const stale = reconciliationView('ROB2', ROB2_HIGH, ROB2_HIGH, ROB2_HIGH, {
      final: { d1: { ...override, suggested: 'low' } },
    });
    expect(stale.unanswered.complete).toBe(true);
    expect([stale.canFinalize, stale.finalizeHint]).toEqual([
      false,
      'Confirm again or clear each assessor judgement given against another suggestion to finalize.',
    ]);
    expect(stale.stale.links.map((l) => l.id)).toEqual(['d1']);
    // Given again against the suggestion now (High), it applies and the result can be finalized.
    const again = reconciliationView('ROB2', ROB2_HIGH, ROB2_HIGH, ROB2_HIGH, {
      final: { d1: { ...override, suggested: 'high' } },
    });
    expect([again.canFinalize, again.stale.links]).toEqual([true, []]);
    // A reviewer's stale override is theirs: it does not hold the reconciled result back.
    const reviewers = reconciliationView('ROB2', ROB2_HIGH, ROB2_HIGH, ROB2_HIGH, {
      first: { d1: { ...override, suggested: 'low' } },
    });
    expect(reviewers.canFinalize).toBe(true);
  });

  it('a question the reconciled answers do not ask is marked unasked and needs no answer', () => {
    const v = reconciliationView('ROB2', ROB2_ALL_LOW, ROB2_ALL_LOW, ROB2_ALL_LOW);
    const row = (id: string) => v.sections.flatMap((s) => s.rows).find((r) => r.item.id === id)!;
    // 2.1 and 2.2 No: 2.3 is not asked; it is shown, unasked, and Finalize does not wait for it.
    expect([row('d2a_3').askedInFinal, row('d2a_1').askedInFinal]).toEqual([false, true]);
    expect(v.canFinalize).toBe(true);
  });
});
