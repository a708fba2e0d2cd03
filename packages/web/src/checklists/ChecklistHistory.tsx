import { For, Show } from 'solid-js';
import { type ChecklistEvent, historyInOrder } from '@corates/shared';
import { formatDateTime } from '../ui/format.ts';
import './assessor.css';

const EVENT_LABEL: Record<ChecklistEvent['event'], string> = {
  completed: 'Marked complete',
  finalized: 'Finalized',
  reopened: 'Reopened',
};

/** A checklist's history: who completed, finalized or reopened it, when, and why. */
export function ChecklistHistory(props: {
  events: readonly ChecklistEvent[] | undefined;
  nameOf: (userId: string) => string;
}) {
  const events = () => historyInOrder(props.events ?? []);
  return (
    <Show when={events().length > 0}>
      <section class="card checklist-history" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ol class="history-list" data-testid="checklist-history">
          <For each={events()}>
            {(e) => (
              <li data-testid="history-entry" data-event={e.event}>
                <strong>{EVENT_LABEL[e.event]}</strong> by {props.nameOf(e.by)},{' '}
                <time datetime={e.at}>{formatDateTime(e.at)}</time>
                <Show when={e.reason}>
                  {(reason) => (
                    <>
                      {' '}
                      — <span data-testid="history-reason">{reason()}</span>
                    </>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ol>
      </section>
    </Show>
  );
}
