import { A, useSearchParams } from '@solidjs/router';
import { For, Show, createEffect, createMemo, createSignal } from 'solid-js';
import { type DocStudy, type Project, canEditProject, roleAtLeast } from '@corates/shared';
import { blindingState } from '../projects/blinding-text.ts';
import { useMembers } from '../projects/use-members.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import {
  assignReviewers,
  readBlindReviewers,
  readChecklists,
  readOutcomes,
  readStudies,
  readStudy,
  removeStudy,
  unassignReviewer,
} from '@corates/shared/doc';
import { loadAtRisk } from '../trash/at-risk.ts';
import { RemovalDialog } from '../trash/RemovalDialog.tsx';
import type { AtRisk } from '../trash/trash-text.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady } from '../sync/doc/use-project-doc.ts';
import { Loading } from '../ui/PageStatus.tsx';
import { countLabel } from '../ui/format.ts';
import { AddStudyForm } from './AddStudyForm.tsx';
import { BulkAssign } from './BulkAssign.tsx';
import { StudyListControls } from './StudyListControls.tsx';
import { ImportStudies } from './import/ImportStudies.tsx';
import { StudyRow } from './StudyRow.tsx';
import type { ListViewer, ListedChecklist } from './study-row.ts';
import { answeredTexts, cardContents } from './checklist-contents.ts';
import { createChecklistContents } from './use-checklist-contents.ts';
import {
  NO_FILTERS,
  type StudiesView,
  type StudyFilters,
  describeFilters,
  filterStudies,
  inView,
  isFiltered,
  parseStudyFilters,
  studyFacts,
  studyFiltersQuery,
} from './study-filters.ts';
import { selectAllState, selectedShown, toggleAllShown, toggleOne } from './study-selection.ts';
import './studies.css';

/** Cards rendered at first, and added by "Show more": a card is heavy (selects, PDFs, tools). */
const PAGE = 50;

const VIEW_HEADING: Record<StudiesView, string> = {
  all: 'Studies',
  todo: 'My to-do',
  'to-reconcile': 'Ready to reconcile',
  completed: 'Completed',
};

const VIEW_EMPTY: Record<Exclude<StudiesView, 'all'>, string> = {
  todo: 'Nothing to do: no study assigned to you is waiting for your checklist.',
  'to-reconcile': 'No study is ready to reconcile: none has both reviewers done.',
  completed: 'No study is completed yet.',
};

/**
 * The project's studies, read live from the project document: one view of them (all, my to-do,
 * ready to reconcile, completed), searched, filtered and sorted by the URL query, with a
 * selection for assigning reviewers to many at once.
 */
