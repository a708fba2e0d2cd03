import { For, Show, createUniqueId } from 'solid-js';
import type * as Y from 'yjs';
import type { ChecklistItem } from '@corates/shared';
import { NoteField } from './NoteField.tsx';
import { itemOptionsView } from './item-options.ts';

export interface ChecklistItemFieldProps {
  item: ChecklistItem;
  value: string | undefined;
  /**
   * Whether the tool asks this question given the other answers (its printed condition holds).
   * One not reached is greyed and needs no answer; it stays answerable.
   */
  reached?: boolean;
  readOnly: boolean;
  /** Records an answer (undefined clears it); false when it could not be recorded. */
  onAnswer: (itemId: string, value: string | undefined) => boolean;
  note: Y.Text | undefined;
}

/**
 * One item, from its definition: native radios in a fieldset (arrow keys move between options),
 * the guidance tied to them, and the item's collaborative note. A question the tool does not ask
 * for the answers given is greyed and says so.
 */
export function ChecklistItemField(props: ChecklistItemFieldProps) {
  const id = createUniqueId();
  const reached = () => props.reached ?? true;
  // No "Not applicable" on a conditional question; a recorded one stays visible, and says why it
  // does not count where the question is asked.
  const options = () => itemOptionsView(props.item, props.value, reached());
  const describedBy = () =>
    [
      props.item.askedWhen ? `${id}-when` : '',
      reached() ? '' : `${id}-unreached`,
      options().notAnAnswer ? `${id}-not-an-answer` : '',
      `${id}-guidance`,
    ]
      .filter(Boolean)
      .join(' ');
  let fieldset: HTMLFieldSetElement | undefined;

  const choose = (value: string | undefined) => {
    if (props.onAnswer(props.item.id, value)) return;
    // Not recorded (completed meanwhile): show the recorded answer again, not the click.
    for (const radio of fieldset?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? [])
      radio.checked = radio.value === props.value;
  };

  if (props.item.kind === 'text')
    return (
      <div
        class="checklist-item checklist-item-text"
        id={`item-${props.item.id}`}
        tabindex="-1"
        data-testid="checklist-item"
        data-item-id={props.item.id}
      >
        <NoteField
          itemId={props.item.id}
          label={`${props.item.number}. ${props.item.text}`}
          text={props.note}
          readOnly={props.readOnly}
        />
        <Show when={props.item.guidance}>
          <p class="item-guidance">{props.item.guidance}</p>
        </Show>
      </div>
    );

  return (
    <div
      class={`checklist-item${props.item.kind === 'direction' ? ' checklist-item-direction' : ''}${reached() ? '' : ' checklist-item-unreached'}`}
      id={`item-${props.item.id}`}
      tabindex="-1"
      data-testid="checklist-item"
      data-item-id={props.item.id}
      data-answered={props.value === undefined || options().notAnAnswer ? 'false' : 'true'}
      data-reached={reached() ? 'true' : 'false'}
    >
      <fieldset
        ref={(el) => (fieldset = el)}
        class="item-fieldset"
        disabled={props.readOnly}
        aria-describedby={describedBy()}
      >
        <legend class="item-legend">
          <span class="item-number">{props.item.number}.</span> {props.item.text}
          <Show when={props.item.critical}>
            {' '}
            <span class="critical-mark">Critical</span>
          </Show>
        </legend>
        <Show when={props.item.askedWhen}>
          {(when) => (
            <p class="item-asked-when" id={`${id}-when`}>
              {when()}
            </p>
          )}
        </Show>
        <Show when={!reached()}>
          <p class="item-unreached" id={`${id}-unreached`} data-testid="item-unreached">
            Not asked for the answers given: no answer needed.
          </p>
        </Show>
        <Show when={options().notAnAnswer}>
          {(why) => (
            <p
              class="item-not-an-answer"
              id={`${id}-not-an-answer`}
              data-testid="item-not-an-answer"
            >
              {why()}
            </p>
          )}
        </Show>
        <p class="item-guidance" id={`${id}-guidance`}>
          {props.item.guidance}
        </p>
        <div class="item-options">
          <For each={options().options}>
            {(option) => (
              <label class="option">
                <input
                  type="radio"
                  name={`${id}-answer`}
                  value={option.value}
                  checked={props.value === option.value}
                  onChange={() => choose(option.value)}
                />
                <span>{option.label}</span>
              </label>
            )}
          </For>
          <Show when={props.value !== undefined && !props.readOnly}>
            <button
              type="button"
              class="button button-small button-quiet"
              aria-label={`Clear the answer to item ${props.item.number}`}
              onClick={() => {
                choose(undefined);
                // This button goes away with the answer; keep focus in the item, not on <body>.
                fieldset?.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
              }}
            >
              Clear
            </button>
          </Show>
        </div>
      </fieldset>
      <NoteField
        itemId={props.item.id}
        label={`Comments on item ${props.item.number}`}
        text={props.note}
        readOnly={props.readOnly}
      />
    </div>
  );
}
