import type * as Y from 'yjs';

/**
 * Adds a reviewer's text to a reconciled note or support text ("use this note"): the text when
 * the target is empty, nothing when the target already holds it, else appended after a blank
 * line — never replacing what the reconcilers wrote. Returns whether the target changed.
 */
export function takeText(doc: Y.Doc, target: Y.Text, text: string): boolean {
  const addition = textToTake(target.toString(), text);
  if (addition === null) return false;
  doc.transact(() => target.insert(target.length, addition));
  return true;
}

/** What `takeText` inserts at the end of `current` to take `incoming`, or null for nothing. */
export function textToTake(current: string, incoming: string): string | null {
  const text = incoming.trim();
  if (text === '' || current.includes(text)) return null;
  return current.trim() === '' ? text : `${current.endsWith('\n') ? '\n' : '\n\n'}${text}`;
}
