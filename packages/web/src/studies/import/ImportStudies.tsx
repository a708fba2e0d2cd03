import { Show, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import type { DocStudy } from '@corates/shared';
import { type StudyImport, importStudies } from '@corates/shared/doc';
import { countLabel } from '../../ui/format.ts';
import { ImportDialog } from './ImportDialog.tsx';
import './import.css';

/**
 * "Import studies": the button, its dialog, and "Undo import" for the latest import while the
 * page stays open. The import is a local document write like adding a study, so it works offline
 * and reaches the others through the document.
 */
export function ImportStudies(props: { doc: Y.Doc; userId: string; studies: DocStudy[] }) {
  const [open, setOpen] = createSignal(false);
  const [last, setLast] = createSignal<{ run: StudyImport; count: number; fileName: string }>();
  const [message, setMessage] = createSignal('');
  let openButton: HTMLButtonElement | undefined;
  let status: HTMLDivElement | undefined;
  onCleanup(() => last()?.run.destroy());

  const close = () => {
    setOpen(false);
    openButton?.focus();
  };
  const onImport = (fields: Parameters<typeof importStudies>[1], fileName: string) => {
    // Only the latest import stays undoable: undoing an older one under a newer is a surprise.
    last()?.run.destroy();
    const run = importStudies(props.doc, fields, props.userId);
    setLast({ run, count: fields.length, fileName });
    setMessage(`Imported ${countLabel(fields.length, 'study', 'studies')} from ${fileName}.`);
    setOpen(false);
    status?.focus();
  };
  const undo = () => {
    const current = last();
    if (!current) return;
    const result = current.run.undo();
    if (result === 'has-checklists') {
      setMessage(
        'This import can no longer be undone: an appraisal has been started on one of its studies. Remove studies one by one instead.',
      );
    } else {
      setMessage(
        `Import undone: the ${countLabel(current.count, 'study', 'studies')} from ${current.fileName} were removed.`,
      );
    }
    setLast(undefined);
    status?.focus();
  };

  return (
    <div class="study-import">
      <button
        ref={(el) => (openButton = el)}
        type="button"
        class="button"
        data-testid="import-studies-open"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Import studies
      </button>
      <div
        ref={(el) => (status = el)}
        class="study-import-status"
        role="status"
        tabindex="-1"
        data-testid="import-status"
      >
        <Show when={message()}>
          <p>{message()}</p>
        </Show>
        <Show when={last()}>
          <button
            type="button"
            class="button button-small"
            data-testid="import-undo"
            onClick={undo}
          >
            Undo import
          </button>
        </Show>
      </div>
      <Show when={open()}>
        <ImportDialog studies={props.studies} onCancel={close} onImport={onImport} />
      </Show>
    </div>
  );
}
