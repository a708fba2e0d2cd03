import { For, createMemo, createUniqueId, onMount } from 'solid-js';
import { takeText } from '@corates/shared/doc';
import type { AttachTarget } from './PdfViewer.tsx';
import { formatQuote } from './pdf-quote.ts';
import type { SelectedPassage } from './selected-passage.ts';

/** An item as the picker lists it: its number and the start of its question. */
function itemLabel(item: { number: string; text: string }): string {
  const text = item.text.length > 80 ? `${item.text.slice(0, 79).trimEnd()}…` : item.text;
  return `${item.number}. ${text}`;
}

/**
 * Picks the checklist item a selected passage supports and adds it, quoted with its page, to
 * the end of that item's note — the shared note the reconciler reads too. `onDone` gets what
 * to tell the reader, or nothing when cancelled.
 */
export function AttachQuote(props: {
  passage: SelectedPassage;
  target: AttachTarget;
  onDone: (message?: string) => void;
}) {
  const id = createUniqueId();
  let select!: HTMLSelectElement;
  const quote = () => formatQuote(props.passage.text, props.passage.pages);
  // Items without a note (none today: every item gets one with the checklist) cannot take one.
  const items = createMemo(() =>
    props.target.items.filter((item) => props.target.noteFor(item.id) !== undefined),
  );
  onMount(() => select.focus());

  const attach = (event: SubmitEvent) => {
    event.preventDefault();
    const text = quote();
    const item = items().find((i) => i.id === select.value);
    const note = item && props.target.noteFor(item.id);
    if (!text || !item || !note?.doc) return;
    props.onDone(
      takeText(note.doc, note, text)
        ? `Added to the note of item ${item.number}.`
        : `The note of item ${item.number} already holds this passage.`,
    );
  };

  return (
    <form
      class="pdf-attach"
      aria-labelledby={`${id}-title`}
      data-testid="pdf-attach-form"
      onSubmit={attach}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onDone();
      }}
    >
      <p id={`${id}-title`} class="pdf-attach-title">
        Attach to an item’s note
      </p>
      <blockquote class="pdf-attach-quote" data-testid="pdf-attach-quote">
        {quote()}
      </blockquote>
      <div class="pdf-attach-fields">
        <label for={`${id}-item`} class="visually-hidden">
          Checklist item
        </label>
        <select ref={(el) => (select = el)} id={`${id}-item`} data-testid="pdf-attach-item">
          <For each={items()}>{(item) => <option value={item.id}>{itemLabel(item)}</option>}</For>
        </select>
        <button type="submit" class="button button-small button-primary">
          Attach
        </button>
        <button type="button" class="button button-small" onClick={() => props.onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
