import { createEffect, createUniqueId, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import { bindTextarea } from '../sync/text/bind-textarea.ts';

/** An item's collaborative note: a textarea bound to the item's Y.Text. */
export function NoteField(props: {
  itemId: string;
  label: string;
  text: Y.Text | undefined;
  readOnly: boolean;
}) {
  const id = createUniqueId();
  let textarea: HTMLTextAreaElement | undefined;
  // Rebinds if the Y.Text is replaced (the same checklist created on two devices at once: the
  // map merge keeps one of the two).
  createEffect(() => {
    const text = props.text;
    if (!text || !textarea) return;
    onCleanup(bindTextarea(textarea, text));
  });
  return (
    <div class="field item-note">
      <label for={id}>{props.label}</label>
      <textarea
        ref={(el) => (textarea = el)}
        id={id}
        rows={2}
        readOnly={props.readOnly}
        placeholder={props.readOnly ? '' : 'Shared with everyone in the project'}
        data-testid={`note-${props.itemId}`}
      />
    </div>
  );
}
