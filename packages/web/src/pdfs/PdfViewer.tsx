import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { type ChecklistItem } from '@corates/shared';
import type * as Y from 'yjs';
import { AttachQuote } from './AttachQuote.tsx';
import { canZoom, zoomKey, zoomLabel, zoomStep } from './pdf-zoom.ts';
import type { FindResult, PdfViewerControl } from './pdf-viewer-kit.ts';
import { type SelectedPassage, selectedPassage } from './selected-passage.ts';

/** Where a selected passage can be attached: the checklist's items and their notes. */
export interface AttachTarget {
  items: readonly ChecklistItem[];
  noteFor: (itemId: string) => Y.Text | undefined;
}

/** "2 of 5 matches", or why there is no count. */
function findStatus(result: FindResult | undefined): string {
  if (!result || result.query === '') return '';
  if (result.state === 'pending') return 'Searching…';
  if (result.state === 'not-found' || result.total === 0) return 'No matches';
  const count = `${result.current} of ${result.total} ${result.total === 1 ? 'match' : 'matches'}`;
  return result.state === 'wrapped' ? `${count} (from the start again)` : count;
}

/**
 * A PDF in pdf.js's own viewer, with a toolbar: page navigation, zoom, search, and (when the
 * checklist may be edited) attaching a selected passage to an item's note. Ctrl/Cmd + and −
 * zoom, Ctrl/Cmd 0 fits the width, PageUp/PageDown turn pages and Ctrl/Cmd F goes to the
 * search box while focus is in the pane.
 */
