import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { JUDGEMENT_REASON_MAX, type Judgement } from '@corates/shared';

/**
 * The assessor's own judgement and its reason: a choice of the judgements allowed and a required
 * reason. `onSave` records it, or answers why not (shown under the form, focus kept in it).
 */
export function AssessorJudgementForm(props: {
  /** `d1`, `overall`: the test ids of the fields end with it. */
  id: string;
  choices: Judgement[];
  /** "Your judgement", "Raise the overall judgement to". */
  judgementLabel: string;
  initial?: { judgement: string; reason: string };
  onSave: (judgement: string, reason: string) => string | null;
  onCancel: () => void;
}) {
  const uid = createUniqueId();
  const [judgement, setJudgement] = createSignal(
    props.initial && props.choices.some((c) => c.value === props.initial!.judgement)
      ? props.initial.judgement
      : (props.choices[0]?.value ?? ''),
  );
  const [reason, setReason] = createSignal(props.initial?.reason ?? '');
  const [error, setError] = createSignal<string | null>(null);
  let reasonField: HTMLTextAreaElement | undefined;

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const problem = props.onSave(judgement(), reason());
    setError(problem);
    if (problem) reasonField?.focus();
  };

  return (
    <form
      class="assessor-form"
      onSubmit={save}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
      data-testid={`assessor-form-${props.id}`}
    >
      <div class="field">
        <label for={`${uid}-judgement`}>{props.judgementLabel}</label>
        <select
          id={`${uid}-judgement`}
          value={judgement()}
          onChange={(e) => setJudgement(e.currentTarget.value)}
          data-testid={`assessor-judgement-${props.id}`}
        >
          <For each={props.choices}>
            {(choice) => <option value={choice.value}>{choice.label}</option>}
          </For>
        </select>
      </div>
      <div class="field">
        <label for={`${uid}-reason`}>Reason (required)</label>
        <textarea
          ref={(el) => (reasonField = el)}
          id={`${uid}-reason`}
          rows={3}
          maxLength={JUDGEMENT_REASON_MAX}
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${uid}-error` : undefined}
          data-testid={`assessor-reason-${props.id}`}
        />
        <Show when={error()}>
          <p class="field-error" id={`${uid}-error`} role="alert">
            {error()}
          </p>
        </Show>
      </div>
      <div class="form-actions">
        <button
          type="submit"
          class="button button-primary button-small"
          data-testid={`assessor-save-${props.id}`}
        >
          Save judgement
        </button>
        <button type="button" class="button button-small" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
