import { For, Show, createMemo, createSignal } from 'solid-js';
import type { Project } from '@corates/shared';
import { readStudies, readTrash, restoreFromTrash } from '@corates/shared/doc';
import { useMembers } from '../projects/use-members.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady } from '../sync/doc/use-project-doc.ts';
import { daysLeftLabel, trashEntryTitle } from './trash-text.ts';
import './trash.css';

/**
 * The project's trash (issue 20), in Settings for owners: started work that was removed, who moved
 * it and when, the days left before the server deletes it for good, and Restore. The relay allows
 * the restore to owners (and a reviewer for their own, [R21]); this view is the owners'.
 */
export function TrashSection(props: { project: Project; handle: ProjectDocHandle }) {
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const session = useSession();
  const members = useMembers(() => props.project.id);
  const entries = createDocValue(doc, (d) => readTrash(d));
  const studies = createDocValue(doc, readStudies);
  const titleOf = createMemo(() => new Map(studies().map((s) => [s.id, s.title])));
  const nameOf = (userId: string) =>
    members.data?.find((m) => m.userId === userId)?.name ??
    (members.data ? 'Former member' : 'Loading…');
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string>();
  const dateOf = (iso: string) => new Date(iso).toLocaleDateString();

  const restore = (entryId: string, label: string) => {
    setError(undefined);
    try {
      restoreFromTrash(doc, entryId, { by: session.user()?.id ?? '', role: props.project.role });
      setStatus(`Restored: ${label}.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Show when={props.project.role === 'owner'}>
      <section class="trash" aria-labelledby="trash-heading" data-testid="trash-section">
        <h2 id="trash-heading">Trash</h2>
        <p class="muted">
          Started work that was removed — a study with its checklists, or an unassigned reviewer’s
          checklists — stays here for 30 days, answers and notes included, then is deleted for good.
        </p>
        <Show when={ready()}>
          <Show
            when={entries().length > 0}
            fallback={
              <p class="empty-state" data-testid="trash-empty">
                The trash is empty.
              </p>
            }
          >
            <ul class="trash-list" data-testid="trash-list">
              <For each={entries()}>
                {(entry) => {
                  const label = () =>
                    trashEntryTitle(
                      entry,
                      titleOf().get(entry.studyId) ?? 'a removed study',
                      nameOf,
                    );
                  return (
                    <li class="trash-entry" data-testid="trash-entry">
                      <div class="trash-what">
                        <strong>{label()}</strong>
                        <span class="muted">
                          Moved by {nameOf(entry.by)} on {dateOf(entry.at)} ·{' '}
                          <span data-testid="trash-days-left">{daysLeftLabel(entry.daysLeft)}</span>
                        </span>
                      </div>
                      <button
                        type="button"
                        class="button button-small"
                        aria-label={`Restore ${label()}`}
                        onClick={() => restore(entry.id, label())}
                      >
                        Restore
                      </button>
                    </li>
                  );
                }}
              </For>
            </ul>
          </Show>
        </Show>
        <Show when={error()}>
          <p class="field-error" role="alert">
            {error()}
          </p>
        </Show>
        <p class="form-status" role="status" data-testid="trash-status">
          {status()}
        </p>
      </section>
    </Show>
  );
}
