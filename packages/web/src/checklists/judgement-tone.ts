import type { ChecklistType } from '@corates/shared';

/** The traffic-light colour of a judgement; AMSTAR 2's "High" is good, RoB 2's "High" is not. */
export type JudgementTone = 'good' | 'fair' | 'poor' | 'bad' | 'none';

const TONES: Readonly<Record<ChecklistType, Readonly<Record<string, JudgementTone>>>> = {
  AMSTAR2: { high: 'good', moderate: 'fair', low: 'poor', 'critically-low': 'bad' },
  ROBINS_I: {
    low: 'good',
    'low-except-confounding': 'fair',
    moderate: 'fair',
    serious: 'poor',
    critical: 'bad',
  },
  ROB2: { low: 'good', 'some-concerns': 'fair', high: 'bad' },
};

export function judgementTone(type: ChecklistType, value: string | undefined): JudgementTone {
  return (value !== undefined && TONES[type][value]) || 'none';
}
