import { describe, expect, it } from 'vitest';
import { judgementTone } from './judgement-tone.ts';

describe('judgement tone', () => {
  it('reads each tool’s scale in its own direction', () => {
    expect(judgementTone('AMSTAR2', 'high')).toBe('good');
    expect(judgementTone('ROB2', 'high')).toBe('bad');
    expect(judgementTone('ROBINS_I', 'serious')).toBe('poor');
    expect(judgementTone('ROBINS_I', 'low-except-confounding')).toBe('fair');
  });
  it('unknown or missing judgements have no colour', () => {
    expect(judgementTone('ROB2', undefined)).toBe('none');
    expect(judgementTone('ROB2', 'critical')).toBe('none');
  });
});
