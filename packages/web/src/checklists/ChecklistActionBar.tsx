import { Show } from 'solid-js';
import type { ChecklistSummary } from './checklist-summary.ts';
import { CompletionButton } from './ChecklistSummary.tsx';
import { NextUnansweredButton } from './NextUnansweredButton.tsx';

/**
 * On a narrow screen, where the summary sits above the questions, a compact bar stuck to the
 * bottom of the screen: progress, "Next unanswered" and "Mark complete", so a reviewer at the last
 * question need not scroll back up. Wider screens keep the whole summary in view instead (CSS).
 */
export function ChecklistActionBar(props: {
  summary: ChecklistSummary;
  isReviewer: boolean;
  readOnlyStatus: boolean;
  onMarkComplete: () => void;
  onReopen: () => void;
  onNextUnanswered: () => void;
}) {
  return (
    <section
      class="checklist-action-bar"
      aria-label="Checklist progress"
      data-testid="checklist-action-bar"
    >
      <p class="action-bar-progress">
        <span class="visually-hidden">Answered </span>
        <strong data-testid="bar-progress">{props.summary.progressText}</strong>
      </p>
      <Show when={props.summary.missing.length > 0}>
        <NextUnansweredButton
          onNext={props.onNextUnanswered}
          class="button-small"
          testId="bar-next-unanswered"
          showKey={false}
        />
      </Show>
      <Show when={props.isReviewer}>
        <CompletionButton
          complete={props.summary.complete}
          readOnlyStatus={props.readOnlyStatus}
          onMarkComplete={props.onMarkComplete}
          onReopen={props.onReopen}
          describedBy="unanswered"
          class="button-small"
          testIdPrefix="bar-"
        />
      </Show>
    </section>
  );
}
