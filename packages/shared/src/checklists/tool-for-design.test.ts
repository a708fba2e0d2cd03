import { describe, expect, it } from 'vitest';
import { STUDY_DESIGNS } from '../doc/layout.ts';
import { ROB2_DESIGN, rob2Definition } from './rob2.ts';
import { STUDY_DESIGN_LABEL, presetAnswers, toolsForDesign } from './tool-for-design.ts';
import { activeSections } from './types.ts';

const order = (design: Parameters<typeof toolsForDesign>[0]) =>
  toolsForDesign(design).offers.map((o) => o.type);

describe('the tool for a study design', () => {
  it('a systematic review: AMSTAR 2 first, recommended with the reason, the others after', () => {
    const choice = toolsForDesign('systematic-review');
    expect(order('systematic-review')).toEqual(['AMSTAR2', 'ROB2', 'ROBINS_I']);
    expect(choice.offers[0]).toMatchObject({
      recommended: true,
      reason: 'Recommended for systematic reviews.',
      presets: [],
    });
    expect(choice.offers.slice(1).map((o) => o.recommended)).toEqual([false, false]);
    expect(choice.offers[1]!.reason).toBe('For randomised trials.');
    expect(choice.hint).toBeNull();
  });

  it.each([
    ['rct-parallel', ROB2_DESIGN.parallel, 'Individually-randomised parallel-group trial'],
    ['rct-cluster', ROB2_DESIGN.cluster, 'Cluster-randomised parallel-group trial'],
    [
      'rct-crossover',
      ROB2_DESIGN.crossover,
      'Individually-randomised cross-over (or other matched) trial',
    ],
  ] as const)(
    'a randomised trial (%s): RoB 2 first, with its design pre-answered',
    (design, value, label) => {
      const [first, ...rest] = toolsForDesign(design).offers;
      expect(first).toMatchObject({ type: 'ROB2', recommended: true });
      expect(first!.reason).toMatch(/^Recommended for randomised trials/);
      expect(first!.presets).toEqual([{ itemId: 'p_design', value, label }]);
      expect(rest.map((o) => o.type)).toEqual(['AMSTAR2', 'ROBINS_I']);
      expect(rest.every((o) => !o.recommended && o.presets.length === 0)).toBe(true);
    },
  );

  it('the cluster and cross-over reasons name the variant of RoB 2', () => {
    expect(toolsForDesign('rct-cluster').offers[0]!.reason).toMatch(/cluster-randomised trials/);
    expect(toolsForDesign('rct-crossover').offers[0]!.reason).toMatch(/cross-over trials/);
  });

  it('the pre-answered design opens the matching variant’s domains', () => {
    const sections = (design: 'rct-parallel' | 'rct-cluster' | 'rct-crossover') => {
      const answers = Object.fromEntries(
        presetAnswers('ROB2', design).map((p) => [p.itemId, p.value]),
      );
      return activeSections(rob2Definition, answers).map((s) => s.id);
    };
    expect(sections('rct-cluster')).toContain('d1b');
    expect(sections('rct-crossover')).toContain('ds');
    expect(sections('rct-parallel')).toContain('d1');
    expect(sections('rct-parallel')).not.toContain('d1b');
  });

  it('a non-randomised study of interventions: ROBINS-I first', () => {
    const choice = toolsForDesign('nrsi');
    expect(order('nrsi')).toEqual(['ROBINS_I', 'AMSTAR2', 'ROB2']);
    expect(choice.offers[0]).toMatchObject({
      recommended: true,
      reason: 'Recommended for non-randomised studies of interventions.',
    });
  });

  it('other design or none set: every tool, none recommended, and a hint', () => {
    for (const design of ['other', undefined] as const) {
      const choice = toolsForDesign(design);
      expect(order(design)).toEqual(['AMSTAR2', 'ROB2', 'ROBINS_I']);
      expect(choice.offers.some((o) => o.recommended)).toBe(false);
      expect(choice.offers.every((o) => o.presets.length === 0)).toBe(true);
      expect(choice.hint).toBeTruthy();
    }
    expect(toolsForDesign(undefined).hint).toMatch(/Set the study design/);
  });

  it('only RoB 2 gets a preset, and only for a randomised trial', () => {
    expect(presetAnswers('AMSTAR2', 'rct-cluster')).toEqual([]);
    expect(presetAnswers('ROBINS_I', 'rct-cluster')).toEqual([]);
    expect(presetAnswers('ROB2', 'nrsi')).toEqual([]);
    expect(presetAnswers('ROB2', undefined)).toEqual([]);
  });

  it('every design has a label and offers every tool once', () => {
    for (const design of STUDY_DESIGNS) {
      expect(STUDY_DESIGN_LABEL[design]).toBeTruthy();
      expect([...order(design)].sort()).toEqual(['AMSTAR2', 'ROB2', 'ROBINS_I']);
    }
  });
});
