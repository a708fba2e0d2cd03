import { For, Show, createMemo, type JSX } from 'solid-js';
import type * as Y from 'yjs';
import {
  type AssessorJudgements,
  type ChecklistAnswers,
  type ChecklistDefinition,
  assessedVerdict,
} from '@corates/shared';
import { ChecklistItemField } from './ChecklistItemField.tsx';
import { JudgementBadge } from './JudgementBadge.tsx';
import { itemBlocks } from './checklist-layout.ts';
import { checklistFormView } from './checklist-form-view.ts';

export interface ChecklistFormProps {
  definition: ChecklistDefinition;
  answers: ChecklistAnswers;
  readOnly: boolean;
  onAnswer: (itemId: string, value: string | undefined) => boolean;
  /** The note of an item; undefined until the document has it. */
  noteFor: (itemId: string) => Y.Text | undefined;
  /** The assessor's judgements: a domain's head shows its final judgement. */
  judgements?: AssessorJudgements;
  /** Shown at the end of each assessed domain (its judgement panel). */
  domainFooter?: (domainId: string) => JSX.Element;
  /** Shown after the last section (the overall judgement). */
  footer?: JSX.Element;
}

/**
 * Any checklist, rendered from its definition: sections, split questions under their shared title,
 * and one generic field per item. No item has a hand-written form: AMSTAR 2, ROBINS-I and RoB 2
 * all render through this. Sections of another variant of the tool (RoB 2's domains of another
 * study design) are not shown; sections the answers leave out (the other effect of interest,
 * domains after a screening stop) show only their title and why; domains show their live
 * judgement; questions the tool does not ask for the answers given are greyed.
 */
export function ChecklistForm(props: ChecklistFormProps) {
  // A plain copy, read key by key: scoring tests keys with Object.hasOwn, which a store proxy
  // does not track.
  const view = createMemo(() => checklistFormView(props.definition, { ...props.answers }));
  // Each domain's final judgement: the assessor's where they overrode the algorithm's suggestion.
  const finals = createMemo(() => {
    const verdict = assessedVerdict(
      props.definition.type,
      { ...props.answers },
      { ...props.judgements },
    );
    return new Map(verdict.domains.map((d) => [d.domainId, d.judgement]));
  });
  return (
    <div class="checklist-form">
      <Show when={view().stopped}>
        <p class="notice notice-strong" role="status" data-testid="screening-stop">
          The screening answers stop this assessment: the result is at critical risk of bias and no
          domain is assessed.
        </p>
      </Show>
      <Show when={view().variantPrompt}>
        {(prompt) => (
          <p class="notice" role="status" data-testid="variant-prompt">
            {prompt()}
          </p>
        )}
      </Show>
      <For each={props.definition.sections}>
        {(section, index) => {
          // The sections list is stable; only each section's state follows the answers, so fields
          // (and the note being typed in) are not recreated on every answer.
          const state = () => view().sections[index()]!;
          const blocks = itemBlocks(section);
          const judgement = () => {
            const j = state().judgement;
            return j === 'pending' || j === null ? undefined : (finals().get(section.id) ?? j);
          };
          return (
            <Show when={state().shown}>
              <section
                class={`checklist-section section-${section.kind ?? 'items'}`}
                aria-labelledby={`section-${section.id}`}
                data-testid={`section-${section.id}`}
                data-active={state().active ? 'true' : 'false'}
              >
                <div class="section-head">
                  <h2 id={`section-${section.id}`} tabindex="-1">
                    {section.title}
                  </h2>
                  <Show when={state().judgement !== null}>
                    <p class="section-judgement" data-testid={`judgement-${section.id}`}>
                      <span class="summary-label">Judgement </span>
                      <JudgementBadge
                        type={props.definition.type}
                        judgement={judgement()}
                        fallback="Needs answers"
                      />
                    </p>
                  </Show>
                </div>
                <Show
                  when={state().active}
                  fallback={<p class="section-inactive muted">{state().inactiveReason}</p>}
                >
                  <For each={blocks}>
                    {(block) => {
                      const fields = () => (
                        <For each={block.items}>
                          {(item) => (
                            <ChecklistItemField
                              item={item}
                              value={props.answers[item.id]}
                              reached={view().reached.has(item.id)}
                              readOnly={props.readOnly}
                              onAnswer={props.onAnswer}
                              note={props.noteFor(item.id)}
                            />
                          )}
                        </For>
                      );
                      return (
                        <Show when={block.group} fallback={fields()}>
                          {(group) => (
                            <div
                              class="item-group"
                              role="group"
                              aria-labelledby={`group-${group().id}`}
                            >
                              <h3 class="item-group-title" id={`group-${group().id}`}>
                                {group().number}. {group().title}
                              </h3>
                              {fields()}
                            </div>
                          )}
                        </Show>
                      );
                    }}
                  </For>
                  <Show when={section.kind === 'domain' && props.domainFooter}>
                    {(footer) => footer()(section.id)}
                  </Show>
                </Show>
              </section>
            </Show>
          );
        }}
      </For>
      {props.footer}
    </div>
  );
}
