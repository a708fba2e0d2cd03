import { Show, createSignal } from 'solid-js';
import { type AssessedVerdict, type ChecklistType, staleOverallRaise } from '@corates/shared';
import { AssessorJudgementForm } from './AssessorJudgementForm.tsx';
import { JudgementBadge } from './JudgementBadge.tsx';
import { overallAssessorLines, raiseRuleText } from './assessor-judgement-view.ts';
import './assessor.css';

/**
 * The overall risk of bias: the tool's rule over the domain judgements, and the assessor's raise
 * of it where the tool allows one (with the reason), never lower than the rule's result.
 */
export function OverallJudgementPanel(props: {
  type: ChecklistType;
  verdict: AssessedVerdict;
  readOnly: boolean;
  nameOf: (userId: string) => string;
  onRaise: (judgement: string, reason: string) => string | null;
  onWithdraw: () => void;
}) {
  const [editing, setEditing] = createSignal(false);
  const [reconfirmError, setReconfirmError] = createSignal<string | null>(null);
  let openButton: HTMLButtonElement | undefined;
  const words = () => overallAssessorLines(props.verdict, props.nameOf);
  // [AJ-STALE-1] Completion waits for a stale raise: given again in one click where the tool
  // still allows it [AJ-STALE-3], else cleared.
  const stale = () => staleOverallRaise(props.verdict);
  const reconfirm = () => {
    const s = stale();
    if (!s) return;
    setReconfirmError(props.onRaise(s.recorded.judgement.value, s.recorded.reason));
  };
  const close = () => {
    setEditing(false);
    queueMicrotask(() => openButton?.focus());
  };
  const final = () => (props.verdict.status === 'complete' ? props.verdict.overall : undefined);

  return (
    <section
      class="checklist-section assessor-overall"
      id="judgement-overall"
      tabIndex={-1}
      aria-labelledby="overall-judgement-heading"
      data-testid="overall-judgement"
      data-state={words().state}
    >
      <h2 id="overall-judgement-heading">Overall risk of bias</h2>
      <p class="summary-line">
        <span class="summary-label">Suggested (the tool’s rule over the domain judgements) </span>
        <span data-testid="suggested-overall">
          <JudgementBadge
            type={props.type}
            judgement={props.verdict.suggestedOverall}
            fallback="Judge every domain first"
          />
        </span>
      </p>
      <p class="summary-line">
        <span class="summary-label">Overall judgement </span>
        <span data-testid="final-overall">
          <JudgementBadge type={props.type} judgement={final()} fallback="Not yet" />
        </span>
      </p>
      <Show when={props.verdict.raise}>
        {(raise) => (
          <div class="assessor-recorded">
            <p class="summary-line">
              <span class="summary-label">
                {words().state === 'applies' ? 'Raised by the assessor to ' : 'Earlier raise to '}
              </span>
              <JudgementBadge type={props.type} judgement={raise().judgement} />{' '}
              <span class="muted">{words().byline}</span>
            </p>
            <p class="assessor-reason" data-testid="raise-reason">
              Reason: {raise().reason}
            </p>
            <Show when={words().staleText}>
              {(text) => (
                <p class="notice" data-testid="raise-stale">
                  {text()}
                </p>
              )}
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.verdict.status === 'complete' && props.verdict.raiseOptions.length === 0}>
        <p class="field-hint">{raiseRuleText(props.type)}</p>
      </Show>
      <Show when={!props.readOnly}>
        <Show
          when={editing()}
          fallback={
            <div class="form-actions">
              <Show when={stale()?.reconfirmable && stale()}>
                {(s) => (
                  <button
                    type="button"
                    class="button button-small button-primary"
                    data-testid="raise-reconfirm"
                    data-stale-action
                    onClick={reconfirm}
                  >
                    Confirm the raise to {s().recorded.judgement.label} again
                  </button>
                )}
              </Show>
              <Show when={props.verdict.raiseOptions.length > 0}>
                <button
                  ref={(el) => (openButton = el)}
                  type="button"
                  class="button button-small"
                  data-testid="raise-open"
                  onClick={() => setEditing(true)}
                >
                  {props.verdict.raise ? 'Change the raise' : 'Raise the overall judgement'}
                </button>
              </Show>
              <Show when={props.verdict.raise}>
                <button
                  type="button"
                  class="button button-small button-quiet"
                  data-testid="raise-withdraw"
                  data-stale-action={stale() ? '' : undefined}
                  onClick={() => props.onWithdraw()}
                >
                  {stale() ? 'Clear the raise' : 'Withdraw the raise'}
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
            id="overall"
            choices={props.verdict.raiseOptions}
            judgementLabel="Raise the overall judgement to"
            initial={
              props.verdict.raise && {
                judgement: props.verdict.raise.judgement.value,
                reason: props.verdict.raise.reason,
              }
            }
            onSave={(judgement, reason) => {
              const problem = props.onRaise(judgement, reason);
              if (!problem) close();
              return problem;
            }}
            onCancel={close}
          />
        </Show>
      </Show>
    </section>
  );
}
