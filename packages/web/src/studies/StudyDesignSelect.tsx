import { For, Show, createUniqueId } from 'solid-js';
import { STUDY_DESIGNS, STUDY_DESIGN_LABEL } from '@corates/shared';

/**
 * The "Study design" select of the add-study form and of a study: one of the shared designs, or
 * '' for not set. The design decides which appraisal tool the study is offered first.
 */
export function StudyDesignSelect(props: {
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  disabled?: boolean;
  testId?: string;
  class?: string;
}) {
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = () =>
    [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.class ? `field ${props.class}` : 'field'}>
      <label for={id}>Study design</label>
      <Show when={props.hint}>
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      </Show>
      <select
        id={id}
        name="design"
        class="select-compact"
        data-testid={props.testId}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy()}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        <option value="" selected={props.value === ''}>
          Not set
        </option>
        <For each={STUDY_DESIGNS}>
          {(design) => (
            <option value={design} selected={design === props.value}>
              {STUDY_DESIGN_LABEL[design]}
            </option>
          )}
        </For>
      </select>
      <Show when={props.error}>
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
