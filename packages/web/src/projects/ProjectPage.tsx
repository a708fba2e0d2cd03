import { A, useParams } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import type { Project } from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { StudiesSection } from '../studies/StudiesSection.tsx';
import { CollabStatus } from '../sync/CollabStatus.tsx';
import { useChecklistBackgroundSync } from '../sync/doc/background-sync.ts';
import { useProjectDoc } from '../sync/doc/use-project-doc.ts';
import { SharesSection } from '../federation/SharesSection.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { TrashNotices } from '../trash/TrashNotices.tsx';
import { TrashSection } from '../trash/TrashSection.tsx';
import { BlindReviewersSetting } from './BlindReviewersSetting.tsx';
import { DocHealthNote } from './DocHealthNote.tsx';
import { MembersSection } from './MembersSection.tsx';
import { OutcomesSection } from './OutcomesSection.tsx';
import { ProjectDetails } from './ProjectDetails.tsx';
import { ProjectOverview } from './ProjectOverview.tsx';
import { PROJECT_TABS, type ProjectTab, projectTab } from './project-tabs.ts';
import { useProject } from './use-projects.ts';
import './project-page.css';

/**
 * One project: its details, then one tab — the studies (all, my to-do, ready to reconcile,
 * completed; live from the project document), the overview, the members or the settings.
 */
export function ProjectPage() {
  const params = useParams<{ projectId: string; tab?: string }>();
  const project = useProject(() => params.projectId);
  const tab = () => projectTab(params.tab);
  // Non-members get 404 too, by design: the API does not reveal that a project exists.
  const notFound = () => project.error instanceof ApiError && project.error.code === 'NOT_FOUND';
  useDocumentTitle(() => {
    const name = project.data?.name ?? (notFound() ? 'Project not found' : 'Project');
    return tab().path === '' ? name : `${tab().label}: ${name}`;
  });

  return (
    <div class="page">
      <nav aria-label="Breadcrumb">
        <A href="/" class="back-link">
          <span aria-hidden="true">← </span>My projects
        </A>
      </nav>
      <Switch>
        <Match when={project.data}>
          {(data) => <ProjectWorkspace project={data()} tab={tab()} />}
        </Match>
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
function ProjectWorkspace(props: { project: Project; tab: ProjectTab }) {
  const handle = useProjectDoc(() => props.project.id);
  // The checklists assigned to me stay synced into IndexedDB while the project is open.
  useChecklistBackgroundSync(
    handle,
    () => props.project.id,
    () => props.project.role,
  );
  const base = () => `/projects/${encodeURIComponent(props.project.id)}`;
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
        <A href={`${base()}/results`} data-testid="results-link">
          Results: judgements table and CSV export
        </A>
        {' · '}
        <A href={`${base()}/agreement`} data-testid="agreement-link">
          Agreement between reviewers (κ)
        </A>
      </p>
      <Show when={props.project.role === 'owner' && handle()} keyed>
        {(h) => <DocHealthNote handle={h} />}
      </Show>
      <Show when={handle()} keyed>
        {(h) => <TrashNotices project={props.project} handle={h} />}
      </Show>
      <nav class="project-tabs" aria-label="Project">
        <ul>
          <For each={PROJECT_TABS}>
            {(t) => (
              <li>
                <A
                  href={t.path ? `${base()}/${t.path}` : base()}
                  end
                  data-testid={`project-tab-${t.path || 'studies'}`}
                >
                  {t.label}
                </A>
              </li>
            )}
          </For>
        </ul>
      </nav>
      <Switch>
        <Match when={props.tab.path === 'members'}>
          <MembersSection project={props.project} />
        </Match>
        <Match when={handle()} keyed>
          {(h) => (
            <Switch>
              <Match when={props.tab.view} keyed>
                {(view) => <StudiesSection project={props.project} handle={h} view={view} />}
              </Match>
              <Match when={props.tab.path === 'overview'}>
                <ProjectOverview handle={h} />
              </Match>
              <Match when={props.tab.path === 'settings'}>
                <BlindReviewersSetting project={props.project} handle={h} />
                <OutcomesSection project={props.project} handle={h} />
                <TrashSection project={props.project} handle={h} />
                <SharesSection project={props.project} handle={h} />
              </Match>
            </Switch>
          )}
        </Match>
      </Switch>
    </>
  );
}
