import { Show, createSignal } from 'solid-js';
import type * as Y from 'yjs';
import { createForm } from '../forms/create-form.ts';
import { addStudy } from '@corates/shared/doc';
import { TextField } from '../ui/TextField.tsx';
import { StudyDesignSelect } from './StudyDesignSelect.tsx';
import { EMPTY_STUDY_FORM, STUDY_FORM_MESSAGES, studyFormSchema } from './study-form.ts';

/**
 * Adds a study to the project document. The write is local (and reaches the others through the
 * document), so it works offline and cannot fail the way a request can.
 */
export function AddStudyForm(props: { doc: Y.Doc; userId: string }) {
  const [added, setAdded] = createSignal<string>();
  let titleInput: HTMLInputElement | HTMLTextAreaElement | undefined;
  const form = createForm({
    schema: studyFormSchema,
    initial: EMPTY_STUDY_FORM,
    messages: STUDY_FORM_MESSAGES,
    async submit(fields) {
      addStudy(props.doc, fields, props.userId);
      form.reset();
      setAdded(fields.title);
      titleInput?.focus();
    },
  });
  const field = (name: keyof typeof EMPTY_STUDY_FORM) => ({
    name,
    value: form.values()[name],
    error: form.errors()[name],
    onValue: (v: string) => {
      form.set(name, v);
      setAdded(undefined);
    },
  });

  return (
    <form
      ref={form.ref}
      class="card add-study"
      aria-labelledby="add-study-heading"
      onSubmit={form.onSubmit}
      novalidate
    >
      <h3 id="add-study-heading">Add a study</h3>
      <div class="add-study-fields">
        <TextField
          {...field('title')}
          label="Title"
          required
          class="add-study-title"
          testId="add-study-title"
          ref={(el) => (titleInput = el)}
        />
        <TextField {...field('authors')} label="Authors" hint="For example: Lee J, Patel R" />
        <TextField {...field('journal')} label="Journal" />
        <TextField {...field('year')} label="Year" hint="Optional" />
        <TextField {...field('doi')} label="DOI" hint="Optional, like 10.1136/bmj.j4008" />
        <StudyDesignSelect
          {...field('design')}
          hint="Decides which appraisal tool is offered first"
          testId="add-study-design"
        />
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary" data-testid="add-study-submit">
          Add study
        </button>
        <p class="form-status" role="status">
          <Show when={added()}>{(title) => `Added “${title()}”.`}</Show>
        </p>
      </div>
    </form>
  );
}
