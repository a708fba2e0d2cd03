import { For, Show } from 'solid-js';
import type { ChecklistStatus, ChecklistType } from '@corates/shared';
import { CHECKLIST_STATUS_LABEL } from '../studies/study-row.ts';
import { JudgementBadge } from './JudgementBadge.tsx';
import type {
  FindingLine,
  QuestionLink,
  ChecklistSummary as Summary,
} from './checklist-summary.ts';
import { focusJudgement, focusQuestion, focusSection } from './focus-question.ts';
import { NextUnansweredButton } from './NextUnansweredButton.tsx';

export interface ChecklistSummaryProps {
  type: ChecklistType;
  summary: Summary;
  status: ChecklistStatus;
  /** The signed-in user is the reviewer, so may mark complete or reopen. */
  isReviewer: boolean;
  readOnlyStatus: boolean;
  onMarkComplete: () => void;
  onReopen: () => void;
  /** Moves focus to the next question asked and unanswered. */
  onNextUnanswered: () => void;
}

/** Links that move focus to questions of the form, comma-separated. */
export function QuestionLinks(props: { links: QuestionLink[] }) {
  return (
    <For each={props.links}>
      {(link, i) => (
        <>
          {i() > 0 ? ', ' : ''}
          <a
            href={`#item-${link.id}`}
            aria-label={link.label}
            data-testid="question-link"
            data-item-id={link.id}
            onClick={(event) => {
              // The router would treat the fragment as a navigation; the focus is what is wanted.
              if (focusQuestion(link.id)) event.preventDefault();
            }}
          >
            {link.text}
          </a>
        </>
      )}
    </For>
  );
}

/**
 * Links that move focus to assessor judgements' panels (their confirm-again or clear control),
 * comma-separated, in the style of {@link QuestionLinks}.
 */
export function JudgementLinks(props: { links: QuestionLink[] }) {
  return (
    <For each={props.links}>
      {(link, i) => (
        <>
          {i() > 0 ? ', ' : ''}
          <a
            href={`#judgement-${link.id}`}
            aria-label={link.label}
            data-testid="judgement-link"
            data-judgement-key={link.id}
            onClick={(event) => {
              if (focusJudgement(link.id)) event.preventDefault();
            }}
          >
            {link.text}
          </a>
        </>
      )}
    </For>
  );
}

/** "1 critical flaw: Item 7", "No non-critical weaknesses". */
function Finding(props: { line: FindingLine; testId: string }) {
  return (
    <li data-testid={props.testId}>
      {props.line.count}
      <Show when={props.line.items.length > 0}>
        {': '}
        <QuestionLinks links={props.line.items} />
      </Show>
    </li>
  );
}

/** Marks the checklist complete, or reopens a completed one; focus moves to the other button. */
export function CompletionButton(props: {
  /** Every question asked is answered and no assessor judgement is stale. */
  complete: boolean;
  readOnlyStatus: boolean;
  onMarkComplete: () => void;
  onReopen: () => void;
  /** The list of what marking complete waits for, which describes the disabled button. */
  describedBy?: string;
  class?: string;
  /** Prefix of the buttons' test ids ("" for the summary's, "bar-" for the narrow bar's). */
  testIdPrefix?: string;
}) {
  let markButton: HTMLButtonElement | undefined;
  let reopenButton: HTMLButtonElement | undefined;
  const prefix = () => props.testIdPrefix ?? '';
  return (
    <Show
      when={props.readOnlyStatus}
      fallback={
        <button
          ref={(el) => (markButton = el)}
          type="button"
          class={`button button-primary ${props.class ?? ''}`}
          data-testid={`${prefix()}mark-complete`}
          disabled={!props.complete}
          aria-describedby={props.complete ? undefined : props.describedBy}
          onClick={() => {
            props.onMarkComplete();
            reopenButton?.focus();
          }}
        >
          Mark complete
        </button>
      }
    >
      <button
        ref={(el) => (reopenButton = el)}
        type="button"
        class={`button ${props.class ?? ''}`}
        data-testid={`${prefix()}reopen`}
        onClick={() => {
          props.onReopen();
          markButton?.focus();
        }}
      >
        Reopen
      </button>
    </Show>
  );
}

/** Progress, the live overall rating and what drives it, and the complete/reopen actions. */
export function ChecklistSummaryPanel(props: ChecklistSummaryProps) {
  const scored = () => props.summary.score.status === 'complete';
  // Marking complete waits for every question asked, not only those the judgement needs, and for
  // every stale assessor judgement [AJ-STALE-1].
  const complete = () => props.summary.complete;
  const canMark = () => props.isReviewer && !props.readOnlyStatus;

  return (
    <aside
      class="checklist-summary card"
      aria-labelledby="summary-heading"
      data-testid="checklist-summary"
    >
      <h2 id="summary-heading">Summary</h2>
      <p class="summary-line">
        <span class="summary-label">Answered</span>
        <strong data-testid="checklist-progress">{props.summary.progressText}</strong>
      </p>
      <div
        class="progress-bar"
        aria-hidden="true"
        style={{
          '--progress': `${props.summary.total === 0 ? 0 : (100 * props.summary.answered) / props.summary.total}%`,
        }}
      />
      <p class="summary-line" aria-live="polite">
        <span class="summary-label">{props.summary.overallHeading}</span>
        <strong
          class={`rating ${scored() ? 'rating-complete' : 'rating-incomplete'}`}
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
                  <a
                    href={`#section-${domain.domainId}`}
                    data-testid="domain-link"
                    onClick={(event) => {
                      if (focusSection(domain.domainId)) event.preventDefault();
                    }}
                  >
                    {domain.title}
                  </a>
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
      <Show when={props.summary.findings}>
        {(f) => (
          <ul class="summary-findings">
            <Finding line={f().criticalFlaws} testId="critical-flaws" />
            <Finding line={f().nonCriticalWeaknesses} testId="non-critical-weaknesses" />
          </ul>
        )}
      </Show>
      <p class="summary-line">
        <span class="summary-label">Status</span>
        <span data-testid="checklist-status">{CHECKLIST_STATUS_LABEL[props.status]}</span>
      </p>
      {/* Stuck to the bottom of the summary when the summary scrolls within itself. */}
      <Show when={props.isReviewer || props.summary.missing.length > 0}>
        <div class="summary-actions">
          <Show when={props.summary.missing.length > 0}>
            <NextUnansweredButton onNext={props.onNextUnanswered} class="button-block" />
          </Show>
          <Show when={props.isReviewer}>
            <CompletionButton
              complete={complete()}
              readOnlyStatus={props.readOnlyStatus}
              onMarkComplete={props.onMarkComplete}
              onReopen={props.onReopen}
              describedBy="unanswered"
              class="button-block"
            />
          </Show>
        </div>
      </Show>
      <Show when={!complete()}>
        <div class="summary-detail" id="unanswered" data-testid="unanswered">
          <Show when={canMark() && props.summary.completeHint}>
            {(hint) => <p class="summary-hint">{hint()}</p>}
          </Show>
          <Show when={props.summary.missing.length > 0}>
            <p>
              {props.summary.missingText}: <QuestionLinks links={props.summary.missing} />
            </p>
          </Show>
          <Show when={props.summary.stale.links.length > 0}>
            <p data-testid="stale-judgements">
              {props.summary.stale.text}: <JudgementLinks links={props.summary.stale.links} />
            </p>
          </Show>
        </div>
      </Show>
    </aside>
  );
}
