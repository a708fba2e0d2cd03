import { type JSX, Show, createSignal, onMount } from 'solid-js';
import {
  PROJECT_DESCRIPTION_MAX,
  PROJECT_NAME_MAX,
  type Project,
  canEditProject,
  updateProjectSchema,
} from '@corates/shared';
import { createForm } from '../forms/create-form.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { UnsyncedBadge } from '../sync/UnsyncedBadge.tsx';
import { RoleBadge } from '../ui/RoleBadge.tsx';
import { TextField } from '../ui/TextField.tsx';
import { countLabel, formatDate } from '../ui/format.ts';
import { useUpdateProject } from './use-projects.ts';
import { MirrorBadge } from './MirrorBadge.tsx';

/**
 * The project's name and description, editable in place by editors and owners. `status` is shown
 * under them (the live connection and presence strip).
 */
export function ProjectDetails(props: { project: Project; status?: JSX.Element }) {
  const [editing, setEditing] = createSignal(false);
  let editButton: HTMLButtonElement | undefined;
  const canEdit = () => canEditProject(props.project);
  const stopEditing = () => {
    setEditing(false);
    editButton?.focus();
  };

  return (
    <header class="project-header">
      <Show
        when={editing()}
        fallback={
          <>
            <div class="project-title-row">
              <h1>{props.project.name}</h1>
              <Show when={canEdit()}>
                <button
                  ref={(el) => (editButton = el)}
                  type="button"
                  class="button button-small"
                  onClick={() => setEditing(true)}
                >
                  Edit details
                </button>
              </Show>
            </div>
            <Show when={props.project.description} fallback={<p class="muted">No description.</p>}>
              <p class="project-description">{props.project.description}</p>
            </Show>
          </>
        }
      >
        <h1 class="visually-hidden">{props.project.name}</h1>
        <EditProjectForm project={props.project} onDone={stopEditing} />
      </Show>
      <p class="project-meta">
        <RoleBadge role={props.project.role} prefix="Your role:" />
        <MirrorBadge project={props.project} />
        <UnsyncedBadge entityKey={`project:${props.project.id}`} />
        <span>{countLabel(props.project.memberCount, 'member')}</span>
        <span>Created {formatDate(props.project.createdAt)}</span>
      </p>
      {props.status}
    </header>
  );
}

function EditProjectForm(props: { project: Project; onDone: () => void }) {
  const update = useUpdateProject();
  let nameInput: HTMLInputElement | HTMLTextAreaElement | undefined;
  const form = createForm({
    schema: updateProjectSchema,
    initial: { name: props.project.name, description: props.project.description },
    messages: {
      name: `Enter a name of 1 to ${PROJECT_NAME_MAX} characters.`,
      description: `Keep the description under ${PROJECT_DESCRIPTION_MAX} characters.`,
    },
    async submit(data) {
      // Send only what changed: a no-op save should not bump the row's version.
      const patch = {
        ...(data.name !== props.project.name ? { name: data.name } : {}),
        ...(data.description !== props.project.description
          ? { description: data.description }
          : {}),
      };
      if (Object.keys(patch).length > 0) {
        await update.mutateAsync({ projectId: props.project.id, patch });
      }
      props.onDone();
    },
  });
  onMount(() => nameInput?.focus());

  return (
    <form
      ref={form.ref}
      class="card edit-project"
      aria-label="Edit project details"
      onSubmit={form.onSubmit}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !form.pending()) {
          e.preventDefault();
          props.onDone();
        }
      }}
      novalidate
    >
      <Show when={form.serverError()}>{(error) => <ErrorAlert error={error()} />}</Show>
      <TextField
        label="Project name"
        name="name"
        required
        maxLength={PROJECT_NAME_MAX}
        ref={(el) => (nameInput = el)}
        value={form.values().name}
        onValue={(v) => form.set('name', v)}
        error={form.errors().name}
      />
      <TextField
        label="Description"
        name="description"
        multiline
        maxLength={PROJECT_DESCRIPTION_MAX}
        value={form.values().description}
        onValue={(v) => form.set('description', v)}
        error={form.errors().description}
      />
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={form.pending()}>
          {form.pending() ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          class="button"
          disabled={form.pending()}
          onClick={() => props.onDone()}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