export function StudiesSection(props: {
  project: Project;
  handle: ProjectDocHandle;
  view?: StudiesView;
}) {
  const session = useSession();
  const members = useMembers(() => props.project.id);
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const studies = createDocValue(doc, readStudies);
  const checklists = createDocValue(doc, (d) => readChecklists(d));
  const outcomes = createDocValue(doc, readOutcomes);
  const blindReviewers = createDocValue(doc, readBlindReviewers);
  const [toRemove, setToRemove] = createSignal<DocStudy>();
  let removeTrigger: HTMLButtonElement | HTMLSelectElement | undefined;
  /** A started reviewer about to be taken off a study, and who the user picked instead. */
  const [toUnassign, setToUnassign] = createSignal<{
    study: DocStudy;
    slot: 1 | 2;
    next: string | null;
  }>();
  /** What the open removal would lose; undefined while it is read. */
  const [atRisk, setAtRisk] = createSignal<AtRisk[]>();
  const [removalError, setRemovalError] = createSignal<string>();
  const [removalStatus, setRemovalStatus] = createSignal('');
  let heading: HTMLHeadingElement | undefined;

  const canEdit = () => canEditProject(props.project);
  const meId = () => session.user()?.id ?? '';
  const memberById = createMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m])));
  const memberOf = (userId: string) => memberById().get(userId);
  const nameOf = (userId: string) =>
    memberOf(userId)?.name ?? (members.data ? 'Former member' : 'Loading…');
  const viewer = createMemo((): ListViewer => ({
    meId: meId(),
    role: props.project.role,
    blindReviewers: blindReviewers(),
    nameOf,
  }));
  const candidates = createMemo(() =>
    (members.data ?? []).filter((m) => roleAtLeast(m.role, 'editor')),
  );
  const view = () => props.view ?? 'all';
  // Grouped once per change of the document, not filtered once per study (1,000 studies).
  const checklistsByStudy = createMemo(() => {
    const by = new Map<string, ListedChecklist[]>();
    for (const c of checklists()) {
      const list = by.get(c.studyId);
      if (list) list.push(c);
      else by.set(c.studyId, [c]);
    }
    return by;
  });
  const checklistsOf = (studyId: string) => checklistsByStudy().get(studyId) ?? [];

  const [search, setSearch] = useSearchParams();
  const filters = createMemo(() => parseStudyFilters(search));
  const setFilters = (f: StudyFilters) => {
    setSearch(studyFiltersQuery(f), { replace: true });
    setLimit(PAGE);
  };
  const facts = createMemo(() => studies().map((s) => studyFacts(s, checklistsOf(s.id), meId())));
  const inThisView = createMemo(() => facts().filter((f) => inView(f, view(), meId())));
  const shown = createMemo(() => filterStudies(inThisView(), filters()));
  const shownIds = createMemo(() => shown().map((f) => f.study.id));
  const [limit, setLimit] = createSignal(PAGE);
  const rendered = createMemo(() => shown().slice(0, limit()));
  // The final judgements and answered counts of the cards on screen: the project document holds
  // headers only, so the content is loaded from the checklists' own documents (their local copies
  // first), a page of cards at a time, never for the whole list.
  const cardWanted = createMemo(() =>
    cardContents(
      rendered().map((f) => ({ finals: f.finals, checklists: checklistsOf(f.study.id) })),
      viewer(),
    ),
  );
  const cardContent = createChecklistContents(
    props.project.id,
    () => session.user()?.id,
    cardWanted,
  );
  const answered = createMemo(() => answeredTexts(cardWanted(), cardContent.contents()));

  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const toAssign = createMemo(() => selectedShown(selected(), shownIds()));
  const allState = createMemo(() => selectAllState(selected(), shownIds()));

  const actor = () => ({ by: meId(), role: props.project.role });
  /** Reads what removing these checklists would lose, for the dialog (issue 20). */
  const readAtRisk = (list: ListedChecklist[]) => {
    setAtRisk(undefined);
    setRemovalError(undefined);
    void loadAtRisk(props.project.id, meId(), list).then(setAtRisk, () =>
      setAtRisk(list.map((c) => ({ type: c.type, reviewerId: c.reviewerId }))),
    );
  };
  const askRemove = (study: DocStudy, trigger: HTMLButtonElement) => {
    removeTrigger = trigger;
    setToRemove(study);
    readAtRisk(checklistsOf(study.id));
  };
  const askUnassign = (
    study: DocStudy,
    slot: 1 | 2,
    next: string | null,
    trigger: HTMLSelectElement,
  ) => {
    removeTrigger = trigger;
    setToUnassign({ study, slot, next });
    const reviewer = slot === 1 ? study.reviewer1 : study.reviewer2;
    readAtRisk(checklistsOf(study.id).filter((c) => c.reviewerId === reviewer));
  };
  const closeRemoval = (focus: HTMLElement | undefined) => {
    setToRemove(undefined);
    setToUnassign(undefined);
    focus?.focus();
  };
  /** Runs a removal; the model refuses what this member may not do (the relay too, [R21]). */
  const tryRemoval = (run: () => 'deleted' | 'trashed' | 'unchanged') => {
    try {
      const done = run();
      setRemovalStatus(done === 'trashed' ? 'Moved to the trash: an owner can restore it.' : '');
      return true;
    } catch (e) {
      setRemovalError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
  const confirmRemove = () => {
    const study = toRemove();
    if (study && tryRemoval(() => removeStudy(doc, study.id, actor()))) closeRemoval(heading);
  };
  const confirmUnassign = () => {
    const req = toUnassign();
    if (!req) return;
    const ok = tryRemoval(() => {
      const done = unassignReviewer(doc, req.study.id, `reviewer${req.slot}`, actor());
      const now = readStudy(doc, req.study.id);
      if (req.next !== null && now) {
        const other = req.slot === 1 ? now.reviewer2 : now.reviewer1;
        if (req.next !== other)
          assignReviewers(
            doc,
            now.id,
            req.slot === 1 ? req.next : now.reviewer1,
            req.slot === 2 ? req.next : now.reviewer2,
          );
      }
      return done;
    });
    if (ok) closeRemoval(removeTrigger);
  };

  return (
    <section class="studies" aria-labelledby="studies-heading">
      <h2 id="studies-heading" ref={(el) => (heading = el)} tabindex="-1">
        {VIEW_HEADING[view()]}
        <Show when={ready()}>
          {' '}
          <span class="heading-count">({inThisView().length})</span>
        </Show>
      </h2>
      <Show when={ready()}>
        <p class="muted" data-testid="blinding-note">
          {blindingState(blindReviewers())}{' '}
          <A href={`/projects/${encodeURIComponent(props.project.id)}/settings`}>
            {props.project.role === 'owner' ? 'Change in Settings' : 'About blinding'}
          </A>
        </p>
      </Show>
      <Show
        when={view() !== 'all' || canEdit()}
        fallback={
          <p class="notice">
            You are a viewer in this project: you can see the studies and their checklists, but only
            editors and owners can add studies, assign reviewers or appraise.
          </p>
        }
      >
        <Show when={view() === 'all'}>
          {/* Duplicates are found against the studies: only once the document has loaded. */}
          <Show when={ready()}>
            <ImportStudies doc={doc} userId={meId()} studies={studies()} />
          </Show>
          <AddStudyForm doc={doc} userId={meId()} />
        </Show>
      </Show>
      <Show when={ready()} fallback={<Loading label="Loading studies…" />}>
        <Show
          when={inThisView().length > 0}
          fallback={
            <div class="empty-state">
              <p>
                {view() !== 'all'
                  ? VIEW_EMPTY[view() as Exclude<StudiesView, 'all'>]
                  : canEdit()
                    ? 'No studies yet — add the first study you will appraise.'
                    : 'No studies yet. Editors and owners add the studies to appraise.'}
              </p>
            </div>
          }
        >
          <StudyListControls
            filters={filters()}
            onChange={setFilters}
            reviewers={candidates()}
            meId={meId()}
          />
          <div class="study-list-bar">
            <p class="muted" role="status" data-testid="study-count">
              {!isFiltered(filters())
                ? countLabel(shown().length, 'study', 'studies')
                : `${shown().length} of ${countLabel(inThisView().length, 'study', 'studies')} match`}
            </p>
            <Show when={canEdit() && shown().length > 0}>
              <label class="field-check select-all">
                <input
                  type="checkbox"
                  data-testid="select-all"
                  checked={allState() === 'all'}
                  ref={(el) => createEffect(() => (el.indeterminate = allState() === 'some'))}
                  onChange={() => setSelected(toggleAllShown(selected(), shownIds()))}
                />
                Select all shown ({shown().length})
              </label>
              <span class="muted" data-testid="selected-count">
                {toAssign().length} selected
              </span>
            </Show>
          </div>
          <Show when={canEdit() && shown().length > 0}>
            <BulkAssign doc={doc} studyIds={toAssign()} candidates={candidates()} meId={meId()} />
          </Show>
          <Show
            when={shown().length > 0}
            fallback={
              <div class="empty-state" data-testid="filtered-empty">
                <p>No study matches {describeFilters(filters(), nameOf).join(', ')}.</p>
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => setFilters({ ...NO_FILTERS, sort: filters().sort })}
                >
                  Clear filters
                </button>
              </div>
            }
          >
            <ul class="study-list" data-testid="study-list">
              <For each={rendered()}>
                {(f) => (
                  <StudyRow
                    study={f.study}
                    checklists={checklistsOf(f.study.id)}
                    outcomes={outcomes()}
                    doc={doc}
                    projectId={props.project.id}
                    viewer={viewer()}
                    finalContent={(id) => cardContent.contents().get(id)}
                    answered={(id) => answered().get(id)}
                    canEdit={canEdit()}
                    candidates={candidates()}
                    memberOf={memberOf}
                    nameOf={nameOf}
                    onRemove={askRemove}
                    onUnassignStarted={askUnassign}
                    selected={canEdit() ? selected().has(f.study.id) : undefined}
                    onSelect={(on) => setSelected(toggleOne(selected(), f.study.id, on))}
                  />
                )}
              </For>
            </ul>
            <Show when={shown().length > rendered().length}>
              <p class="study-list-more">
                <span class="muted">
                  Showing {rendered().length} of {shown().length}.
                </span>{' '}
                <button
                  type="button"
                  class="button button-small"
                  data-testid="show-more"
                  onClick={() => setLimit((n) => n + PAGE)}
                >
                  Show {Math.min(PAGE, shown().length - rendered().length)} more
                </button>
              </p>
            </Show>
          </Show>
        </Show>
      </Show>

      <p class="form-status" role="status" data-testid="removal-status">
        {removalStatus()}
      </p>
      <RemovalDialog
        open={toRemove() !== undefined}
        title="Remove this study?"
        confirmLabel={atRisk()?.length ? 'Move to the trash' : 'Remove study'}
        intro={`“${toRemove()?.title ?? ''}”${
          checklistsOf(toRemove()?.id ?? '').length > 0
            ? ` and its ${countLabel(checklistsOf(toRemove()?.id ?? '').length, 'checklist')}`
            : ''
        } will be removed for everyone in the project.`}
        atRisk={atRisk()}
        nameOf={nameOf}
        error={removalError()}
        onCancel={() => closeRemoval(removeTrigger)}
        onConfirm={confirmRemove}
      />
      <RemovalDialog
        open={toUnassign() !== undefined}
        title="Unassign this reviewer?"
        confirmLabel="Unassign and move to the trash"
        intro={(() => {
          const req = toUnassign();
          if (!req) return '';
          const reviewer = req.slot === 1 ? req.study.reviewer1 : req.study.reviewer2;
          return `${nameOf(reviewer ?? '')} will no longer review “${req.study.title}”${
            req.next ? `; ${nameOf(req.next)} takes their place` : ''
          }.`;
        })()}
        atRisk={atRisk()}
        nameOf={nameOf}
        error={removalError()}
        onCancel={() => closeRemoval(removeTrigger)}
        onConfirm={confirmUnassign}
      />
    </section>
  );
}
