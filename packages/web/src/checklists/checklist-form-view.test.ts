import { describe, expect, it } from 'vitest';
import { amstar2Definition, rob2Definition, robinsIDefinition } from '@corates/shared';
import { checklistFormView } from './checklist-form-view.ts';

const summary = (view: ReturnType<typeof checklistFormView>) =>
  view.sections.map((s) => [
    s.section.id,
    s.active,
    typeof s.judgement === 'object' && s.judgement !== null ? s.judgement.value : s.judgement,
  ]);

describe('checklist form view', () => {
  it('AMSTAR 2: one section, every item, no judgement', () => {
    const view = checklistFormView(amstar2Definition, {});
    expect(summary(view)).toEqual([[amstar2Definition.sections[0]!.id, true, null]]);
    expect(view.sections[0]!.blocks.flatMap((b) => b.items)).toHaveLength(
      amstar2Definition.sections[0]!.items.length,
    );
  });

  it('RoB 2: the effect of interest picks domain 2a or 2b; domains judged live', () => {
    const none = checklistFormView(rob2Definition, {});
    expect(none.sections.find((s) => s.section.id === 'd2a')).toMatchObject({
      active: false,
      inactiveReason: 'Not assessed for the effect of interest chosen in Effect.',
      blocks: [],
    });
    const view = checklistFormView(rob2Definition, {
      p_effect: 'adhering',
      d1_1: 'Y',
      d1_2: 'N',
    });
    expect(summary(view)).toEqual([
      ['preliminary', true, null],
      ['d1', true, 'high'],
      ['d2a', false, null],
      ['d2b', true, 'pending'],
      ['d3', true, 'pending'],
      ['d4', true, 'pending'],
      ['d5', true, 'pending'],
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
  });

  it('ROBINS-I: C4 per-protocol shows domain 1b, not 1a', () => {
    const view = checklistFormView(robinsIDefinition, { c4: 'per-protocol' });
    expect(view.stopped).toBe(false);
    const active = view.sections.filter((s) => s.active).map((s) => s.section.id);
    expect(active).toContain('d1b');
    expect(active).not.toContain('d1a');
  });
});
