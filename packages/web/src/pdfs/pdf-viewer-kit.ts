// Imported first: it sets the global pdf.js library the viewer components read when evaluated.
import { type PDFDocumentProxy, openPdfDocument } from './pdf-js.ts';
import {
  EventBus,
  FindState,
  LinkTarget,
  PDFFindController,
  PDFLinkService,
  PDFViewer,
} from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';

/** A search's outcome as the toolbar shows it: "2 of 5", or that nothing matched. */
export interface FindResult {
  query: string;
  state: 'found' | 'not-found' | 'wrapped' | 'pending';
  current: number;
  total: number;
}

export interface PdfViewerEvents {
  /** The document is open and its pages laid out. */
  ready(pageCount: number): void;
  page(page: number): void;
  scale(scale: number, fitWidth: boolean): void;
  find(result: FindResult): void;
  /** The file could not be opened (damaged, or not a PDF after all). */
  error(e: unknown): void;
}

/** What the pane's toolbar drives; every call is a no-op before the document is ready. */
export interface PdfViewerControl {
  zoomTo(scale: number | 'fit-width'): void;
  goToPage(page: number): void;
  nextPage(): void;
  previousPage(): void;
  /** Searches from the start (`again` null) or for the next or previous match of `query`. */
  find(query: string, again: 'next' | 'previous' | null): void;
  destroy(): void;
}

const FIND_STATES: Record<number, FindResult['state']> = {
  [FindState.FOUND]: 'found',
  [FindState.NOT_FOUND]: 'not-found',
  [FindState.WRAPPED]: 'wrapped',
  [FindState.PENDING]: 'pending',
};

/**
 * pdf.js's own viewer (pages drawn as they scroll into view, a text layer for selecting and
 * finding text, links) over `bytes`, in `container` — which pdf.js requires to be absolutely
 * positioned and to hold one empty `.pdfViewer` element.
 */
export function mountPdfViewer(
  container: HTMLDivElement,
  bytes: Uint8Array,
  on: PdfViewerEvents,
): PdfViewerControl {
  let destroyed = false;
  const eventBus = new EventBus();
  const linkService = new PDFLinkService({ eventBus, externalLinkTarget: LinkTarget.BLANK });
  const findController = new PDFFindController({ eventBus, linkService });
  const viewer = new PDFViewer({
    container,
    eventBus,
    linkService,
    findController,
  });
  linkService.setViewer(viewer);

  let doc: PDFDocumentProxy | undefined;
  let fitWidth = true;
  let lastQuery = '';
  let lastWidth = 0;
  let refit = 0;
  eventBus.on('pagesinit', () => {
    viewer.currentScaleValue = 'page-width';
    on.ready(viewer.pagesCount);
  });
  eventBus.on('pagechanging', (e: { pageNumber: number }) => on.page(e.pageNumber));
  eventBus.on('scalechanging', (e: { scale: number; presetValue?: string }) => {
    fitWidth = e.presetValue === 'page-width';
    on.scale(e.scale, fitWidth);
  });
  const report = (state: number, count: { current: number; total: number }) =>
    on.find({ query: lastQuery, state: FIND_STATES[state] ?? 'pending', ...count });
  eventBus.on(
    'updatefindcontrolstate',
    (e: { state: number; matchesCount: { current: number; total: number } }) =>
      report(e.state, e.matchesCount),
  );
  eventBus.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) =>
    report(FindState.FOUND, e.matchesCount),
  );

  // "Fit width" follows the pane as the split is dragged or a tab shows it (hidden, it is 0 wide).
  const resized = new ResizeObserver(() => {
    const width = container.clientWidth;
    if (!doc || !fitWidth || width === 0 || width === lastWidth) return;
    lastWidth = width;
    cancelAnimationFrame(refit);
    refit = requestAnimationFrame(() => (viewer.currentScaleValue = 'page-width'));
  });
  resized.observe(container);

  const opening = openPdfDocument(bytes);
  opening.promise.then(
    (d) => {
      if (destroyed) return;
      doc = d;
      lastWidth = container.clientWidth;
      viewer.setDocument(d);
      linkService.setDocument(d, null);
    },
    (e: unknown) => {
      if (!destroyed) on.error(e);
    },
  );

  return {
    zoomTo(scale) {
      if (!doc) return;
      if (scale === 'fit-width') viewer.currentScaleValue = 'page-width';
      else viewer.currentScale = scale;
    },
    goToPage(page) {
      if (doc) viewer.currentPageNumber = Math.min(Math.max(1, page), viewer.pagesCount);
    },
    nextPage() {
      if (doc) viewer.nextPage();
    },
    previousPage() {
      if (doc) viewer.previousPage();
    },
    find(query, again) {
      if (!doc) return;
      lastQuery = query;
      eventBus.dispatch('find', {
        source: null,
        type: again ? 'again' : '',
        query,
        caseSensitive: false,
        entireWord: false,
        highlightAll: true,
        findPrevious: again === 'previous',
        matchDiacritics: false,
      });
    },
    destroy() {
      destroyed = true;
      resized.disconnect();
      cancelAnimationFrame(refit);
      viewer.setDocument(null);
      linkService.setDocument(null, null);
      opening.destroy();
    },
  };
}
