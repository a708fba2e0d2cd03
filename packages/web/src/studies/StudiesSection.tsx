import { For, Show, createMemo, createSignal } from 'solid-js';
import { type DocStudy, type Project, roleAtLeast } from '@corates/shared';
import { useMembers } from '../projects/use-members.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import { readChecklists, readOutcomes, readStudies, removeStudy } from '@corates/shared/doc';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady } from '../sync/doc/use-project-doc.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { countLabel } from '../ui/format.ts';
import { AddStudyForm } from './AddStudyForm.tsx';
import { ImportStudies } from './import/ImportStudies.tsx';
import { StudyRow } from './StudyRow.tsx';
import './studies.css';

/** The project's studies, read live from the project document. */
export function StudiesSection(props: { project: Project; handle: ProjectDocHandle }) {
  const session = useSession();
  const members = useMembers(() => props.project.id);
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const studies = createDocValue(doc, readStudies);
  const checklists = createDocValue(doc, (d) => readChecklists(d));
  const outcomes = createDocValue(doc, readOutcomes);
  const [toRemove, setToRemove] = createSignal<DocStudy>();
  let removeTrigger: HTMLButtonElement | undefined;
  let heading: HTMLHeadingElement | undefined;

  const canEdit = () => roleAtLeast(props.project.role, 'editor');
  const meId = () => session.user()?.id ?? '';
  const memberById = createMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m])));
  const memberOf = (userId: string) => memberById().get(userId);
  const nameOf = (userId: string) =>
    memberOf(userId)?.name ?? (members.data ? 'Former member' : 'Loading…');
  const candidates = createMemo(() =>
    (members.data ?? []).filter((m) => roleAtLeast(m.role, 'editor')),
  );
  const checklistsOf = (studyId: string) => checklists().filter((c) => c.studyId === studyId);

  const askRemove = (study: DocStudy, trigger: HTMLButtonElement) => {
    removeTrigger = trigger;
    setToRemove(study);
  };
  const cancelRemove = () => {
    setToRemove(undefined);
    removeTrigger?.focus();
  };
  const confirmRemove = () => {
    const study = toRemove();
    if (study) removeStudy(doc, study.id);
    setToRemove(undefined);
    heading?.focus();
  };

  return (
    <section class="studies" aria-labelledby="studies-heading">
      <h2 id="studies-heading" ref={(el) => (heading = el)} tabindex="-1">
        Studies
        <Show when={ready()}>
          {' '}
          <span class="heading-count">({studies().length})</span>
        </Show>
      </h2>
      <Show
        when={canEdit()}
        fallback={
          <p class="notice">
            You are a viewer in this project: you can see the studies and their checklists, but only
            editors and owners can add studies, assign reviewers or appraise.
          </p>
        }
      >
        {/* Duplicates are found against the studies: only once the document has loaded. */}
        <Show when={ready()}>
          <ImportStudies doc={doc} userId={meId()} studies={studies()} />
        </Show>
        <AddStudyForm doc={doc} userId={meId()} />
      </Show>
      <Show when={ready()} fallback={<Loading label="Loading studies…" />}>
        <Show
          when={studies().length > 0}
          fallback={
            <div class="empty-state">
              <p>
                {canEdit()
                  ? 'No studies yet — add the first study you will appraise.'
                  : 'No studies yet. Editors and owners add the studies to appraise.'}
              </p>
            </div>
          }
        >
          <ul class="study-list" data-testid="study-list">
            <For each={studies()}>
              {(study) => (
                <StudyRow
                  study={study}
                  checklists={checklistsOf(study.id)}
                  outcomes={outcomes()}
                  doc={doc}
                  projectId={props.project.id}
                  meId={meId()}
                  canEdit={canEdit()}
                  candidates={candidates()}
                  memberOf={memberOf}
                  nameOf={nameOf}
                  onRemove={askRemove}
                />
              )}
            </For>
          </ul>
        </Show>
      </Show>

      <ConfirmDialog
        open={toRemove() !== undefined}
        title="Remove this study?"
        confirmLabel="Remove study"
        pendingLabel="Removing…"
        pending={false}
        onCancel={cancelRemove}
        onConfirm={confirmRemove}
      >
        <Show when={toRemove()}>
          {(study) => (
            <p>
              “{study().title}”
              {checklistsOf(study().id).length > 0
                ? ` and its ${countLabel(checklistsOf(study().id).length, 'checklist')}`
                : ''}{' '}
              will be removed for everyone in the project.
            </p>
          )}
        </Show>
      </ConfirmDialog>
    </section>
  );
}
