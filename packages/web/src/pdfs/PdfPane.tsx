import { A } from '@solidjs/router';
import { Match, Switch, createMemo, createResource, createSignal } from 'solid-js';
import { errorMessage } from '../api/error-messages.ts';
import { Loading } from '../ui/PageStatus.tsx';
import { type AttachTarget, PdfViewer } from './PdfViewer.tsx';
import { loadPdfBytes } from './load-pdf-bytes.ts';
import { fetchPdfContent } from './pdfs-api.ts';
import { usePdfFileStore, usePrimaryPdf } from './use-pdfs.ts';
// Its own styles: the checklist page can be the first page opened (routes load their CSS apart).
import './pdfs.css';

/**
 * The study's primary PDF, read beside its checklist. Opened PDFs are kept on this device, so
 * the last few open offline too. `attach` (given while the checklist may be edited) lets a
 * selected passage go into an item's note.
 */
export function PdfPane(props: {
  projectId: string;
  studyId: string | undefined;
  attach: AttachTarget | undefined;
}) {
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
  const state = () => {
    if (!primary.loaded()) return 'loading';
    if (!primary.pdf()) return 'empty';
    if (file.error || renderError()) return 'error';
    return file.loading || !file() ? 'loading' : 'ready';
  };

  return (
    <section
      class="pdf-pane card"
      aria-label="Study PDF"
      data-testid="pdf-pane"
      data-state={state()}
    >
      <Switch>
        <Match when={!primary.loaded()}>
          <Loading label="Loading the study’s PDF…" />
        </Match>
        <Match when={!primary.pdf()}>
          <div class="pdf-pane-empty" data-testid="pdf-pane-empty">
            <p class="pdf-pane-empty-title">No PDF for this study yet</p>
            <p class="muted">
              Attach the study’s report in the{' '}
              <A href={`/projects/${encodeURIComponent(props.projectId)}`}>project’s study list</A>;
              it opens here, beside the checklist, to read, search and quote from.
            </p>
          </div>
        </Match>
        <Match when={file.error}>
          <p class="alert alert-error" role="alert" data-testid="pdf-pane-error">
            {navigator.onLine
              ? `The PDF could not be loaded. ${errorMessage(file.error)}`
              : 'This PDF has not been opened on this device before, so it is not available offline.'}
          </p>
        </Match>
        <Match when={renderError()}>
          <p class="alert alert-error" role="alert" data-testid="pdf-pane-error">
            {primary.pdf()?.fileName} could not be opened: the file is damaged or not a PDF that can
            be read. Attach a good copy from the project’s study list.
          </p>
        </Match>
        <Match when={file.loading}>
          <Loading label={`Loading ${primary.pdf()?.fileName ?? 'the PDF'}…`} />
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
              <PdfViewer
                bytes={loaded().bytes}
                title={primary.pdf()?.fileName ?? 'PDF'}
                attach={props.attach}
                onError={setRenderError}
              />
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
