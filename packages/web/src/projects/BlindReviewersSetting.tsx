import { Show, createSignal } from 'solid-js';
import type { Project } from '@corates/shared';
import { readBlindReviewers, setBlindReviewers } from '@corates/shared/doc';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady } from '../sync/doc/use-project-doc.ts';
import { BLINDING_EXPLANATION, blindingChanged, blindingState } from './blinding-text.ts';

/**
 * The project's "blind reviewers" setting (issue 15): an owner switches it; every other member
 * sees its state. The relay enforces it (it withholds checklist documents) and refuses the
 * setting's change from anyone but an owner, so this switch is only the owner's way to make it.
 */
export function BlindReviewersSetting(props: { project: Project; handle: ProjectDocHandle }) {
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const on = createDocValue(doc, readBlindReviewers);
  const isOwner = () => props.project.role === 'owner';
  const [status, setStatus] = createSignal('');

  return (
    <section class="blinding" aria-labelledby="blinding-heading" data-testid="blinding-setting">
      <h2 id="blinding-heading">Blind reviewers</h2>
      <Show when={ready()}>
        <Show
          when={isOwner()}
          fallback={
            <p data-testid="blinding-state" data-blinded={String(on())}>
              {blindingState(on())}
            </p>
          }
        >
          <div class="field-check">
            <label>
              <input
                type="checkbox"
                data-testid="blinding-toggle"
                checked={on()}
                aria-describedby="blinding-explanation"
                onChange={(e) => {
                  const next = e.currentTarget.checked;
                  setBlindReviewers(doc, next);
                  setStatus(blindingChanged(next));
                }}
              />
              Blind reviewers to each other until both are done
            </label>
          </div>
          <p class="muted" data-testid="blinding-state" data-blinded={String(on())}>
            {blindingState(on())}
          </p>
        </Show>
      </Show>
      <p class="muted" id="blinding-explanation">
        {BLINDING_EXPLANATION}
      </p>
      <p class="form-status" role="status">
        {status()}
      </p>
    </section>
  );
}
