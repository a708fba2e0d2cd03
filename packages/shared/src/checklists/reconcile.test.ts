import { describe, expect, it } from 'vitest';
import { checklistProgress } from './progress.ts';
import { compareAnswers } from './reconcile.ts';
import { rob2Definition } from './rob2.ts';
import { robinsIDefinition } from './robins-i.ts';
import { ROB2_ALL_LOW } from '../testing.ts';

describe('[REC] reconciliation comparison', () => {
  it('[REC] AMSTAR 2: agreements pre-filled, the rest pending, rate over items both answered', () => {
    const c = compareAnswers(
      'AMSTAR2',
      { q1: 'yes', q2: 'no', q9a: 'yes' },
      { q1: 'yes', q2: 'partial-yes' },
    );
    expect(c.items.map((i) => [i.number, i.status])).toEqual([
      ['1', 'agree'],
      ['2', 'disagree'],
      ['9a', 'answered-by-one'],
    ]);
    expect(c.merged).toEqual({ q1: 'yes' });
    expect(c.pending).toEqual(['q2', 'q9a']);
    // 9a, answered by one reviewer only, is left to the reconciler but is not a disagreement.
    expect([c.agreements, c.disagreements, c.agreementRate]).toEqual([1, 1, 1 / 2]);
    expect(c.overall).toEqual({ first: undefined, second: undefined, agree: false });
  });
  it('[REC] nothing answered → rate null; values not among the options count as unanswered', () => {
    expect(compareAnswers('AMSTAR2', {}, { q1: 'maybe' }).agreementRate).toBeNull();
  });
  it('[REC] ROBINS-I: a disagreement on the effect shows both 1a and 1b and leaves C4 open', () => {
    const first = { c4: 'itt', d1a_1: 'Y', d5_1: 'N', d5_2: 'N' };
    const second = { c4: 'per-protocol', d1b_1: 'N', d5_1: 'N', d5_2: 'Y' };
    const c = compareAnswers('ROBINS_I', first, second);
    expect(c.pending).toEqual(['c4', 'd1a_1', 'd1b_1', 'd5_2']);
    expect(c.merged).toEqual({ d5_1: 'N' });
    const d5 = c.domains.find((d) => d.domainId === 'd5')!;
    expect([d5.first?.value, d5.second, d5.agree]).toEqual(['low', undefined, false]);
  });
  it('[REC] ROBINS-I: same judgements and overall agree even when a signalling answer differs', () => {
    const base = { b1: 'Y', b3: 'N', d5_1: 'N', d5_2: 'Y' };
    const c = compareAnswers('ROBINS_I', { ...base, d5_3: 'N' }, { ...base, d5_3: 'PN' });
    expect(c.domains.find((d) => d.domainId === 'd5')).toMatchObject({ agree: true });
    expect(c.pending).toEqual(['d5_3']);
  });
  it('[REC] RoB 2: per-domain judgements and the overall are compared', () => {
    const c = compareAnswers('ROB2', ROB2_ALL_LOW, { ...ROB2_ALL_LOW, d1_2: 'N' });
    expect(c.overall.first?.label).toBe('Low');
    expect(c.overall.second?.label).toBe('High');
    expect(c.overall.agree).toBe(false);
    expect(c.domains.filter((d) => !d.agree).map((d) => d.domainId)).toEqual(['d1']);
    expect(c.agreementRate).toBe(14 / 15);
    expect(Object.keys(c.merged)).toHaveLength(14);
  });

  it('[REC] [AJ-BOTH-KEPT] judgements compared are each reviewer’s final ones: an override counts, the answers still agree', () => {
    const override = {
      d1: {
        judgement: 'high',
        suggested: 'low',
        reason: 'Allocation sequence predictable',
        by: 'u2',
        at: '2026-03-01T00:00:00.000Z',
      },
    };
    const c = compareAnswers('ROB2', ROB2_ALL_LOW, ROB2_ALL_LOW, [undefined, override]);
    expect(c.disagreements).toBe(0);
    expect(c.domains.filter((d) => !d.agree).map((d) => [d.domainId, d.second?.value])).toEqual([
      ['d1', 'high'],
    ]);
    expect([c.overall.first?.value, c.overall.second?.value]).toEqual(['low', 'high']);
  });
});

describe('[PROG] progress of the domain-based tools', () => {
  it('[PROG] ROBINS-I counts screening, the effect choice and the chosen domain 1 variant only', () => {
    // Questions asked with no answers: B1, B3 (B2 only after B1 N/PN), C4, and each domain's
    // unconditional questions: 2.1, 2.4, 2.5; 3.1, 3.3; 4.1–4.3; 5.1, 5.2; 6.1–6.4.
    expect(checklistProgress(robinsIDefinition, {}).total).toBe(2 + 1 + 3 + 2 + 3 + 2 + 4);
    // Domain 1a adds 1.1 and 1.4 (1.2 and 1.3 only after 1.1 Y/PY/WN).
    expect(checklistProgress(robinsIDefinition, { c4: 'itt' })).toEqual({
      answered: 1,
      total: 2 + 1 + 2 + 3 + 2 + 3 + 2 + 4,
    });
    // B3 Y stops the assessment: only the screening questions are asked.
    expect(checklistProgress(robinsIDefinition, { c4: 'per-protocol', b3: 'Y' })).toEqual({
      answered: 1,
      total: 2,
    });
  });
  it('[PROG] RoB 2 counts its design’s domains and 2a or 2b, not directions, the sources text or questions not reached', () => {
    const answers = { p_design: 'parallel', p_effect: 'adhering', d1_dir: 'NA' } as const;
    // Domain 2b: 2.3 and 2.6 are not reached yet; domain 3: only 3.1; domain 4: 4.1 and 4.2.
    expect(checklistProgress(rob2Definition, answers)).toEqual({
      answered: 2,
      total: 2 + 3 + 4 + 1 + 2 + 3,
    });
  });
});
