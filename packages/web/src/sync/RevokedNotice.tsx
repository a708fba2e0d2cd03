import { A } from '@solidjs/router';
import { useQueryClient } from '@tanstack/solid-query';
import { createEffect, createUniqueId } from 'solid-js';
import { projectKeys } from '../projects/query-keys.ts';

/**
 * Shown when the server closes the document because we are no longer a member. A modal
 * `<dialog>`: the page behind is inert, and Escape does not dismiss it, because nothing there can
 * be used any more.
 */
export function RevokedNotice(props: { revoked: boolean }) {
  const queryClient = useQueryClient();
  const titleId = createUniqueId();
  let dialog: HTMLDialogElement | undefined;

  createEffect(() => {
    if (!props.revoked || !dialog || dialog.open) return;
    dialog.showModal();
    // My projects still lists this project. (The project query keeps its data even when a refetch
    // now answers 404, so this page and this notice stay up until the user leaves.)
    void queryClient.invalidateQueries({ queryKey: projectKeys.list() });
  });

  return (
    <dialog
      ref={(el) => (dialog = el)}
      class="dialog"
      aria-labelledby={titleId}
      data-testid="access-revoked"
      onCancel={(e) => e.preventDefault()}
    >
      <div class="dialog-form">
        <h2 id={titleId} class="dialog-title">
          You no longer have access to this project
        </h2>
        <p>
          An owner removed you from the project, so its studies and checklists can no longer be
          shown or changed here.
        </p>
        <div class="dialog-actions">
          <A href="/" class="button button-primary">
            Go to My projects
          </A>
        </div>
      </div>
    </dialog>
  );
}
