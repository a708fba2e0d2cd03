import type * as Y from 'yjs';
import { type TextChange, type TextDelta, mapIndex, textChange } from './text-diff.ts';

/** The parts of a textarea the binding uses; a plain object stands in for it in tests. */
export interface TextareaLike {
  value: string;
  selectionStart: number;
  selectionEnd: number;
  setSelectionRange(start: number, end: number): void;
  addEventListener(type: 'input' | 'compositionstart' | 'compositionend', fn: () => void): void;
  removeEventListener(type: 'input' | 'compositionstart' | 'compositionend', fn: () => void): void;
  ownerDocument: { activeElement: unknown };
}

function mapChange(change: TextChange, deltas: readonly TextDelta[]): TextChange {
  let start = change.index;
  let end = change.index + change.remove;
  for (const delta of deltas) {
    start = mapIndex(start, delta, 1);
    end = mapIndex(end, delta, -1);
  }
  return { index: start, remove: Math.max(0, end - start), insert: change.insert };
}

/**
 * Two-way binding of a textarea to a Y.Text.
 *
 * Local input becomes the minimal insert/delete (see `textChange`), so concurrent typing in the
 * same note merges instead of one side's value overwriting the other's. A remote change rewrites
 * the textarea's value and moves the caret (and selection) through the change, so text inserted
 * elsewhere does not make the caret jump.
 *
 * While an IME composition is open, neither side touches the other: writing `value` mid-composition
 * cancels it, and the half-composed text is not an edit yet. Remote changes that arrive meanwhile
 * are kept, and at compositionend the composed edit is mapped through them and applied.
 *
 * Returns the function that unbinds.
 */
export function bindTextarea(el: TextareaLike, text: Y.Text): () => void {
  // Marks this binding's own transactions, so its observer skips them.
  const origin = {};
  // What the textarea showed when it last matched the Y.Text.
  let shadow = text.toString();
  let composing = false;
  let remoteWhileComposing: TextDelta[] = [];
  el.value = shadow;

  const focused = () => el.ownerDocument.activeElement === el;

  const apply = (change: TextChange) => {
    const doc = text.doc;
    const write = () => {
      if (change.remove > 0) text.delete(change.index, change.remove);
      if (change.insert !== '') text.insert(change.index, change.insert);
    };
    if (doc) doc.transact(write, origin);
    else write();
  };

  /** Shows the Y.Text's content, carrying the caret (in the textarea's current text) along. */
  const show = (deltas: readonly TextDelta[], caret?: { start: number; end: number }) => {
    let start = caret?.start ?? el.selectionStart;
    let end = caret?.end ?? el.selectionEnd;
    if (!caret) {
      const collapsed = start === end;
      for (const delta of deltas) {
        // A selection does not grow to take in text inserted at its edges.
        start = mapIndex(start, delta, collapsed ? -1 : 1);
        end = mapIndex(end, delta, -1);
      }
    }
    const hadFocus = focused();
    shadow = text.toString();
    el.value = shadow;
    if (hadFocus) el.setSelectionRange(start, Math.max(start, end));
  };

  const onInput = () => {
    if (composing) return;
    const change = textChange(shadow, el.value, el.selectionEnd);
    shadow = el.value;
    if (change) apply(change);
  };

  const onCompositionStart = () => {
    composing = true;
  };

  const onCompositionEnd = () => {
    composing = false;
    const deltas = remoteWhileComposing;
    remoteWhileComposing = [];
    const local = textChange(shadow, el.value, el.selectionEnd);
    if (deltas.length === 0) {
      shadow = el.value;
      if (local) apply(local);
      return;
    }
    if (!local) {
      show(deltas);
      return;
    }
    const mapped = mapChange(local, deltas);
    apply(mapped);
    const caret = mapped.index + mapped.insert.length;
    show([], { start: caret, end: caret });
  };

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    if (composing) remoteWhileComposing.push(event.delta as TextDelta);
    else show([event.delta as TextDelta]);
  };

  el.addEventListener('input', onInput);
  el.addEventListener('compositionstart', onCompositionStart);
  el.addEventListener('compositionend', onCompositionEnd);
  text.observe(observer);
  return () => {
    text.unobserve(observer);
    el.removeEventListener('input', onInput);
    el.removeEventListener('compositionstart', onCompositionStart);
    el.removeEventListener('compositionend', onCompositionEnd);
  };
}
