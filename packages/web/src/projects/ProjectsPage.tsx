import { For, Match, Show, Switch, createSignal } from 'solid-js';
import type { Project } from '@corates/shared';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { countLabel } from '../ui/format.ts';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { useSyncState } from '../sync/use-sync-summary.ts';
import { FirstRunWelcome } from './FirstRunWelcome.tsx';
import { NewProjectForm } from './NewProjectForm.tsx';
import { ProjectListItem } from './ProjectListItem.tsx';
import { useDeleteProject, useProjects } from './use-projects.ts';

/** "My projects": the projects you are a member of, and a form to start a new one. */
export function ProjectsPage() {
  useDocumentTitle(() => 'My projects');
  const projects = useProjects();
  const remove = useDeleteProject();
  const sync = useSyncState();
  const [toDelete, setToDelete] = createSignal<Project>();
  let nameInput: HTMLInputElement | HTMLTextAreaElement | undefined;
  let listHeading: HTMLHeadingElement | undefined;
  let deleteTrigger: HTMLButtonElement | undefined;

  const askDelete = (project: Project, trigger: HTMLButtonElement) => {
    remove.reset();
    deleteTrigger = trigger;
    setToDelete(project);
  };
  const cancelDelete = () => {
    setToDelete(undefined);
    deleteTrigger?.focus();
  };
  const confirmDelete = (project: Project) =>
    remove.mutate(project.id, {
      onSuccess: () => {
        setToDelete(undefined);
        // The button that opened the dialog is gone with its project.
        listHeading?.focus();
      },
    });

  return (
    <div class="page">
      <h1>My projects</h1>
      <NewProjectForm nameRef={(el) => (nameInput = el)} />

      <section class="projects" aria-labelledby="projects-heading">
        <h2 id="projects-heading" ref={(el) => (listHeading = el)} tabindex="-1">
          Your projects
          <Show when={projects.data}>
            {(list) => <span class="heading-count"> ({countLabel(list().length, 'project')})</span>}
          </Show>
        </h2>
        <Switch>
          <Match when={projects.data}>
            {(list) => (
              <>
                {/* A failed background refresh keeps the last list and says so. */}
                <Show when={projects.isError}>
                  <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
                </Show>
                <Show
                  when={list().length > 0}
                  fallback={
                    // A first run; with changes still waiting (a project being deleted), the
                    // empty list may not be the account's last word, so no welcome yet.
                    <Show
                      when={sync().waitingOps.length === 0}
                      fallback={
                        <div class="empty-state">
                          <p>No projects yet — create your first one.</p>
                          <button type="button" class="button" onClick={() => nameInput?.focus()}>
                            Name your first project
                          </button>
                        </div>
                      }
                    >
                      <FirstRunWelcome onCreate={() => nameInput?.focus()} />
                    </Show>
                  }
                >
                  <ul class="project-list" data-testid="project-list">
                    <For each={list()}>
                      {(project) => <ProjectListItem project={project} onDelete={askDelete} />}
                    </For>
                  </ul>
                </Show>
              </>
            )}
          </Match>
          <Match when={projects.isError}>
            <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
          </Match>
          <Match when={projects.isPending}>
            <Loading label="Loading projects…" />
          </Match>
        </Switch>
      </section>

      <ConfirmDialog
        open={toDelete() !== undefined}
        title="Delete this project?"
        confirmLabel="Delete project"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ?? undefined}
        onCancel={cancelDelete}
        onConfirm={() => {
          const project = toDelete();
          if (project) confirmDelete(project);
        }}
      >
        <Show when={toDelete()}>
          {(project) => (
            <p>
              “{project().name}” and everything in it will be deleted for all{' '}
              {countLabel(project().memberCount, 'member')}. This cannot be undone.
            </p>
          )}
        </Show>
      </ConfirmDialog>
    </div>
  );
}
