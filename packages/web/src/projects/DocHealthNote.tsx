import { Show } from 'solid-js';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import { docProblemCount, docProblemsNote } from '@corates/shared/doc';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import './doc-health.css';

/**
 * Document health, for owners: entries of the project document that another client wrote with the
 * wrong types are left out of every list, the summary and the export (the same tolerant reader on
 * both sides counts them); this says how many, so they are not lost silently.
 */
export function DocHealthNote(props: { handle: ProjectDocHandle }) {
  const problems = createDocValue(props.handle.doc, docProblemCount);
  return (
    <Show when={problems() > 0}>
      <p class="doc-health" role="status" data-testid="doc-health">
        {docProblemsNote(problems())}: another client wrote them in a shape this version does not
        read. They are left out of the lists, the summary and the CSV export; everything else is
        unaffected.
      </p>
    </Show>
  );
}
