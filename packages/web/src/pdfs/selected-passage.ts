import type { QuotePages } from './pdf-quote.ts';

/** Text selected in the PDF's text layer, with the pages it starts and ends on. */
export interface SelectedPassage {
  text: string;
  pages: QuotePages;
}

const pageOf = (node: Node | null): number | undefined => {
  const el = node instanceof Element ? node : node?.parentElement;
  const n = Number(el?.closest('.page')?.getAttribute('data-page-number'));
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The current selection when it lies within `container`'s pages, else undefined. */
export function selectedPassage(container: HTMLElement): SelectedPassage | undefined {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode) return undefined;
  if (!container.contains(anchorNode) || !container.contains(focusNode)) return undefined;
  const first = pageOf(anchorNode);
  const last = pageOf(focusNode);
  const text = selection.toString();
  if (first === undefined || last === undefined || text.trim() === '') return undefined;
  return { text, pages: { first, last } };
}
