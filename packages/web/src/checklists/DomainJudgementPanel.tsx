import { Show, createSignal } from 'solid-js';
import type * as Y from 'yjs';
import { type AssessedDomain, type ChecklistType, staleDomainJudgement } from '@corates/shared';
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
  const [reconfirmError, setReconfirmError] = createSignal<string | null>(null);
  let openButton: HTMLButtonElement | undefined;
  const id = () => props.domain.domainId;
  const words = () => domainAssessorLines(props.domain, props.nameOf);
  // [AJ-STALE-1] Completion waits for a stale override: one click gives it again (its judgement
  // and reason, against the suggestion now) where it could be given now [AJ-STALE-3].
  const stale = () => staleDomainJudgement(props.type, props.domain);
  const reconfirm = () => {
    const s = stale();
    if (!s) return;
    const problem = props.onOverride(s.recorded.judgement.value, s.recorded.reason);
    setReconfirmError(problem);
    if (!problem) queueMicrotask(() => openButton?.focus());
  };
  const close = () => {
    setEditing(false);
    queueMicrotask(() => openButton?.focus());
  };

  return (
    <div
      class="assessor-judgement"
      id={`judgement-${id()}`}
      tabIndex={-1}
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
              <Show when={stale()?.reconfirmable && stale()}>
                {(s) => (
                  <button
                    type="button"
                    class="button button-small button-primary"
                    data-testid={`override-reconfirm-${id()}`}
                    data-stale-action
                    onClick={reconfirm}
                  >
                    Confirm {s().recorded.judgement.label} again
                  </button>
                )}
              </Show>
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
                  data-stale-action={stale() ? '' : undefined}
                  onClick={() => props.onWithdraw()}
                >
                  {stale() ? 'Clear the override' : 'Withdraw the override'}
                </button>
              </Show>
              <Show when={stale() && reconfirmError()}>
                {(problem) => (
                  <p class="field-error" role="alert">
                    {problem()}
                  </p>
                )}
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
