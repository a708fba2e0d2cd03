import { For, createSignal, onCleanup, onMount } from 'solid-js';
import type { PDFDocumentProxy } from './pdf-js.ts';

/** Pages drawn at once; a longer PDF says how many are left out rather than stalling the tab. */
const MAX_PAGES = 60;

/** Renders a PDF's pages as canvases, fitted to the pane's width. */
export function PdfCanvasViewer(props: {
  bytes: Uint8Array;
  title: string;
  onError: (e: unknown) => void;
}) {
  const [pageCount, setPageCount] = createSignal(0);
  const canvases: HTMLCanvasElement[] = [];
  let container: HTMLDivElement | undefined;
  let doc: PDFDocumentProxy | undefined;
  let cancelled = false;
  // pdf.js is most of a megabyte: loaded with the first PDF, not with the app.
  const opened = import('./pdf-js.ts').then((m) => m.openPdfDocument(props.bytes));

  const renderPage = async (n: number, canvas: HTMLCanvasElement) => {
    if (!doc || cancelled) return;
    const page = await doc.getPage(n);
    const width = Math.max((container?.clientWidth ?? 600) - 2, 200);
    const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    await page.render({
      canvas,
      viewport,
      ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }),
    }).promise;
  };

  onMount(() => {
    opened
      .then((o) => o.promise)
      .then(async (d) => {
        if (cancelled) return;
        doc = d;
        setPageCount(d.numPages);
        // Top to bottom, one at a time: the first page shows before the rest are drawn.
        for (let n = 1; n <= Math.min(d.numPages, MAX_PAGES); n++) {
          const canvas = canvases[n - 1];
          if (canvas) await renderPage(n, canvas);
        }
      })
      .catch((e: unknown) => {
        if (!cancelled) props.onError(e);
      });
  });
  onCleanup(() => {
    cancelled = true;
    void opened.then((o) => o.destroy());
  });

  const pages = () => Array.from({ length: Math.min(pageCount(), MAX_PAGES) }, (_, i) => i + 1);
  return (
    <div
      class="pdf-pages"
      ref={(el) => (container = el)}
      data-testid="pdf-pages"
      data-page-count={pageCount()}
    >
      <For each={pages()}>
        {(n) => (
          <canvas
            ref={(el) => (canvases[n - 1] = el)}
            class="pdf-page"
            role="img"
            aria-label={`${props.title}, page ${n} of ${pageCount()}`}
          />
        )}
      </For>
      {pageCount() > MAX_PAGES ? (
        <p class="muted">
          Showing the first {MAX_PAGES} of {pageCount()} pages.
        </p>
      ) : null}
    </div>
  );
}
