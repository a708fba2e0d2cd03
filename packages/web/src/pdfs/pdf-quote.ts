/** Where a selected passage lies: its first and last page (the same for most selections). */
export interface QuotePages {
  first: number;
  last: number;
}

/**
 * A passage selected in the PDF as it is added to an item's note: `“passage” (p. 3)`, or
 * `(pp. 3–4)` across pages. The text layer puts line breaks and runs of spaces between its
 * spans; they are one space here. Null when nothing but whitespace was selected.
 */
export function formatQuote(passage: string, pages: QuotePages): string | null {
  const text = passage.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const first = Math.min(pages.first, pages.last);
  const last = Math.max(pages.first, pages.last);
  return `“${text}” (${first === last ? `p. ${first}` : `pp. ${first}–${last}`})`;
}
