import { For, Index, Show, createMemo, createSignal, createUniqueId } from 'solid-js';
import type * as Y from 'yjs';
import {
  type DocOutcome,
  type DocStudy,
  type Member,
  STUDY_DESIGN_LABEL,
  studyDesignSchema,
} from '@corates/shared';
import { assignReviewers, unassignReviewer, updateStudy } from '@corates/shared/doc';
import { isStarted, removalBlocked } from '../trash/trash-text.ts';
import { ROLE_LABEL } from '../ui/roles.ts';
import { StudyPdfs } from '../pdfs/StudyPdfs.tsx';
import { ChecklistAnswered, ChecklistLink } from './ChecklistLink.tsx';
import { StudyAppraisals } from './StudyAppraisals.tsx';
import { StudyDesignSelect } from './StudyDesignSelect.tsx';
import { studyAppraisals } from './appraisals.ts';
import { doiUrl } from './study-form.ts';
import type { ScoredContent } from './checklist-contents.ts';
import {
  type ListViewer,
  type ListedChecklist,
  type ReviewerSlotView,
  changeReviewer,
  studyRowView,
} from './study-row.ts';

export interface StudyRowProps {
  study: DocStudy;
  /** The study's checklist headers (the list never holds a checklist's content). */
  checklists: ListedChecklist[];
  /** The project's outcomes (ROBINS-I and RoB 2 appraisals are per outcome). */
  outcomes: DocOutcome[];
  doc: Y.Doc;
  projectId: string;
  /** Who looks, their role and the project's blinding: what they may open. */
  viewer: ListViewer;
  /** A finalized checklist's content, once loaded (for the appraisal's result). */
  finalContent: (checklistId: string) => ScoredContent | undefined;
  /** "3 of 16 answered" for a checklist this viewer may open, once its content is loaded. */
  answered: (checklistId: string) => string | undefined;
  canEdit: boolean;
  /** Members who can be assigned (editors and owners). */
  candidates: Member[];
  memberOf: (userId: string) => Member | undefined;
  nameOf: (userId: string) => string;
  onRemove: (study: DocStudy, trigger: HTMLButtonElement) => void;
  /**
   * The reviewer in `slot` has started: taking them off moves their work to the trash, after a
   * confirmation (the section's dialog); `next` is who the user picked instead (null: nobody).
   */
  onUnassignStarted: (
    study: DocStudy,
    slot: 1 | 2,
    next: string | null,
    trigger: HTMLSelectElement,
  ) => void;
  /** Whether the study is selected for a bulk action; no checkbox when undefined. */
  selected?: boolean | undefined;
  onSelect?: (selected: boolean) => void;
}

/** One study: its details, status, reviewers and their checklists. */
export function StudyRow(props: StudyRowProps) {
  const appraisals = createMemo(() =>
    studyAppraisals(
      props.study,
      props.checklists,
      props.outcomes,
      props.viewer,
      props.finalContent,
    ),
  );
  const view = createMemo(() =>
    studyRowView(
      props.study,
      props.checklists,
      props.viewer,
      appraisals().map((a) => a.status),
    ),
  );
  const [error, setError] = createSignal<string>();
  const headingId = createUniqueId();

  const me = () => ({ userId: props.viewer.meId, role: props.viewer.role });
  /** The checklists of the reviewer in a slot (theirs go with them when they are taken off). */
  const checklistsIn = (slot: 1 | 2) => {
    const reviewer = slot === 1 ? props.study.reviewer1 : props.study.reviewer2;
    return reviewer === null ? [] : props.checklists.filter((c) => c.reviewerId === reviewer);
  };
  const startedReviewers = (list: readonly ListedChecklist[]) =>
    list.filter((c) => isStarted(c.status)).map((c) => c.reviewerId);
  /** Why this viewer may not change a slot whose reviewer has started (undefined: they may). */
  const slotBlocked = (slot: 1 | 2) => removalBlocked(me(), startedReviewers(checklistsIn(slot)));
  const removeBlocked = () => removalBlocked(me(), startedReviewers(props.checklists));

  const onReviewerChange = (slot: 1 | 2, select: HTMLSelectElement) => {
    const current = (slot === 1 ? props.study.reviewer1 : props.study.reviewer2) ?? '';
    const next = select.value || null;
    const change = changeReviewer(props.study, slot, next, props.nameOf);
    // The select shows the pick; until the document changes, it shows what the document says.
    select.value = current;
    if (!change.ok) {
      setError(change.message);
      return;
    }
    setError(undefined);
    const theirs = checklistsIn(slot);
    // Started work is never replaced in silence: it goes to the trash after a confirmation.
    if (theirs.some((c) => isStarted(c.status))) {
      props.onUnassignStarted(props.study, slot, next, select);
      return;
    }
    // Unstarted checklists go with their reviewer, then the new one takes the slot.
    if (theirs.length > 0) unassignReviewer(props.doc, props.study.id, `reviewer${slot}`);
    assignReviewers(props.doc, props.study.id, change.reviewer1, change.reviewer2);
  };

  const onDesignChange = (value: string) => {
    const design = studyDesignSchema.safeParse(value);
    updateStudy(props.doc, props.study.id, { design: design.success ? design.data : undefined });
  };

  const meta = () =>
    [props.study.authors, props.study.journal, props.study.year?.toString() ?? '']
      .filter(Boolean)
      .join(' · ');

  return (
    <li class="card study-row" data-testid="study-row" aria-labelledby={headingId}>
      <div class="study-head">
        <Show when={props.selected !== undefined}>
          <input
            type="checkbox"
            class="study-select"
            data-testid="study-select"
            aria-label={`Select “${props.study.title}”`}
            checked={props.selected}
            onChange={(e) => props.onSelect?.(e.currentTarget.checked)}
          />
        </Show>
        <h3 class="study-title" id={headingId}>
          {props.study.title}
        </h3>
        <span class={`status-badge status-${view().status}`} data-testid="study-status">
          <span class="visually-hidden">Status: </span>
          {view().statusLabel}
        </span>
      </div>
      <Show when={meta()}>
        <p class="study-meta">{meta()}</p>
      </Show>
      <Show when={props.study.doi}>
        {(doi) => (
          <p class="study-meta">
            <a href={doiUrl(doi())} target="_blank" rel="noopener noreferrer">
              doi:{doi()}
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          </p>
        )}
      </Show>
      <Show
        when={props.canEdit}
        fallback={
          <p class="study-meta" data-testid="study-design-text">
            Study design: {props.study.design ? STUDY_DESIGN_LABEL[props.study.design] : 'not set'}
          </p>
        }
      >
        <StudyDesignSelect
          value={props.study.design ?? ''}
          onValue={onDesignChange}
          class="study-design"
          testId="study-design"
        />
      </Show>

      <div class="reviewers" role="group" aria-label={`Reviewers of ${props.study.title}`}>
        <Index each={view().slots}>
          {(slot) => (
            <ReviewerSlot
              slot={slot()}
              row={props}
              blocked={slotBlocked(slot().slot)}
              amstarStarted={appraisals().some((a) => a.type === 'AMSTAR2')}
              onChange={(select) => onReviewerChange(slot().slot, select)}
            />
          )}
        </Index>
      </div>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <StudyAppraisals
        study={props.study}
        appraisals={appraisals()}
        outcomes={props.outcomes}
        doc={props.doc}
        projectId={props.projectId}
        meId={props.viewer.meId}
        canEdit={props.canEdit}
        nameOf={props.nameOf}
        answered={props.answered}
      />
      <StudyPdfs
        projectId={props.projectId}
        studyId={props.study.id}
        studyTitle={props.study.title}
        canEdit={props.canEdit}
      />
      <Show when={props.canEdit}>
        <div class="study-actions">
          <button
            type="button"
            class="button button-small button-danger-quiet"
            aria-label={`Remove study “${props.study.title}”`}
            aria-describedby={removeBlocked() ? `${headingId}-remove-why` : undefined}
            disabled={removeBlocked() !== undefined}
            onClick={(e) => props.onRemove(props.study, e.currentTarget)}
          >
            Remove study
          </button>
          <Show when={removeBlocked()}>
            {(why) => (
              <span class="muted" id={`${headingId}-remove-why`} data-testid="remove-blocked">
                {why()}
              </span>
            )}
          </Show>
        </div>
      </Show>
    </li>
  );
}

