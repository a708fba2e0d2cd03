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

/**
 * "· 3 of 16 answered" beside a checklist's status, for one the viewer may open and whose content
 * has loaded; nothing before (never a wrong number) and nothing for a blinded reviewer's view of
 * the other's checklist, whose content is never asked for.
 */
export function ChecklistAnswered(props: {
  checklist: ReviewerChecklistView;
  answered: (checklistId: string) => string | undefined;
}) {
  return (
    <Show when={props.checklist.visible && props.answered(props.checklist.id)}>
      {(text) => (
        <span class="muted" data-testid="checklist-answered" data-checklist={props.checklist.id}>
          {' · '}
          {text()}
        </span>
      )}
    </Show>
  );
}
