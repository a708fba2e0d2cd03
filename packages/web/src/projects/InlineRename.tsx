import { Show, onMount } from 'solid-js';
import { PROJECT_NAME_MAX, type Project, updateProjectSchema } from '@corates/shared';
import { createForm } from '../forms/create-form.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useUpdateProject } from './use-projects.ts';

/** Renames a project in place; Escape or Cancel leaves it unchanged. */
export function InlineRename(props: { project: Project; onDone: () => void }) {
  const update = useUpdateProject();
  let input: HTMLInputElement | HTMLTextAreaElement | undefined;
  const form = createForm({
    schema: updateProjectSchema,
    initial: { name: props.project.name },
    messages: { name: `Enter a name of 1 to ${PROJECT_NAME_MAX} characters.` },
    async submit(data) {
      if (data.name !== props.project.name) {
        await update.mutateAsync({ projectId: props.project.id, patch: data });
      }
      props.onDone();
    },
  });
  onMount(() => {
    input?.focus();
    input?.select();
  });

  return (
    <form
      ref={form.ref}
      class="inline-rename"
      onSubmit={form.onSubmit}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !form.pending()) {
          e.preventDefault();
          props.onDone();
        }
      }}
      novalidate
    >
      <TextField
        label={`New name for “${props.project.name}”`}
        class="field-compact"
        name="name"
        required
        maxLength={PROJECT_NAME_MAX}
        ref={(el) => (input = el)}
        value={form.values().name}
        onValue={(v) => form.set('name', v)}
        error={form.errors().name}
      />
      <div class="inline-actions">
        <button type="submit" class="button button-primary button-small" disabled={form.pending()}>
          {form.pending() ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          class="button button-small"
          disabled={form.pending()}
          onClick={() => props.onDone()}
        >
          Cancel
        </button>
      </div>
      <Show when={form.serverError()}>{(error) => <ErrorAlert error={error()} />}</Show>
    </form>
  );
}
