/**
 * "Next unanswered": the question it moves to, after the one the reviewer is at, in display order,
 * wrapping at the end. `unanswered` is the summary's list of questions asked and still unanswered
 * (`unansweredLinks`, from shared's `unansweredQuestions`), so there is one definition of what is
 * left to answer. Null when nothing is.
 */
export function nextUnanswered(
  order: readonly string[],
  unanswered: readonly string[],
  currentId: string | null,
): string | null {
  if (unanswered.length === 0) return null;
  const at = currentId === null ? -1 : order.indexOf(currentId);
  const position = (id: string) => order.indexOf(id);
  return unanswered.find((id) => position(id) > at) ?? unanswered[0]!;
}

/** The key that moves to the next unanswered question, as `aria-keyshortcuts` names it. */
export const NEXT_UNANSWERED_KEY = 'N';

/** What the shortcut needs of a key event and of the element holding focus. */
export interface ShortcutEvent {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  defaultPrevented: boolean;
}
export interface ShortcutTarget {
  tagName: string;
  /** For an input: text, radio, checkbox… */
  type?: string;
  isContentEditable?: boolean;
}

/** Inputs that take no typed text, where a letter key is free for the shortcut. */
const NON_TEXT_INPUTS = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'range']);

/**
 * Whether a keydown is the "Next unanswered" shortcut: a bare N (either case) while focus is not
 * where N would be typed (a note, a search box, a select's type-ahead). No modifier: Alt+N types
 * "ñ"'s accent on a Mac, and Ctrl/Cmd+N opens a window.
 */
export function isNextUnansweredKey(event: ShortcutEvent, target: ShortcutTarget | null): boolean {
  if (event.defaultPrevented || event.repeat) return false;
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  if (event.key !== 'n' && event.key !== 'N') return false;
  if (!target) return true;
  if (target.isContentEditable) return false;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return false;
  if (tag === 'INPUT') return NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return true;
}
