import { A } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import {
  PROJECT_DESCRIPTION_MAX,
  PROJECT_NAME_MAX,
  type Project,
  createProjectSchema,
} from '@corates/shared';
import { createForm } from '../forms/create-form.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useCreateProject } from './use-projects.ts';

const MESSAGES = {
  name: `Give the project a name (up to ${PROJECT_NAME_MAX} characters).`,
  description: `Keep the description under ${PROJECT_DESCRIPTION_MAX} characters.`,
};

/** Creates a project; the list shows it at the top as soon as the server confirms. */
export function NewProjectForm(props: {
  nameRef?: (input: HTMLInputElement | HTMLTextAreaElement) => void;
}) {
  const create = useCreateProject();
  const [created, setCreated] = createSignal<Project>();
  const form = createForm({
    schema: createProjectSchema,
    initial: { name: '', description: '' },
    messages: MESSAGES,
    async submit(data) {
      setCreated(undefined);
      const project = await create.mutateAsync({ name: data.name, description: data.description });
      form.reset();
      setCreated(project);
    },
  });

  return (
    <form
      ref={form.ref}
      class="card new-project"
      aria-labelledby="new-project-heading"
      onSubmit={form.onSubmit}
      novalidate
    >
      <h2 id="new-project-heading">New project</h2>
      <Show when={form.serverError()}>{(error) => <ErrorAlert error={error()} />}</Show>
      <div class="new-project-fields">
        <TextField
          label="Project name"
          name="name"
          required
          maxLength={PROJECT_NAME_MAX}
          testId="new-project-name"
          ref={props.nameRef}
          value={form.values().name}
          onValue={(v) => {
            form.set('name', v);
            setCreated(undefined);
          }}
          error={form.errors().name}
        />
        <TextField
          label="Description (optional)"
          name="description"
          multiline
          maxLength={PROJECT_DESCRIPTION_MAX}
          value={form.values().description}
          onValue={(v) => form.set('description', v)}
          error={form.errors().description}
        />
      </div>
      <div class="form-actions">
        <button
          type="submit"
          class="button button-primary"
          data-testid="create-project"
          disabled={form.pending()}
        >
          {form.pending() ? 'Creating…' : 'Create project'}
        </button>
        <p class="form-status" role="status">
          <Show when={created()}>
            {(project) => (
              <>
                Created <A href={`/projects/${project().id}`}>{project().name}</A>.
              </>
            )}
          </Show>
        </p>
      </div>
    </form>
  );
}
