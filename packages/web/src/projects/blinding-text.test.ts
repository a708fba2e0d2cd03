import { describe, expect, it } from 'vitest';
import { blindingChanged, blindingState } from './blinding-text.ts';

describe('blind reviewers setting, in words', () => {
  it('says whether reviewers are blinded, and what switching did', () => {
    expect(blindingState(true)).toBe(
      'Reviewers are blinded until both have marked their checklist complete.',
    );
    expect(blindingState(false)).toMatch(/^Reviewers are not blinded/);
    expect(blindingChanged(true)).toMatch(/^Blinding is on/);
    expect(blindingChanged(false)).toMatch(/^Blinding is off/);
  });
});
