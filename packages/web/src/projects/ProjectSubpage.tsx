import { A, useParams } from '@solidjs/router';
import { Match, Switch, type JSX } from 'solid-js';
import type { Project } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { useProject } from './use-projects.ts';

/**
 * A page about one project reached from its page (`/projects/:projectId/...`): the breadcrumb
 * back to the project, the tab title "<title>: <project>", and the not-found, error and loading
 * states, around `children` once the project is loaded.
 */
export function ProjectSubpage(props: {
  title: string;
  loadingLabel: string;
  children: (project: Project) => JSX.Element;
}) {
  const params = useParams<{ projectId: string }>();
  const project = useProject(() => params.projectId);
  const notFound = () => project.error instanceof ApiError && project.error.code === 'NOT_FOUND';
  useDocumentTitle(() => `${props.title}: ${project.data?.name ?? 'project'}`);
  return (
    <div class="page">
      <nav aria-label="Breadcrumb">
        <A href={`/projects/${encodeURIComponent(params.projectId)}`} class="back-link">
          <span aria-hidden="true">← </span>
          {project.data?.name ?? 'Project'}
        </A>
      </nav>
      <Switch>
        <Match when={project.data}>{(data) => props.children(data())}</Match>
        <Match when={notFound()}>
          <h1>Project not found</h1>
          <p>This project does not exist, or you are not a member of it.</p>
        </Match>
        <Match when={project.isError}>
          <h1>{props.title}</h1>
          <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
        </Match>
        <Match when={project.isPending}>
          <Loading label={props.loadingLabel} />
        </Match>
      </Switch>
    </div>
  );
}
