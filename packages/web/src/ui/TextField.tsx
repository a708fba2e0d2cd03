import { Show, createUniqueId } from 'solid-js';

export interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  /** A textarea instead of an input. */
  multiline?: boolean;
  error?: string | undefined;
  /** Help shown under the label and read out with the field. */
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  testId?: string;
  class?: string;
  ref?: (element: HTMLInputElement | HTMLTextAreaElement) => void;
}

/** A labelled input whose hint and error message are tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = () =>
    [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  // `required` is for assistive tech only: forms use `novalidate` and validate with the shared
  // schemas, so the messages are the app's rather than the browser's.
  return (
    <div class={props.class ? `field ${props.class}` : 'field'}>
      <label for={id}>{props.label}</label>
      <Show when={props.hint}>
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      </Show>
      <Show
        when={props.multiline}
        fallback={
          <input
            ref={(el) => props.ref?.(el)}
            id={id}
            name={props.name}
            type={props.type ?? 'text'}
            value={props.value}
            onInput={(e) => props.onValue(e.currentTarget.value)}
            required={props.required}
            maxLength={props.maxLength}
            autocomplete={props.autocomplete}
            data-testid={props.testId}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={describedBy()}
          />
        }
      >
        <textarea
          ref={(el) => props.ref?.(el)}
          id={id}
          name={props.name}
          rows={3}
          value={props.value}
          onInput={(e) => props.onValue(e.currentTarget.value)}
          required={props.required}
          maxLength={props.maxLength}
          data-testid={props.testId}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy()}
        />
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
