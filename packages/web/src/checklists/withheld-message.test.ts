import { describe, expect, it } from 'vitest';
import { withheldMessage } from './withheld-message.ts';

describe('withheldMessage', () => {
  it('names the reviewer and says when their answers become visible', () => {
    expect(withheldMessage({ reviewerId: 'u2', reviewerName: 'Bo', viewer: false })).toBe(
      'You’ll see Bo’s answers once both reviewers have marked their checklists complete.',
    );
    expect(withheldMessage({ reviewerId: 'u2', reviewerName: 'Bo', viewer: true })).toBe(
      'You’ll see Bo’s answers once the appraisal is finalized.',
    );
    expect(withheldMessage({ reviewerId: null, reviewerName: '', viewer: true })).toMatch(
      /reconciled answers once the reconciliation is finalized/,
    );
  });
});
