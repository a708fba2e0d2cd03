/** One replacement: delete `remove` characters at `index`, then insert `insert` there. */
export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The single replacement that turns `before` into `after` (the common prefix and suffix are kept),
 * or null when they are equal. A textarea reports only its new value, so this is how a local edit
 * becomes a Y.Text insert/delete that merges with concurrent edits instead of replacing the text.
 *
 * `caret` is the caret position in `after` (selectionEnd after the input event). It settles
 * ambiguous cases: typing "a" after the first "a" of "aa" could be an insert at 1 or at 2; an
 * edit ends at the caret, so the unchanged suffix is never allowed to reach before it. Without a
 * caret the prefix is taken greedily.
 *
 * Indices are UTF-16 code units, as in Y.Text; the change never splits a surrogate pair, which
 * would store half an emoji.
 */
export function textChange(before: string, after: string, caret?: number): TextChange | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  const suffixCap =
    caret === undefined ? shorter : Math.min(shorter, Math.max(0, after.length - caret));

  let suffix = 0;
  while (
    suffix < suffixCap &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  let prefix = 0;
  const prefixCap = shorter - suffix;
  while (prefix < prefixCap && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Greedy suffix when there is no caret, or when the caret left room (a caret in the wrong place
  // must not make the change bigger than it has to be).
  while (
    prefix + suffix < shorter &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;

  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;

  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** A Y.Text event delta (`event.delta`): retain, insert or delete runs over the old text. */
export type TextDelta = ReadonlyArray<{
  retain?: number;
  insert?: string | object;
  delete?: number;
}>;

/**
 * Where a position in the old text lies in the new text after `delta`. A position inside deleted
 * text collapses to where the deletion happened. `assoc` decides a tie with text inserted exactly
 * at the position: -1 keeps the position before it (a remote peer typing at my caret does not push
 * my caret along), 1 moves it after.
 */
export function mapIndex(index: number, delta: TextDelta, assoc: -1 | 1 = -1): number {
  let oldPos = 0;
  let newPos = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (index < oldPos + op.retain) return newPos + (index - oldPos);
      oldPos += op.retain;
      newPos += op.retain;
    } else if (op.insert !== undefined) {
      if (index === oldPos && assoc < 0) return newPos;
      newPos += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      if (index < oldPos + op.delete) return newPos;
      oldPos += op.delete;
    }
  }
  return newPos + (index - oldPos);
}