export function PdfViewer(props: {
  bytes: Uint8Array;
  title: string;
  attach: AttachTarget | undefined;
  onError: (e: unknown) => void;
}) {
  const [pageCount, setPageCount] = createSignal(0);
  const [page, setPage] = createSignal(1);
  const [scale, setScale] = createSignal(1);
  const [fitWidth, setFitWidth] = createSignal(true);
  const [found, setFound] = createSignal<FindResult>();
  const [passage, setPassage] = createSignal<SelectedPassage>();
  const [attaching, setAttaching] = createSignal<SelectedPassage>();
  const [attached, setAttached] = createSignal<string>();
  let container!: HTMLDivElement;
  let search!: HTMLInputElement;
  let attachButton: HTMLButtonElement | undefined;
  let control: PdfViewerControl | undefined;
  let closed = false;

  onMount(() => {
    // pdf.js (over a megabyte with its viewer) is loaded with the first PDF, not with the app.
    import('./pdf-viewer-kit.ts')
      .then((kit) => {
        if (closed) return;
        control = kit.mountPdfViewer(container, props.bytes, {
          ready: setPageCount,
          page: setPage,
          scale: (s, fit) => {
            setScale(s);
            setFitWidth(fit);
          },
          find: setFound,
          error: props.onError,
        });
      })
      .catch(props.onError);
    const onSelection = () => setPassage(selectedPassage(container));
    document.addEventListener('selectionchange', onSelection);
    onCleanup(() => document.removeEventListener('selectionchange', onSelection));
  });
  onCleanup(() => {
    closed = true;
    control?.destroy();
  });

  const goTo = (input: HTMLInputElement) => {
    const n = Number(input.value);
    if (Number.isInteger(n)) control?.goToPage(n);
    input.value = String(page());
  };
  const zoom = (direction: 'in' | 'out') => control?.zoomTo(zoomStep(scale(), direction));
  const find = (again: 'next' | 'previous' | null) => {
    const query = search.value.trim();
    if (query !== '') control?.find(query, again);
    else setFound(undefined);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const key = zoomKey(event);
    if (key) {
      event.preventDefault();
      if (key === 'fit') control?.zoomTo('fit-width');
      else zoom(key);
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      search.focus();
      search.select();
      return;
    }
    const inField =
      event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (inField || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      if (event.key === 'PageDown') control?.nextPage();
      else control?.previousPage();
    }
  };

  return (
    <div class="pdf-viewer" onKeyDown={onKeyDown}>
      <div class="pdf-toolbar" role="toolbar" aria-label={`${props.title}: pages, zoom and search`}>
        <div class="pdf-tool-group">
          <button
            type="button"
            class="button button-small"
            aria-label="Previous page"
            disabled={page() <= 1}
            onClick={() => control?.previousPage()}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <label class="pdf-page-field">
            <span class="visually-hidden">Page</span>
            <input
              type="number"
              inputmode="numeric"
              min="1"
              max={Math.max(1, pageCount())}
              value={page()}
              data-testid="pdf-page-number"
              onChange={(e) => goTo(e.currentTarget)}
              // Enter goes to the page typed even when it is the one shown (back to its top).
              onKeyDown={(e) => {
                if (e.key === 'Enter') goTo(e.currentTarget);
              }}
            />
          </label>
          <span class="pdf-page-count" data-testid="pdf-page-of">
            of {pageCount() || '…'}
          </span>
          <button
            type="button"
            class="button button-small"
            aria-label="Next page"
            disabled={page() >= pageCount()}
            onClick={() => control?.nextPage()}
          >
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <div class="pdf-tool-group">
          <button
            type="button"
            class="button button-small"
            aria-label="Zoom out"
            aria-keyshortcuts="Control+- Meta+-"
            disabled={!canZoom(scale(), 'out')}
            onClick={() => zoom('out')}
          >
            <span aria-hidden="true">−</span>
          </button>
          <output class="pdf-zoom-level" data-testid="pdf-zoom-level" aria-label="Zoom">
            {zoomLabel(scale())}
          </output>
          <button
            type="button"
            class="button button-small"
            aria-label="Zoom in"
            aria-keyshortcuts="Control++ Meta++"
            disabled={!canZoom(scale(), 'in')}
            onClick={() => zoom('in')}
          >
            <span aria-hidden="true">+</span>
          </button>
          <button
            type="button"
            class="button button-small"
            aria-pressed={fitWidth()}
            aria-keyshortcuts="Control+0 Meta+0"
            onClick={() => control?.zoomTo('fit-width')}
          >
            Fit width
          </button>
        </div>
        <form
          class="pdf-tool-group pdf-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            find(found()?.query === search.value.trim() ? 'next' : null);
          }}
        >
          <label class="pdf-search-field">
            <span class="visually-hidden">Search the PDF</span>
            <input
              ref={(el) => (search = el)}
              type="search"
              placeholder="Search the PDF"
              data-testid="pdf-search"
              onInput={() => find(null)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.shiftKey) {
                  e.preventDefault();
                  find('previous');
                }
              }}
            />
          </label>
          <button
            type="button"
            class="button button-small"
            aria-label="Previous match"
            disabled={!found()?.total}
            onClick={() => find('previous')}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            class="button button-small"
            aria-label="Next match"
            disabled={!found()?.total}
            onClick={() => find('next')}
          >
            <span aria-hidden="true">↓</span>
          </button>
          <span class="pdf-find-count muted" role="status" data-testid="pdf-find-count">
            {findStatus(found())}
          </span>
        </form>
        <Show when={props.attach}>
          <button
            type="button"
            class="button button-small"
            data-testid="pdf-attach"
            disabled={!passage()}
            title={passage() ? undefined : 'Select a passage in the PDF first'}
            // Keeps the selection: a mouse press on the button would otherwise clear it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setAttached(undefined);
              setAttaching(passage());
            }}
            ref={(el) => (attachButton = el)}
          >
            Attach to item…
          </button>
        </Show>
      </div>
      <Show when={props.attach && attaching()}>
        {(selected) => (
          <AttachQuote
            passage={selected()}
            target={props.attach!}
            onDone={(message) => {
              setAttaching(undefined);
              setAttached(message);
              attachButton?.focus();
            }}
          />
        )}
      </Show>
      <p class="pdf-attached" role="status" data-testid="pdf-attached">
        {attached()}
      </p>
      <Show when={pageCount() === 0}>
        <p class="muted pdf-opening" role="status">
          Opening {props.title}…
        </p>
      </Show>
      <div class="pdf-viewport">
        {/* pdf.js requires its container to be absolutely positioned (pdfs.css). */}
        <div
          ref={(el) => (container = el)}
          class="pdf-scroller"
          tabindex="0"
          aria-label={`${props.title}, page ${page()} of ${pageCount()}`}
          data-testid="pdf-pages"
          data-page-count={pageCount()}
        >
          <div class="pdfViewer" />
        </div>
      </div>
    </div>
  );
}
