import { For, Show } from 'solid-js';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { type AtRisk, lossLine } from './trash-text.ts';

/**
 * The confirmation before started work is removed (issue 20): what exactly goes, one line per
 * started checklist ("Ana’s AMSTAR 2 checklist, 14 of 22 answered, 3 notes"), and that it goes to
 * the trash. `atRisk` undefined: still being read — confirming does nothing until it is (Cancel and
 * Escape always work, so a slow or offline read never traps the dialog).
 */
export function RemovalDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  intro: string;
  atRisk: AtRisk[] | undefined;
  nameOf: (userId: string) => string;
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDialog
      open={props.open}
      title={props.title}
      confirmLabel={props.confirmLabel}
      pendingLabel={props.confirmLabel}
      pending={false}
      onCancel={props.onCancel}
      onConfirm={() => {
        if (props.atRisk !== undefined) props.onConfirm();
      }}
    >
      <p>{props.intro}</p>
      <Show when={props.atRisk} fallback={<p class="muted">Reading what will be lost…</p>}>
        {(list) => (
          <Show when={list().length > 0}>
            <p>Started work that will be removed:</p>
            <ul data-testid="removal-loss">
              <For each={list()}>{(c) => <li>{lossLine(c, props.nameOf)}</li>}</For>
            </ul>
            <p class="muted">
              It goes to the project’s trash: an owner can restore it, answers and notes included,
              for 30 days.
            </p>
          </Show>
        )}
      </Show>
      <Show when={props.error}>
        <p class="field-error" role="alert">
          {props.error}
        </p>
      </Show>
    </ConfirmDialog>
  );
}
