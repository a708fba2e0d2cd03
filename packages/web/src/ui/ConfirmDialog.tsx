import { type JSX, Show, createEffect, createUniqueId } from 'solid-js';
import type { ErrorMessages } from '../api/error-messages.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** Button text while the action runs. */
  pendingLabel: string;
  pending: boolean;
  error?: unknown;
  errorMessages?: ErrorMessages;
  onConfirm: () => void;
  onCancel: () => void;
  children: JSX.Element;
}

/**
 * A modal confirmation on the native `<dialog>`: `showModal()` gives the focus trap, the inert
 * background and Escape for free. Cancel has focus first, so Enter never destroys by accident.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  let cancelButton: HTMLButtonElement | undefined;
  const titleId = createUniqueId();
  const bodyId = createUniqueId();

  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) {
      dialog.showModal();
      cancelButton?.focus();
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  });

  return (
    <dialog
      ref={(el) => (dialog = el)}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape: close through our state (not the browser's), and not while the action runs.
      onCancel={(event) => {
        event.preventDefault();
        if (!props.pending) props.onCancel();
      }}
    >
      <form
        class="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!props.pending) props.onConfirm();
        }}
      >
        <h2 id={titleId} class="dialog-title">
          {props.title}
        </h2>
        <div id={bodyId} class="dialog-body">
          {props.children}
        </div>
        <Show when={props.error}>
          <ErrorAlert error={props.error} messages={props.errorMessages ?? {}} />
        </Show>
        <div class="dialog-actions">
          <button
            ref={(el) => (cancelButton = el)}
            type="button"
            class="button"
            disabled={props.pending}
            onClick={() => props.onCancel()}
          >
            Cancel
          </button>
          <button type="submit" class="button button-danger" disabled={props.pending}>
            {props.pending ? props.pendingLabel : props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
