import { Show } from 'solid-js';
import { NEXT_UNANSWERED_KEY } from './next-unanswered.ts';

/**
 * Moves focus to the next question asked and still unanswered (after the one the reviewer is at,
 * wrapping), so finishing a long checklist needs no scrolling back. Its key works anywhere on the
 * page except where it would be typed; the title and aria-keyshortcuts say so.
 */
export function NextUnansweredButton(props: {
  onNext: () => void;
  class?: string;
  testId?: string;
  /** Show the key on the button (not on a phone's bar, where there is rarely a keyboard). */
  showKey?: boolean;
}) {
  return (
    <button
      type="button"
      class={`button ${props.class ?? ''}`}
      data-testid={props.testId ?? 'next-unanswered'}
      title={`Go to the next unanswered question (key: ${NEXT_UNANSWERED_KEY}, outside text fields)`}
      aria-keyshortcuts={NEXT_UNANSWERED_KEY}
      onClick={() => props.onNext()}
    >
      Next unanswered
      <Show when={props.showKey ?? true}>
        <kbd aria-hidden="true">{NEXT_UNANSWERED_KEY}</kbd>
      </Show>
    </button>
  );
}
