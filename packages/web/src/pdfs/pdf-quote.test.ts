import { describe, expect, it } from 'vitest';
import { formatQuote } from './pdf-quote.ts';

describe('formatQuote', () => {
  it('quotes the passage with its page', () => {
    expect(formatQuote('Allocation was concealed.', { first: 3, last: 3 })).toBe(
      '“Allocation was concealed.” (p. 3)',
    );
  });

  it('gives the range of a passage across pages', () => {
    expect(formatQuote('from here to there', { first: 4, last: 5 })).toBe(
      '“from here to there” (pp. 4–5)',
    );
    expect(formatQuote('backwards', { first: 5, last: 4 })).toBe('“backwards” (pp. 4–5)');
  });

  it('joins the text layer’s line breaks and runs of spaces into single spaces', () => {
    expect(
      formatQuote('  Patients were\nrandomised   by\r\n\tcomputer. ', { first: 2, last: 2 }),
    ).toBe('“Patients were randomised by computer.” (p. 2)');
  });

  it('gives nothing for a selection of whitespace', () => {
    expect(formatQuote(' \n ', { first: 1, last: 1 })).toBeNull();
  });
});
