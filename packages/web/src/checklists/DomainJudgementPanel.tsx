import { Show, createSignal } from 'solid-js';
import type * as Y from 'yjs';
import type { AssessedDomain, ChecklistType } from '@corates/shared';
import { AssessorJudgementForm } from './AssessorJudgementForm.tsx';
import { JudgementBadge } from './JudgementBadge.tsx';
import { NoteField } from './NoteField.tsx';
import { domainAssessorLines, overrideChoices } from './assessor-judgement-view.ts';
import './assessor.css';

/**
 * The end of a domain: the algorithm's suggested judgement, the assessor's own judgement with its
 * reason when they overrode it, the control to override (or withdraw), and the domain's support
 * for judgement (a collaborative text, as the published tools print beside each judgement).
 */
export function DomainJudgementPanel(props: {
  type: ChecklistType;
  domain: AssessedDomain;
  readOnly: boolean;
  nameOf: (userId: string) => string;
  support: Y.Text | undefined;
  /** Records an override; answers why not, or null when recorded. */
  onOverride: (judgement: string, reason: string) => string | null;
  onWithdraw: () => void;
}) {
  const [editing, setEditing] = createSignal(false);
  let openButton: HTMLButtonElement | undefined;
  const id = () => props.domain.domainId;
  const words = () => domainAssessorLines(props.domain, props.nameOf);
  const close = () => {
    setEditing(false);
    queueMicrotask(() => openButton?.focus());
  };

  return (
    <div
      class="assessor-judgement"
      data-testid={`assessor-${id()}`}
      data-state={words().state}
      role="group"
      aria-label={`Judgement of ${props.domain.title}`}
    >
      <p class="summary-line">
        <span class="summary-label">Suggested judgement (the tool’s algorithm) </span>
        <span data-testid={`suggested-${id()}`}>
          <JudgementBadge
            type={props.type}
            judgement={props.domain.suggested}
            fallback="Needs answers"
          />
        </span>
      </p>
      <Show when={props.domain.assessor}>
        {(assessor) => (
          <div class="assessor-recorded">
            <p class="summary-line">
              <span class="summary-label">
                {words().state === 'applies' ? 'Assessor’s judgement ' : 'Earlier override '}
              </span>
              <span data-testid={`override-${id()}`}>
                <JudgementBadge type={props.type} judgement={assessor().judgement} />
              </span>{' '}
              <span class="muted">{words().byline}</span>
            </p>
            <p class="assessor-reason" data-testid={`override-reason-${id()}`}>
              Reason: {assessor().reason}
            </p>
            <Show when={words().staleText}>
              {(text) => (
                <p class="notice" data-testid={`override-stale-${id()}`}>
                  {text()}
                </p>
              )}
            </Show>
          </div>
        )}
      </Show>
      <Show when={!props.readOnly && props.domain.suggested}>
        <Show
          when={editing()}
          fallback={
            <div class="form-actions">
              <button
                ref={(el) => (openButton = el)}
                type="button"
                class="button button-small"
                data-testid={`override-open-${id()}`}
                onClick={() => setEditing(true)}
              >
                {props.domain.assessor ? 'Change the judgement' : 'Override the suggestion'}
              </button>
              <Show when={props.domain.assessor}>
                <button
                  type="button"
                  class="button button-small button-quiet"
                  data-testid={`override-withdraw-${id()}`}
                  onClick={() => props.onWithdraw()}
                >
                  Withdraw the override
                </button>
              </Show>
            </div>
          }
        >
          <AssessorJudgementForm
            id={id()}
            choices={overrideChoices(props.type, props.domain)}
            judgementLabel="Your judgement of this domain"
            initial={
              props.domain.assessor && {
                judgement: props.domain.assessor.judgement.value,
                reason: props.domain.assessor.reason,
              }
            }
            onSave={(judgement, reason) => {
              const problem = props.onOverride(judgement, reason);
              if (!problem) close();
              return problem;
            }}
            onCancel={close}
          />
        </Show>
      </Show>
      <NoteField
        itemId={`support-${id()}`}
        label="Support for judgement"
        text={props.support}
        readOnly={props.readOnly}
      />
    </div>
  );
}
