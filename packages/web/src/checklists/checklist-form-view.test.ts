import { describe, expect, it } from 'vitest';
import { amstar2Definition, rob2Definition, robinsIDefinition } from '@corates/shared';
import { ROB2_CLUSTER_ALL_LOW } from '@corates/shared/testing';
import { type FormSectionView, checklistFormView } from './checklist-form-view.ts';

const summary = (sections: FormSectionView[]) =>
  sections.map((s) => [
    s.section.id,
    s.active,
    typeof s.judgement === 'object' && s.judgement !== null ? s.judgement.value : s.judgement,
  ]);

describe('checklist form view', () => {
  it('AMSTAR 2: one section, every item, no judgement', () => {
    const view = checklistFormView(amstar2Definition, {});
    expect(summary(view.sections)).toEqual([[amstar2Definition.sections[0]!.id, true, null]]);
    expect(view.sections[0]!.blocks.flatMap((b) => b.items)).toHaveLength(
      amstar2Definition.sections[0]!.items.length,
    );
  });

  it('RoB 2: the effect of interest picks domain 2a or 2b; domains judged live', () => {
    const none = checklistFormView(rob2Definition, { p_design: 'parallel' });
    expect(none.sections.find((s) => s.section.id === 'd2a')).toMatchObject({
      shown: true,
      active: false,
      inactiveReason: 'Not assessed for the effect of interest chosen in Effect.',
      blocks: [],
    });
    const view = checklistFormView(rob2Definition, {
      p_design: 'parallel',
      p_effect: 'adhering',
      d1_1: 'Y',
      d1_2: 'N',
    });
    expect(summary(view.sections.filter((s) => s.shown))).toEqual([
      ['preliminary', true, null],
      ['d1', true, 'high'],
      ['d2a', false, null],
      ['d2b', true, 'pending'],
      ['d3', true, 'pending'],
      ['d4', true, 'pending'],
      ['d5', true, 'pending'],
    ]);
    expect(view.variantPrompt).toBeNull();
  });

  it('RoB 2: the study design picks the variant’s domains; until it is chosen, none is shown', () => {
    const shown = (answers: Record<string, string>) =>
      checklistFormView(rob2Definition, answers)
        .sections.filter((s) => s.shown)
        .map((s) => s.section.id);
    const open = checklistFormView(rob2Definition, {});
    expect(shown({})).toEqual(['preliminary']);
    expect(open.variantPrompt).toBe(
      'Answer “Study design” above to see the domains this assessment has.',
    );
    expect(shown({ p_design: 'cluster', p_effect: 'assignment' })).toEqual([
      'preliminary',
      'd1a',
      'd1b',
      'd2ac',
      'd2b',
      'd3c',
      'd4c',
      'd5',
    ]);
    expect(shown({ p_design: 'crossover' })).toEqual([
      'preliminary',
      'd1',
      'ds',
      'd2a',
      'd2b',
      'd3',
      'd4',
      'd5',
    ]);
  });

  it('RoB 2: questions whose printed condition does not hold are not reached', () => {
    const view = checklistFormView(rob2Definition, ROB2_CLUSTER_ALL_LOW);
    // 1b.1 "Yes": 1b.2 is not asked; 2.1a "No": nor is 2.1b; 4.3a "No": nor are 4.3b–4.5.
    for (const id of ['d1b_2', 'd2ac_1b', 'd2ac_3', 'd4c_3b', 'd4c_4', 'd4c_5'])
      expect(view.reached.has(id), id).toBe(false);
    for (const id of ['d1b_1', 'd1b_3', 'd2ac_1a', 'd2ac_2', 'd4c_3a'])
      expect(view.reached.has(id), id).toBe(true);
    expect(summary(view.sections.filter((s) => s.shown)).map((s) => s[2])).toEqual([
      null,
      'low',
      'low',
      'low',
      null,
      'low',
      'low',
      'low',
    ]);
  });

  it('ROBINS-I: B2 answered Yes stops the assessment and every domain says why', () => {
    const view = checklistFormView(robinsIDefinition, { b1: 'N', b2: 'Y', c4: 'itt' });
    expect(view.stopped).toBe(true);
    const domains = view.sections.filter((s) => s.section.kind === 'domain');
    expect(domains.every((s) => !s.active)).toBe(true);
    expect(domains[0]!.inactiveReason).toBe(
      'Not assessed: the screening answers stopped the assessment.',
    );
    expect(view.sections.find((s) => s.section.id === 'screening')?.active).toBe(true);
    // No further assessment: section C (the effect of interest) is not asked either.
    expect(view.sections.find((s) => s.section.id === 'effect')).toMatchObject({
      active: false,
      inactiveReason: 'Not assessed: the screening answers stopped the assessment.',
    });
  });

  it('ROBINS-I: a B2 "Yes" left after B1 is changed to "Yes" does not stop the assessment; B2 is not asked', () => {
    const view = checklistFormView(robinsIDefinition, { b1: 'Y', b2: 'Y', c4: 'itt' });
    expect(view.stopped).toBe(false);
    expect(view.reached.has('b2')).toBe(false);
    expect(view.sections.find((s) => s.section.id === 'd1a')?.active).toBe(true);
  });

  it('ROBINS-I: C4 per-protocol shows domain 1b, not 1a', () => {
    const view = checklistFormView(robinsIDefinition, { c4: 'per-protocol' });
    expect(view.stopped).toBe(false);
    const active = view.sections.filter((s) => s.active).map((s) => s.section.id);
    expect(active).toContain('d1b');
    expect(active).not.toContain('d1a');
  });
});
