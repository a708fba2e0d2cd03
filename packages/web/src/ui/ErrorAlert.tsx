import { Show } from 'solid-js';
import { type ErrorMessages, errorMessage } from '../api/error-messages.ts';

export interface ErrorAlertProps {
  error: unknown;
  /** Per-screen wording for codes (e.g. NOT_FOUND when adding a member means "no such account"). */
  messages?: ErrorMessages;
  onRetry?: () => void;
}

/** A failed call, said in words; `role="alert"` so it is announced as it appears. */
export function ErrorAlert(props: ErrorAlertProps) {
  return (
    <div class="alert alert-error" role="alert">
      <p>{errorMessage(props.error, props.messages)}</p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="button button-small" onClick={() => retry()()}>
            Try again
          </button>
        )}
      </Show>
    </div>
  );
}
