import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { PDF_MAX_BYTES, type PdfTag, pdfTagSchema, safePdfFileName } from '@corates/shared';
import { type ErrorMessages, errorMessage } from '../api/error-messages.ts';
import { useUnsyncedRows } from '../sync/metadata/use-metadata.ts';
import type { CachedPdfMeta } from '../sync/offline/index.ts';
import { PDF_TAG_LABEL, formatBytes } from './pdf-list.ts';
import { checkPdfFile } from './check-pdf-file.ts';
import { usePdfActions, useStudyPdfs } from './use-pdfs.ts';
import './pdfs.css';

const UPLOAD_MESSAGES: ErrorMessages = {
  UNSUPPORTED_MEDIA_TYPE: 'That file is not a PDF. Only PDF files can be attached.',
  PAYLOAD_TOO_LARGE: `That PDF is too large: the limit is ${formatBytes(PDF_MAX_BYTES)}.`,
  NETWORK_ERROR: 'Uploading needs a connection. Try again when you are online.',
  FORBIDDEN: 'Only owners and editors can attach PDFs.',
};

/** A study's PDFs: attach (upload with progress), tag, rename, delete. */
export function StudyPdfs(props: {
  projectId: string;
  studyId: string;
  studyTitle: string;
  canEdit: boolean;
}) {
  const pdfs = useStudyPdfs(
    () => props.projectId,
    () => props.studyId,
  );
  const actions = usePdfActions();
  const unsynced = useUnsyncedRows();
  const [progress, setProgress] = createSignal<number>();
  const [error, setError] = createSignal<string>();
  const inputId = createUniqueId();
  const headingId = createUniqueId();

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError(undefined);
    const refused = await checkPdfFile(file);
    if (refused) {
      setError(errorMessage(refused, UPLOAD_MESSAGES));
      return;
    }
    setProgress(0);
    try {
      await actions.upload({
        projectId: props.projectId,
        studyId: props.studyId,
        file,
        fileName: file.name,
        id: crypto.randomUUID(),
        onProgress: setProgress,
      });
    } catch (e) {
      setError(errorMessage(e, UPLOAD_MESSAGES));
    } finally {
      setProgress(undefined);
    }
  };

  const run = (action: () => Promise<unknown>) => {
    setError(undefined);
    action().catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <section class="study-pdfs" aria-labelledby={headingId} data-testid="study-pdfs">
      <h4 id={headingId} class="study-pdfs-heading">
        PDFs
      </h4>
      <Show
        when={(pdfs()?.length ?? 0) > 0}
        fallback={<p class="muted">{pdfs() ? 'No PDFs attached.' : 'Loading PDFs…'}</p>}
      >
        <ul class="pdf-list">
          <For each={pdfs()}>
            {(pdf) => (
              <PdfRow
                pdf={pdf}
                canEdit={props.canEdit}
                unsynced={unsynced().get(`pdf:${pdf.id}`)}
                onTag={(tag) => run(() => actions.setTag(pdf, tag))}
                onRename={(name) => run(() => actions.rename(pdf, name))}
                onDelete={() => run(() => actions.remove(pdf))}
              />
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.canEdit}>
        <div class="pdf-upload">
          <label for={inputId} class="button button-small">
            Attach a PDF
          </label>
          <input
            id={inputId}
            class="visually-hidden"
            type="file"
            accept="application/pdf,.pdf"
            aria-label={`Attach a PDF to “${props.studyTitle}”`}
            disabled={progress() !== undefined}
            onChange={(e) => void onFile(e.currentTarget)}
          />
          <Show when={progress() !== undefined}>
            <progress
              max="1"
              value={progress()}
              aria-label="Upload progress"
              data-testid="pdf-upload-progress"
            />
            <span class="muted">{Math.round((progress() ?? 0) * 100)}%</span>
          </Show>
        </div>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert" data-testid="pdf-error">
          {error()}
        </p>
      </Show>
    </section>
  );
}

function PdfRow(props: {
  pdf: CachedPdfMeta;
  canEdit: boolean;
  unsynced: 'pending' | 'failed' | undefined;
  onTag: (tag: PdfTag) => void;
  onRename: (fileName: string) => void;
  onDelete: () => void;
}) {
  const [renaming, setRenaming] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const tagId = createUniqueId();

  const submitRename = (input: HTMLInputElement) => {
    const name = input.value.trim();
    setRenaming(false);
    if (name && safePdfFileName(name) !== props.pdf.fileName) props.onRename(name);
  };

  return (
    <li class="pdf-item" data-testid="pdf-item" data-tag={props.pdf.tag}>
      <Show
        when={renaming()}
        fallback={
          <span class="pdf-name" data-testid="pdf-name">
            {props.pdf.fileName}
          </span>
        }
      >
        <form
          class="pdf-rename"
          onSubmit={(e) => {
            e.preventDefault();
            submitRename(e.currentTarget.elements.namedItem('fileName') as HTMLInputElement);
          }}
        >
          <input
            name="fileName"
            value={props.pdf.fileName}
            aria-label="New file name"
            ref={(el) => queueMicrotask(() => el.select())}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setRenaming(false);
            }}
          />
          <button type="submit" class="button button-small">
            Save
          </button>
        </form>
      </Show>
      <span class="muted">{formatBytes(props.pdf.size)}</span>
      <Show when={props.unsynced}>
        {(state) => (
          <span class="muted">{state() === 'failed' ? 'not saved' : 'waiting to sync'}</span>
        )}
      </Show>
      <Show
        when={props.canEdit}
        fallback={
          <span class={`pdf-tag pdf-tag-${props.pdf.tag}`}>{PDF_TAG_LABEL[props.pdf.tag]}</span>
        }
      >
        <label class="visually-hidden" for={tagId}>
          Role of {props.pdf.fileName}
        </label>
        <select
          id={tagId}
          class="pdf-tag-select"
          value={props.pdf.tag}
          onChange={(e) => props.onTag(pdfTagSchema.parse(e.currentTarget.value))}
        >
          {pdfTagSchema.options.map((tag) => (
            <option value={tag}>{PDF_TAG_LABEL[tag]}</option>
          ))}
        </select>
        <button
          type="button"
          class="button button-small"
          aria-label={`Rename ${props.pdf.fileName}`}
          onClick={() => setRenaming(true)}
        >
          Rename
        </button>
        <Show
          when={confirming()}
          fallback={
            <button
              type="button"
              class="button button-small button-danger-quiet"
              aria-label={`Delete ${props.pdf.fileName}`}
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          }
        >
          <span role="group" aria-label={`Delete ${props.pdf.fileName}?`}>
            <button
              type="button"
              class="button button-small button-danger"
              onClick={props.onDelete}
            >
              Delete for everyone
            </button>
            <button type="button" class="button button-small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        </Show>
      </Show>
    </li>
  );
}
