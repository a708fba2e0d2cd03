import { A, useParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { Project } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { StudiesSection } from '../studies/StudiesSection.tsx';
import { CollabStatus } from '../sync/CollabStatus.tsx';
import { useProjectDoc } from '../sync/doc/use-project-doc.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { DocHealthNote } from './DocHealthNote.tsx';
import { MembersSection } from './MembersSection.tsx';
import { OutcomesSection } from './OutcomesSection.tsx';
import { ProjectDetails } from './ProjectDetails.tsx';
import { useProject } from './use-projects.ts';

/** One project: its details, its studies (live from the project document) and its members. */
export function ProjectPage() {
  const params = useParams<{ projectId: string }>();
  const project = useProject(() => params.projectId);
  // Non-members get 404 too, by design: the API does not reveal that a project exists.
  const notFound = () => project.error instanceof ApiError && project.error.code === 'NOT_FOUND';
  useDocumentTitle(() => project.data?.name ?? (notFound() ? 'Project not found' : 'Project'));

  return (
    <div class="page">
      <nav aria-label="Breadcrumb">
        <A href="/" class="back-link">
          <span aria-hidden="true">← </span>My projects
        </A>
      </nav>
      <Switch>
        <Match when={project.data}>{(data) => <ProjectWorkspace project={data()} />}</Match>
        <Match when={notFound()}>
          <h1>Project not found</h1>
          <p>This project does not exist, or you are not a member of it.</p>
        </Match>
        <Match when={project.isError}>
          <h1>Project</h1>
          <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
        </Match>
        <Match when={project.isPending}>
          <Loading label="Loading project…" />
        </Match>
      </Switch>
    </div>
  );
}

/** A project the user is a member of; only then is its document opened. */
function ProjectWorkspace(props: { project: Project }) {
  const handle = useProjectDoc(() => props.project.id);
  return (
    <>
      <ProjectDetails
        project={props.project}
        status={
          <Show when={handle()} keyed>
            {(h) => <CollabStatus handle={h} />}
          </Show>
        }
      />
      <p>
        <A
          href={`/projects/${encodeURIComponent(props.project.id)}/results`}
          data-testid="results-link"
        >
          Results: judgements table and CSV export
        </A>
        {' · '}
        <A
          href={`/projects/${encodeURIComponent(props.project.id)}/agreement`}
          data-testid="agreement-link"
        >
          Agreement between reviewers (κ)
        </A>
      </p>
      <Show when={props.project.role === 'owner' && handle()} keyed>
        {(h) => <DocHealthNote handle={h} />}
      </Show>
      <Show when={handle()} keyed>
        {(h) => <OutcomesSection project={props.project} handle={h} />}
      </Show>
      <Show when={handle()} keyed>
        {(h) => <StudiesSection project={props.project} handle={h} />}
      </Show>
      <MembersSection project={props.project} />
    </>
  );
}