function ReviewerSlot(props: {
  slot: ReviewerSlotView;
  row: StudyRowProps;
  /** Why this viewer may not change the slot (its reviewer has started), if they may not. */
  blocked: string | undefined;
  /** Someone has started this study's AMSTAR 2 appraisal (whose checklists the slots show). */
  amstarStarted: boolean;
  onChange: (select: HTMLSelectElement) => void;
}) {
  const selectId = createUniqueId();
  const row = () => props.row;
  // Someone assigned who can no longer edit (now a viewer, or removed) stays visible in the select.
  const assignedElsewhere = () => {
    const id = props.slot.userId;
    if (id === null || row().candidates.some((m) => m.userId === id)) return undefined;
    const member = row().memberOf(id);
    return {
      id,
      label: member ? `${member.name} (${ROLE_LABEL[member.role].toLowerCase()})` : props.slot.name,
    };
  };

  return (
    <div class="reviewer-slot">
      <label for={selectId}>Reviewer {props.slot.slot}</label>
      <select
        id={selectId}
        class="select-compact"
        data-testid={`reviewer-${props.slot.slot}-select`}
        disabled={!row().canEdit || props.blocked !== undefined}
        aria-describedby={props.blocked && row().canEdit ? `${selectId}-why` : undefined}
        onChange={(e) => props.onChange(e.currentTarget)}
      >
        <option value="" selected={props.slot.userId === null}>
          Unassigned
        </option>
        <For each={row().candidates}>
          {(member) => (
            <option value={member.userId} selected={member.userId === props.slot.userId}>
              {member.name}
              {member.userId === row().viewer.meId ? ' (you)' : ''}
            </option>
          )}
        </For>
        <Show when={assignedElsewhere()}>
          {(other) => (
            <option value={other().id} selected>
              {other().label}
            </option>
          )}
        </Show>
      </select>
      <Show when={row().canEdit && props.blocked}>
        {(why) => (
          <p class="muted" id={`${selectId}-why`} data-testid="reviewer-blocked">
            {why()}
          </p>
        )}
      </Show>
      <div class="reviewer-checklist">
        {/* A reviewer starts any tool's appraisal in StudyAppraisals, the fitting one first. */}
        <Show
          when={props.slot.checklist}
          fallback={
            <Show when={props.slot.userId !== null && props.amstarStarted}>
              <span class="muted">AMSTAR 2 not started</span>
            </Show>
          }
        >
          {(checklist) => (
            <>
              <ChecklistLink
                projectId={row().projectId}
                checklist={checklist()}
                label={props.slot.isMe ? 'Your checklist' : `${props.slot.name}’s checklist`}
                testId="reviewer-checklist"
              />
              <span class="checklist-facts">
                <span data-testid="reviewer-checklist-status">{checklist().statusLabel}</span>
                <ChecklistAnswered checklist={checklist()} answered={row().answered} />
              </span>
            </>
          )}
        </Show>
      </div>
    </div>
  );
}
