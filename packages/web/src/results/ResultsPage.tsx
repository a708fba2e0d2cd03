import { A, useParams } from '@solidjs/router';
import { For, Match, Show, Switch, createMemo } from 'solid-js';
import type { Project } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { JudgementBadge } from '../checklists/JudgementBadge.tsx';
import { useProject } from '../projects/use-projects.ts';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import { readChecklists, readOutcomes, readStudies } from '../sync/doc/doc-model.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady, useProjectDoc } from '../sync/doc/use-project-doc.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { resultsTables } from './results-table.ts';

/** A project's finalized judgements: the traffic-light table per tool, and the CSV export. */
export function ResultsPage() {
  const params = useParams<{ projectId: string }>();
  const project = useProject(() => params.projectId);
  const notFound = () => project.error instanceof ApiError && project.error.code === 'NOT_FOUND';
  useDocumentTitle(() => `Results: ${project.data?.name ?? 'project'}`);
  return (
    <div class="page">
      <nav aria-label="Breadcrumb">
        <A href={`/projects/${encodeURIComponent(params.projectId)}`} class="back-link">
          <span aria-hidden="true">← </span>
          {project.data?.name ?? 'Project'}
        </A>
      </nav>
      <Switch>
        <Match when={project.data}>{(data) => <ResultsWorkspace project={data()} />}</Match>
        <Match when={notFound()}>
          <h1>Project not found</h1>
          <p>This project does not exist, or you are not a member of it.</p>
        </Match>
        <Match when={project.isError}>
          <h1>Results</h1>
          <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
        </Match>
        <Match when={project.isPending}>
          <Loading label="Loading results…" />
        </Match>
      </Switch>
    </div>
  );
}

function ResultsWorkspace(props: { project: Project }) {
  const handle = useProjectDoc(() => props.project.id);
  return (
    <>
      <h1>Results: {props.project.name}</h1>
      <p>
        <a
          class="button"
          href={`/api/projects/${encodeURIComponent(props.project.id)}/export.csv`}
          download=""
          data-testid="export-csv"
        >
          Download CSV
        </a>{' '}
        <span class="muted">
          Every finalized checklist’s answers, comments and judgements (the server’s copy, updated
          within seconds of a change).
        </span>
      </p>
      <Show when={handle()} keyed>
        {(h) => <ResultsTables handle={h} />}
      </Show>
    </>
  );
}

function ResultsTables(props: { handle: ProjectDocHandle }) {
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const studies = createDocValue(doc, readStudies);
  const outcomes = createDocValue(doc, readOutcomes);
  const checklists = createDocValue(doc, (d) => readChecklists(d));
  const tables = createMemo(() => resultsTables(studies(), outcomes(), checklists()));
  return (
    <Show when={ready()} fallback={<Loading label="Loading results…" />}>
      <Show
        when={tables().length > 0}
        fallback={<p class="empty-state">No finalized appraisals yet.</p>}
      >
        <For each={tables()}>
          {(table) => (
            <section aria-labelledby={`results-${table.type}`}>
              <h2 id={`results-${table.type}`}>{table.title}</h2>
              <div class="table-scroll">
                <table class="results-table" data-testid={`results-${table.type}`}>
                  <caption class="visually-hidden">
                    {table.title} judgements by study and domain
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Study</th>
                      <Show when={table.type !== 'AMSTAR2'}>
                        <th scope="col">Outcome</th>
                      </Show>
                      <For each={table.columns}>
                        {(c) => (
                          <th scope="col">
                            <abbr title={c.title}>{c.key}</abbr>
                          </th>
                        )}
                      </For>
                      <th scope="col">Overall</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={table.rows}>
                      {(row) => (
                        <tr data-testid="results-row">
                          <th scope="row">{row.studyTitle}</th>
                          <Show when={table.type !== 'AMSTAR2'}>
                            <td>{row.outcome}</td>
                          </Show>
                          <For each={table.columns}>
                            {(c) => (
                              <td data-column={c.key}>
                                <JudgementBadge
                                  type={table.type}
                                  judgement={row.domains[c.key]}
                                  fallback={
                                    row.applies.includes(c.key) ? 'Not assessed' : 'Not applicable'
                                  }
                                />
                              </td>
                            )}
                          </For>
                          <td data-column="overall">
                            <JudgementBadge type={table.type} judgement={row.overall} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </For>
      </Show>
    </Show>
  );
}
