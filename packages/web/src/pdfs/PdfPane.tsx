import { Match, Switch, createMemo, createResource, createSignal } from 'solid-js';
import { errorMessage } from '../api/error-messages.ts';
import { PdfCanvasViewer } from './PdfCanvasViewer.tsx';
import { loadPdfBytes } from './load-pdf-bytes.ts';
import { fetchPdfContent } from './pdfs-api.ts';
import { usePdfFileStore, usePrimaryPdf } from './use-pdfs.ts';
// Its own styles: the checklist page can be the first page opened (routes load their CSS apart).
import './pdfs.css';

/**
 * The study's primary PDF, read beside its checklist. Opened PDFs are kept on this device, so
 * the last few open offline too.
 */
export function PdfPane(props: { projectId: string; studyId: string | undefined }) {
  const primary = usePrimaryPdf(
    () => props.projectId,
    () => props.studyId ?? '',
  );
  const store = usePdfFileStore();
  const [renderError, setRenderError] = createSignal<unknown>();
  // Keyed on the PDF (its bytes never change), not on its row: a rename or a pull must not reload it.
  const source = createMemo(
    () => {
      const pdf = primary.pdf();
      const s = store();
      return pdf && s ? { id: pdf.id, projectId: pdf.projectId, store: s } : undefined;
    },
    undefined,
    { equals: (a, b) => a?.id === b?.id && a?.store === b?.store },
  );
  const [file] = createResource(source, ({ id, projectId, store: s }) => {
    setRenderError(undefined);
    return loadPdfBytes(s, id, () => fetchPdfContent(projectId, id));
  });

  return (
    <aside class="pdf-pane card" aria-label="Study PDF" data-testid="pdf-pane">
      <Switch>
        <Match when={!primary.loaded()}>
          <p class="muted">Loading the study’s PDF…</p>
        </Match>
        <Match when={!primary.pdf()}>
          <p class="muted" data-testid="pdf-pane-empty">
            No primary PDF for this study yet. Attach one from the project’s study list.
          </p>
        </Match>
        <Match when={file.error}>
          <p class="alert alert-error" role="alert">
            {navigator.onLine
              ? `The PDF could not be loaded. ${errorMessage(file.error)}`
              : 'This PDF has not been opened on this device before, so it is not available offline.'}
          </p>
        </Match>
        <Match when={renderError()}>
          <p class="alert alert-error" role="alert">
            The PDF could not be displayed; the file may be damaged.
          </p>
        </Match>
        <Match when={file.loading}>
          <p class="muted">Loading {primary.pdf()?.fileName}…</p>
        </Match>
        <Match when={file()}>
          {(loaded) => (
            <>
              <p class="pdf-pane-title">
                <strong>{primary.pdf()?.fileName}</strong>
                {loaded().from === 'device' ? (
                  <span class="muted" data-testid="pdf-from-device">
                    {' '}
                    · saved on this device
                  </span>
                ) : null}
              </p>
              <PdfCanvasViewer
                bytes={loaded().bytes}
                title={primary.pdf()?.fileName ?? 'PDF'}
                onError={setRenderError}
              />
            </>
          )}
        </Match>
      </Switch>
    </aside>
  );
}
