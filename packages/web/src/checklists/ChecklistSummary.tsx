import { For, Show } from 'solid-js';
import type { ChecklistStatus, ChecklistType } from '@corates/shared';
import { CHECKLIST_STATUS_LABEL } from '../studies/study-row.ts';
import { JudgementBadge } from './JudgementBadge.tsx';
import type { ChecklistSummary as Summary } from './checklist-summary.ts';

export interface ChecklistSummaryProps {
  type: ChecklistType;
  summary: Summary;
  status: ChecklistStatus;
  /** The signed-in user is the reviewer, so may mark complete or reopen. */
  isReviewer: boolean;
  readOnlyStatus: boolean;
  onMarkComplete: () => void;
  onReopen: () => void;
}

const itemList = (numbers: string[]) => (numbers.length === 0 ? 'None' : numbers.join(', '));

/** Progress, the live overall rating and what drives it, and the complete/reopen actions. */
export function ChecklistSummaryPanel(props: ChecklistSummaryProps) {
  let markButton: HTMLButtonElement | undefined;
  let reopenButton: HTMLButtonElement | undefined;
  const score = () => props.summary.score;
  const complete = () => score().status === 'complete';
  const findings = () => {
    const s = score();
    return s.status === 'complete' ? (s.findings ?? undefined) : undefined;
  };

  return (
    <aside class="checklist-summary card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <p class="summary-line">
        <span class="summary-label">Answered</span>
        <strong data-testid="checklist-progress">{props.summary.progressText}</strong>
      </p>
      <div
        class="progress-bar"
        aria-hidden="true"
        style={{ '--progress': `${(100 * props.summary.answered) / props.summary.total}%` }}
      />
      <p class="summary-line" aria-live="polite">
        <span class="summary-label">{props.summary.overallHeading}</span>
        <strong
          class={`rating ${complete() ? 'rating-complete' : 'rating-incomplete'}`}
          data-testid="checklist-rating"
        >
          {props.summary.ratingText}
        </strong>
      </p>
      <Show when={props.summary.domains.length > 0}>
        <dl class="summary-domains" data-testid="domain-judgements">
          <For each={props.summary.domains}>
            {(domain) => (
              <>
                <dt>
                  <a href={`#section-${domain.domainId}`}>{domain.title}</a>
                </dt>
                <dd data-testid={`summary-judgement-${domain.domainId}`}>
                  <JudgementBadge
                    type={props.type}
                    judgement={domain.judgement}
                    fallback="Needs answers"
                  />
                </dd>
              </>
            )}
          </For>
        </dl>
      </Show>
      <Show when={props.summary.missing.length > 0}>
        <p class="summary-detail">
          Unanswered:{' '}
          <For each={props.summary.missing}>
            {(item, i) => (
              <>
                {i() > 0 ? ', ' : ''}
                <a href={`#item-${item.id}`} aria-label={`Item ${item.number}`}>
                  {item.number}
                </a>
              </>
            )}
          </For>
        </p>
      </Show>
      <Show when={findings()}>
        {(f) => (
          <dl class="summary-findings">
            <dt>Critical flaws</dt>
            <dd data-testid="critical-flaws">{itemList(f().criticalFlaws)}</dd>
            <dt>Non-critical weaknesses</dt>
            <dd data-testid="non-critical-weaknesses">{itemList(f().nonCriticalWeaknesses)}</dd>
          </dl>
        )}
      </Show>
      <p class="summary-line">
        <span class="summary-label">Status</span>
        <span data-testid="checklist-status">{CHECKLIST_STATUS_LABEL[props.status]}</span>
      </p>
      <Show when={props.isReviewer}>
        <Show
          when={props.readOnlyStatus}
          fallback={
            <>
              <button
                ref={(el) => (markButton = el)}
                type="button"
                class="button button-primary button-block"
                data-testid="mark-complete"
                disabled={!complete()}
                aria-describedby={complete() ? undefined : 'mark-complete-hint'}
                onClick={() => {
                  props.onMarkComplete();
                  reopenButton?.focus();
                }}
              >
                Mark complete
              </button>
              <Show when={!complete()}>
                <p class="field-hint" id="mark-complete-hint">
                  {props.summary.completeHint}
                </p>
              </Show>
            </>
          }
        >
          <button
            ref={(el) => (reopenButton = el)}
            type="button"
            class="button button-block"
            data-testid="reopen"
            onClick={() => {
              props.onReopen();
              markButton?.focus();
            }}
          >
            Reopen
          </button>
        </Show>
      </Show>
    </aside>
  );
}
