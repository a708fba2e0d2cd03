import { describe, expect, it } from 'vitest';
import { parseThresholdForm, toThresholdForm } from './threshold-form.ts';

describe('threshold form', () => {
  it('round-trips stored thresholds, fractions shown as percentages', () => {
    const stored = [
      { metric: 'syncFailureRate' as const, max: 0.07 },
      { metric: 'nearMinShare' as const, max: 0.05, minorVersions: 2 },
      { metric: 'backlogOps' as const, max: 250 },
    ];
    const form = toThresholdForm(stored);
    expect(form.max.syncFailureRate).toBe('7');
    expect(form.max.replayP95Ms).toBe('');
    expect(form.minorVersions).toBe('2');
    const parsed = parseThresholdForm(form);
    expect('thresholds' in parsed && parsed.thresholds).toEqual([
      { metric: 'backlogOps', max: 250 },
      { metric: 'nearMinShare', max: 0.05, minorVersions: 2 },
      { metric: 'syncFailureRate', max: 0.07 },
    ]);
  });

  it('refuses a percentage above 100 and a negative count', () => {
    const form = toThresholdForm([]);
    expect(parseThresholdForm({ ...form, max: { ...form.max, outdatedShare: '150' } })).toEqual({
      error: 'outdatedShare: a percentage between 0 and 100',
    });
    expect(parseThresholdForm({ ...form, max: { ...form.max, backlogOps: '-1' } })).toEqual({
      error: 'backlogOps: a number of at least 0',
    });
  });
});
