import { Show, createSignal, createUniqueId } from 'solid-js';
import type * as Y from 'yjs';
import { REOPEN_REASON_MAX, type Role } from '@corates/shared';
import { ChecklistRuleError, reopenReconciliation } from '@corates/shared/doc';

/**
 * Reopening a finalized reconciliation: an owner's action, with a reason that goes into the
 * checklist's history. Others are told who can.
 */
export function ReopenReconciliation(props: {
  doc: Y.Doc;
  checklistId: string;
  userId: string;
  role: Role;
  /** The signed-in user may reopen it (an owner). */
  allowed: boolean;
}) {
  const uid = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  let openButton: HTMLButtonElement | undefined;
  let reasonField: HTMLTextAreaElement | undefined;

  const close = () => {
    setOpen(false);
    setError(null);
    queueMicrotask(() => openButton?.focus());
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    try {
      reopenReconciliation(props.doc, props.checklistId, {
        by: props.userId,
        role: props.role,
        reason: reason(),
      });
      setReason('');
      setOpen(false);
    } catch (e) {
      setError(e instanceof ChecklistRuleError ? e.message : 'It could not be reopened.');
      reasonField?.focus();
    }
  };

  return (
    <Show
      when={props.allowed}
      fallback={
        <p class="field-hint" data-testid="reopen-owner-only">
          Only an owner of the project can reopen a finalized reconciliation.
        </p>
      }
    >
      <Show
        when={open()}
        fallback={
          <button
            ref={(el) => (openButton = el)}
            type="button"
            class="button button-small"
            data-testid="reopen-reconciliation"
            onClick={() => {
              setOpen(true);
              queueMicrotask(() => reasonField?.focus());
            }}
          >
            Reopen…
          </button>
        }
      >
        <form
          class="assessor-form"
          data-testid="reopen-form"
          onSubmit={submit}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <div class="field">
            <label for={`${uid}-reason`}>Why is it reopened? (required, kept in its history)</label>
            <textarea
              ref={(el) => (reasonField = el)}
              id={`${uid}-reason`}
              rows={3}
              maxLength={REOPEN_REASON_MAX}
              value={reason()}
              onInput={(e) => setReason(e.currentTarget.value)}
              aria-invalid={error() ? 'true' : undefined}
              aria-describedby={`${uid}-hint${error() ? ` ${uid}-error` : ''}`}
              data-testid="reopen-reason"
            />
            <p class="field-hint" id={`${uid}-hint`}>
              The appraisal has no result until the reconciliation is finalized again.
            </p>
            <Show when={error()}>
              <p class="field-error" id={`${uid}-error`} role="alert">
                {error()}
              </p>
            </Show>
          </div>
          <div class="form-actions">
            <button
              type="submit"
              class="button button-primary button-small"
              data-testid="reopen-confirm"
            >
              Reopen the reconciliation
            </button>
            <button type="button" class="button button-small" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
    </Show>
  );
}
