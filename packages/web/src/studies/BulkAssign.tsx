import { For, createSignal, createUniqueId } from 'solid-js';
import type * as Y from 'yjs';
import type { Member } from '@corates/shared';
import { assignReviewersMany, type ReviewerSlots } from '@corates/shared/doc';
import { countLabel } from '../ui/format.ts';
import { assignSummary } from './study-selection.ts';

/** The select's value for "do not change this slot". */
const KEEP = 'keep';
/** The select's value for "empty this slot". */
const NONE = 'none';

/**
 * Reviewer 1 and reviewer 2 for every selected study, in one step: one transaction of the
 * document, so it is one undo step and peers see it whole. Says what was done and what was
 * skipped (a reviewer who has started keeps their slot; the two reviewers differ).
 */
export function BulkAssign(props: {
  doc: Y.Doc;
  /** The selected studies that are shown. */
  studyIds: string[];
  candidates: Member[];
  meId: string;
}) {
  const id = createUniqueId();
  const [slots, setSlots] = createSignal<[string, string]>([KEEP, KEEP]);
  const [message, setMessage] = createSignal<{ error: boolean; text: string }>();

  const value = (v: string): string | null | undefined =>
    v === KEEP ? undefined : v === NONE ? null : v;

  const assign = (e: SubmitEvent) => {
    e.preventDefault();
    const [r1, r2] = slots();
    const wanted: ReviewerSlots = { reviewer1: value(r1), reviewer2: value(r2) };
    if (wanted.reviewer1 === undefined && wanted.reviewer2 === undefined) {
      setMessage({ error: true, text: 'Choose a reviewer 1 or a reviewer 2 to assign.' });
      return;
    }
    if (wanted.reviewer1 != null && wanted.reviewer1 === wanted.reviewer2) {
      setMessage({ error: true, text: 'Choose two different people as reviewer 1 and 2.' });
      return;
    }
    const result = assignReviewersMany(props.doc, props.studyIds, wanted);
    // The selection stays: the studies just changed are still marked, for a next step.
    setMessage({ error: false, text: assignSummary(result) });
  };

  const slotSelect = (n: 1 | 2) => (
    <div class="field">
      <label for={`${id}-${n}`}>Reviewer {n}</label>
      <select
        id={`${id}-${n}`}
        class="select-compact"
        data-testid={`bulk-reviewer-${n}`}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setSlots((s) => (n === 1 ? [v, s[1]] : [s[0], v]));
        }}
      >
        <option value={KEEP} selected={slots()[n - 1] === KEEP}>
          Leave as is
        </option>
        <option value={NONE}>Unassigned</option>
        <For each={props.candidates}>
          {(m) => (
            <option value={m.userId}>
              {m.name}
              {m.userId === props.meId ? ' (you)' : ''}
            </option>
          )}
        </For>
      </select>
    </div>
  );

  return (
    <form
      class="bulk-assign"
      aria-label="Assign reviewers to the selected studies"
      data-testid="bulk-assign"
      onSubmit={assign}
    >
      {slotSelect(1)}
      {slotSelect(2)}
      <button
        type="submit"
        class="button button-primary button-small"
        disabled={props.studyIds.length === 0}
      >
        Assign to {countLabel(props.studyIds.length, 'selected study', 'selected studies')}
      </button>
      <p
        class={message()?.error ? 'field-error' : 'muted'}
        role="status"
        data-testid="bulk-assign-result"
      >
        {message()?.text}
      </p>
    </form>
  );
}
