import { For, Show, createSignal } from 'solid-js';
import { type Project, canEditProject, outcomeFieldsSchema } from '@corates/shared';
import { createForm } from '../forms/create-form.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import { addOutcome, checklistsOfOutcome, readOutcomes, removeOutcome } from '@corates/shared/doc';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady } from '../sync/doc/use-project-doc.ts';
import { TextField } from '../ui/TextField.tsx';
import '../checklists/appraisal.css';

/**
 * The project's outcomes: ROBINS-I and RoB 2 assess one result of a study, so each such appraisal
 * names one of these. Kept in the project document, so they are added offline too.
 */
export function OutcomesSection(props: { project: Project; handle: ProjectDocHandle }) {
  const session = useSession();
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const outcomes = createDocValue(doc, (d) =>
    readOutcomes(d).map((o) => ({ ...o, inUse: checklistsOfOutcome(d, o.id).length > 0 })),
  );
  const canEdit = () => canEditProject(props.project);
  const [status, setStatus] = createSignal('');
  let input: HTMLInputElement | HTMLTextAreaElement | undefined;

  const form = createForm({
    schema: outcomeFieldsSchema,
    initial: { name: '' },
    messages: { name: 'Enter a name of 1 to 300 characters.' },
    async submit(fields) {
      addOutcome(doc, fields, session.user()?.id ?? '');
      form.reset();
      setStatus(`Added outcome “${fields.name}”.`);
      input?.focus();
    },
  });

  return (
    <section class="outcomes" aria-labelledby="outcomes-heading">
      <h2 id="outcomes-heading">Outcomes</h2>
      <p class="muted">
        ROBINS-I and RoB 2 assess one result of a study: each of their appraisals is of one of these
        outcomes.
      </p>
      <Show when={ready()}>
        <Show when={outcomes().length > 0} fallback={<p class="empty-state">No outcomes yet.</p>}>
          <ul class="outcome-list" data-testid="outcome-list">
            <For each={outcomes()}>
              {(outcome) => (
                <li data-testid="outcome">
                  <span>{outcome.name}</span>
                  <Show when={canEdit() && !outcome.inUse}>
                    <button
                      type="button"
                      class="button button-small button-danger-quiet"
                      aria-label={`Remove outcome “${outcome.name}”`}
                      onClick={() => {
                        removeOutcome(doc, outcome.id);
                        setStatus(`Removed outcome “${outcome.name}”.`);
                        input?.focus();
                      }}
                    >
                      Remove
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <Show when={canEdit()}>
        <form
          ref={form.ref}
          class="inline-form"
          aria-label="Add an outcome"
          onSubmit={form.onSubmit}
          novalidate
        >
          <TextField
            name="name"
            label="New outcome"
            hint="For example: All-cause mortality at 12 months"
            value={form.values().name}
            error={form.errors().name}
            onValue={(v) => {
              form.set('name', v);
              setStatus('');
            }}
            testId="add-outcome-name"
            ref={(el) => (input = el)}
          />
          <button type="submit" class="button" data-testid="add-outcome-submit">
            Add outcome
          </button>
        </form>
      </Show>
      <p class="form-status" role="status">
        {status()}
      </p>
    </section>
  );
}
