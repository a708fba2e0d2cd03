import { For, Show, createMemo } from 'solid-js';
import { studyStatusSchema } from '@corates/shared';
import { readChecklists, readOutcomes, readStudies } from '@corates/shared/doc';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady } from '../sync/doc/use-project-doc.ts';
import { Loading } from '../ui/PageStatus.tsx';
import { STUDY_STATUS_LABEL } from '../studies/study-row.ts';
import { projectOverview } from './project-overview.ts';

/** The project's progress: studies by status, and by tool and outcome. */
export function ProjectOverview(props: { handle: ProjectDocHandle }) {
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const studies = createDocValue(doc, readStudies);
  const checklists = createDocValue(doc, (d) => readChecklists(d));
  const outcomes = createDocValue(doc, readOutcomes);
  const overview = createMemo(() => projectOverview(studies(), checklists(), outcomes()));
  const statuses = studyStatusSchema.options;

  return (
    <section class="overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">Overview</h2>
      <Show when={ready()} fallback={<Loading label="Loading progress…" />}>
        <h3>Studies by status</h3>
        <div class="overview-scroll">
          <table class="data-table" data-testid="overview-status">
            <thead>
              <tr>
                <For each={statuses}>{(s) => <th scope="col">{STUDY_STATUS_LABEL[s]}</th>}</For>
                <th scope="col">All</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <For each={statuses}>{(s) => <td>{overview().byStatus[s]}</td>}</For>
                <td>{overview().studies}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <h3>By tool and outcome</h3>
        <Show
          when={overview().byAppraisal.length > 0}
          fallback={<p class="muted">No appraisal has been started yet.</p>}
        >
          <div class="overview-scroll">
            <table class="data-table" data-testid="overview-appraisals">
              <thead>
                <tr>
                  <th scope="col">Appraisal</th>
                  <For each={statuses}>{(s) => <th scope="col">{STUDY_STATUS_LABEL[s]}</th>}</For>
                  <th scope="col">Studies</th>
                </tr>
              </thead>
              <tbody>
                <For each={overview().byAppraisal}>
                  {(row) => (
                    <tr>
                      <th scope="row">{row.title}</th>
                      <For each={statuses}>{(s) => <td>{row.counts[s]}</td>}</For>
                      <td>{row.total}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
    </section>
  );
}
