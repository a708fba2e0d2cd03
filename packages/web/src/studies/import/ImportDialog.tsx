import { For, Show, createMemo, createSignal, createUniqueId, onMount } from 'solid-js';
import {
  type CsvMapping,
  type CsvTable,
  type DocStudy,
  IMPORT_FORMATS,
  ImportError,
  type ImportFormat,
  MAX_IMPORT_CHARS,
  type PreviewRow,
  type StudyFields,
  detectFormat,
  guessCsvMapping,
  parseImport,
  previewImport,
  readCsvTable,
  studiesToImport,
} from '@corates/shared';
import { CsvMappingFields } from './CsvMappingFields.tsx';
import { ImportPreviewTable } from './ImportPreviewTable.tsx';
import {
  ACCEPTED_FILES,
  FORMAT_LABELS,
  importButtonLabel,
  summarise,
  summaryText,
} from './import-preview.ts';

type Result<T> = { ok: true; value: T } | { ok: false; message: string };

/** An ImportError's message is written for people; anything else is a bug, said plainly. */
function attempt<T>(run: () => T): Result<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Choose (or drop) a file, check its format, map CSV columns, see every record's fate, import.
 * Nothing is written before "Import N studies". A modal `<dialog>`: focus trap, inert page and
 * Escape come with `showModal()`.
 */
export function ImportDialog(props: {
  studies: DocStudy[];
  onCancel: () => void;
  onImport: (fields: StudyFields[], fileName: string) => void;
}) {
  let dialog: HTMLDialogElement | undefined;
  let fileInput: HTMLInputElement | undefined;
  const titleId = createUniqueId();
  const fileId = createUniqueId();
  const formatId = createUniqueId();
  const [file, setFile] = createSignal<{ name: string; text: string }>();
  const [fileError, setFileError] = createSignal('');
  const [format, setFormat] = createSignal<ImportFormat>();
  const [mapping, setMapping] = createSignal<CsvMapping>();
  const [dragging, setDragging] = createSignal(false);

  onMount(() => {
    dialog?.showModal();
    fileInput?.focus();
  });

  const choose = async (chosen: File | undefined) => {
    setFile(undefined);
    setFileError('');
    setMapping(undefined);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_CHARS) {
      setFileError(
        `${chosen.name} is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB; split it into smaller files.`,
      );
      return;
    }
    const text = await chosen.text();
    setFormat(detectFormat(chosen.name, text));
    setFile({ name: chosen.name, text });
  };

  const csvTable = createMemo((): Result<CsvTable> | undefined => {
    const f = file();
    if (!f || format() !== 'csv') return undefined;
    return attempt(() => readCsvTable(f.text));
  });
  /** The chosen mapping, or the one guessed from this table's headers. */
  const csvMapping = createMemo(() => {
    const table = csvTable();
    if (!table?.ok) return undefined;
    return mapping() ?? guessCsvMapping(table.value.headers);
  });

  const preview = createMemo((): Result<PreviewRow[]> | undefined => {
    const f = file();
    const fmt = format();
    if (!f || !fmt) return undefined;
    if (fmt === 'csv') {
      const table = csvTable();
      const map = csvMapping();
      if (!table) return undefined;
      if (!table.ok) return table;
      if (!map) return undefined;
      if (map.title === null)
        return { ok: false, message: 'Choose the column that holds the titles.' };
      return attempt(() =>
        previewImport(
          parseImport({ format: 'csv', table: table.value, mapping: map }),
          props.studies,
        ),
      );
    }
    return attempt(() => previewImport(parseImport({ format: fmt, text: f.text }), props.studies));
  });
  const rows = () => {
    const p = preview();
    return p?.ok ? p.value : [];
  };
  const toImport = createMemo(() => studiesToImport(rows()));
  const summary = createMemo(() => summarise(rows()));

  return (
    <dialog
      ref={(el) => (dialog = el)}
      class="dialog import-dialog"
      aria-labelledby={titleId}
      data-testid="import-dialog"
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          const f = file();
          if (f && toImport().length > 0) props.onImport(toImport(), f.name);
        }}
      >
        <h2 id={titleId} class="dialog-title">
          Import studies
        </h2>
        <p class="field-hint">
          From RIS, BibTeX, PubMed (.nbib) or CSV files, as reference managers and databases export
          them. Nothing is added until you confirm below; studies already in the project are left
          out.
        </p>

        <div
          class="import-drop"
          classList={{ 'import-drop-active': dragging() }}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            void choose(event.dataTransfer?.files[0]);
          }}
        >
          <label for={fileId}>Reference file</label>
          <input
            ref={(el) => (fileInput = el)}
            id={fileId}
            type="file"
            accept={ACCEPTED_FILES}
            data-testid="import-file"
            aria-describedby={`${fileId}-hint`}
            onChange={(event) => void choose(event.currentTarget.files?.[0])}
          />
          <p class="field-hint" id={`${fileId}-hint`}>
            Choose a file or drop it here. Up to {MAX_IMPORT_CHARS / 1024 / 1024} MB.
          </p>
        </div>
        <Show when={fileError()}>
          <div class="alert alert-error" role="alert">
            <p>{fileError()}</p>
          </div>
        </Show>

        <Show when={file()}>
          <div class="field import-format">
            <label for={formatId}>Format</label>
            <select
              id={formatId}
              data-testid="import-format"
              value={format() ?? ''}
              onChange={(event) => {
                setMapping(undefined);
                setFormat((event.currentTarget.value || undefined) as ImportFormat | undefined);
              }}
            >
              <option value="" disabled>
                Choose the format
              </option>
              <For each={IMPORT_FORMATS}>
                {(f) => <option value={f}>{FORMAT_LABELS[f]}</option>}
              </For>
            </select>
            <Show when={!format()}>
              <p class="field-hint">
                The format could not be recognised from the file; choose the one it was saved in.
              </p>
            </Show>
          </div>
        </Show>

        <Show when={csvTable()?.ok && csvMapping()}>
          <CsvMappingFields
            headers={(csvTable() as { value: CsvTable }).value.headers}
            mapping={csvMapping()!}
            onMapping={setMapping}
          />
        </Show>

        <Show when={preview()}>
          {(p) => (
            <Show
              when={p().ok}
              fallback={
                <div class="alert alert-error" role="alert" data-testid="import-error">
                  <p>{(p() as { message: string }).message}</p>
                </div>
              }
            >
              <p class="import-summary" aria-live="polite" data-testid="import-summary">
                {summaryText(summary())}
              </p>
              <ImportPreviewTable rows={rows()} studies={props.studies} />
            </Show>
          )}
        </Show>

        <div class="dialog-actions">
          <button type="button" class="button" onClick={() => props.onCancel()}>
            Cancel
          </button>
          <button
            type="submit"
            class="button button-primary"
            data-testid="import-confirm"
            disabled={toImport().length === 0}
          >
            {importButtonLabel(toImport().length)}
          </button>
        </div>
      </form>
    </dialog>
  );
}
