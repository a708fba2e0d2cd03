import { For, Show, createMemo, createSignal, createUniqueId } from 'solid-js';
import {
  type ChecklistType,
  type DocOutcome,
  type DocStudy,
  type ToolOffer,
  checklistDefinition,
  toolsForDesign,
} from '@corates/shared';

export interface StartAppraisalProps {
  study: DocStudy;
  outcomes: DocOutcome[];
  /** `outcomeId` is the outcome chosen; the caller passes it on only for a per-outcome tool. */
  onStart: (type: ChecklistType, outcomeId: string) => void;
}

const toolTitle = (type: ChecklistType) => checklistDefinition(type).title;
const needsOutcome = (type: ChecklistType) => checklistDefinition(type).perOutcome === true;

/**
 * The assigned reviewer's way to start an appraisal of the study: the tool made for its design
 * first, as its own button with the reason (`toolsForDesign`), then every other tool in a select.
 * RoB 2 and ROBINS-I appraise one outcome, chosen in the outcome select.
 */
export function StartAppraisal(props: StartAppraisalProps) {
  const choice = createMemo(() => toolsForDesign(props.study.design));
  const recommended = () => choice().offers.find((o) => o.recommended);
  const others = () => choice().offers.filter((o) => !o.recommended);
  const [picked, setPicked] = createSignal<ChecklistType>();
  const other = (): ToolOffer =>
    others().find((o) => o.type === picked()) ?? (others()[0] as ToolOffer);
  const [outcomeId, setOutcomeId] = createSignal('');
  const chosenOutcome = () =>
    props.outcomes.find((o) => o.id === outcomeId())?.id ?? props.outcomes[0]?.id ?? '';
  const blocked = (type: ChecklistType) => needsOutcome(type) && chosenOutcome() === '';

  const headingId = createUniqueId();
  const outcomeSelectId = createUniqueId();
  const reasonId = createUniqueId();
  const typeId = createUniqueId();
  const otherReasonId = createUniqueId();
  const noOutcomeId = createUniqueId();
  const describedBy = (type: ChecklistType, reason: string) =>
    [reason, blocked(type) ? noOutcomeId : ''].filter(Boolean).join(' ');

  // The outcome is chosen next to the button that needs it: above a recommended RoB 2 or ROBINS-I,
  // else in the row of the other tools.
  const outcomeFirst = () => {
    const offer = recommended();
    return offer !== undefined && needsOutcome(offer.type);
  };
  const outcomeField = () => (
    <Show
      when={props.outcomes.length > 0}
      fallback={
        <p class="field-hint" id={noOutcomeId}>
          Add an outcome to the project to appraise it with ROBINS-I or RoB 2.
        </p>
      }
    >
      <div class="field">
        <label for={outcomeSelectId}>Outcome (for RoB 2 and ROBINS-I)</label>
        <select
          id={outcomeSelectId}
          class="select-compact"
          data-testid="appraisal-outcome"
          onChange={(e) => setOutcomeId(e.currentTarget.value)}
        >
          <For each={props.outcomes}>
            {(o) => (
              <option value={o.id} selected={o.id === chosenOutcome()}>
                {o.name}
              </option>
            )}
          </For>
        </select>
      </div>
    </Show>
  );

  return (
    <div class="start-appraisal" role="group" aria-labelledby={headingId}>
      <p class="start-appraisal-heading" id={headingId}>
        Start an appraisal<span class="visually-hidden"> of {props.study.title}</span>
      </p>
      <Show when={outcomeFirst()}>{outcomeField()}</Show>
      <Show when={recommended()}>
        {(offer) => (
          <div class="recommended-tool" data-testid="recommended-tool">
            <button
              type="button"
              class="button button-small button-primary"
              data-testid="start-recommended"
              data-tool={offer().type}
              disabled={blocked(offer().type)}
              aria-describedby={describedBy(offer().type, reasonId)}
              onClick={() => props.onStart(offer().type, chosenOutcome())}
            >
              Start {toolTitle(offer().type)} appraisal
            </button>
            <p class="field-hint" id={reasonId}>
              <span data-testid="tool-reason">{offer().reason}</span>
              <For each={offer().presets}>
                {(preset) => (
                  <span data-testid="tool-preset">
                    {' '}
                    The checklist starts with the study design answered as “{preset.label}”, from
                    the study; you can change it there.
                  </span>
                )}
              </For>
            </p>
          </div>
        )}
      </Show>
      <Show when={choice().hint}>
        {(hint) => (
          <p class="field-hint" data-testid="tool-hint">
            {hint()}
          </p>
        )}
      </Show>
      <div class="add-appraisal">
        <Show when={!outcomeFirst()}>{outcomeField()}</Show>
        <div class="field">
          <label for={typeId}>{recommended() ? 'Other tools' : 'Tool'}</label>
          <select
            id={typeId}
            class="select-compact"
            data-testid="appraisal-type"
            aria-describedby={otherReasonId}
            onChange={(e) => setPicked(e.currentTarget.value as ChecklistType)}
          >
            <For each={others()}>
              {(o) => (
                <option value={o.type} selected={o.type === other().type}>
                  {toolTitle(o.type)}
                </option>
              )}
            </For>
          </select>
        </div>
        <button
          type="button"
          class="button button-small"
          data-testid="add-appraisal"
          data-tool={other().type}
          disabled={blocked(other().type)}
          aria-describedby={describedBy(other().type, otherReasonId)}
          onClick={() => props.onStart(other().type, chosenOutcome())}
        >
          Start {toolTitle(other().type)} appraisal
        </button>
        <p class="field-hint start-appraisal-reason" id={otherReasonId}>
          {other().reason}
        </p>
      </div>
    </div>
  );
}
