import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { type ReviewerChecklistView, checklistPath } from './study-row.ts';

/**
 * A link to a checklist the viewer may open; otherwise its name only, saying why (a blinded
 * reviewer sees the other reviewer's status, and their checklist once both are done).
 */
export function ChecklistLink(props: {
  projectId: string;
  checklist: ReviewerChecklistView;
  label: string;
  testId: string;
}) {
  return (
    <Show
      when={props.checklist.visible}
      fallback={
        <span data-testid={props.testId} data-blinded="true">
          {props.label} <span class="muted">(hidden while reviewers are blinded)</span>
        </span>
      }
    >
      <A href={checklistPath(props.projectId, props.checklist.id)} data-testid={props.testId}>
        {props.label}
      </A>
    </Show>
  );
}
