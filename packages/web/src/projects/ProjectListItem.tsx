import { A } from '@solidjs/router';
import { Show, createSignal } from 'solid-js';
import { type Project, canEditProject } from '@corates/shared';
import { UnsyncedBadge } from '../sync/UnsyncedBadge.tsx';
import { RoleBadge } from '../ui/RoleBadge.tsx';
import { countLabel, formatDate, formatDateTime } from '../ui/format.ts';
import { InlineRename } from './InlineRename.tsx';
import { MirrorBadge } from './MirrorBadge.tsx';

export interface ProjectListItemProps {
  project: Project;
  onDelete: (project: Project, trigger: HTMLButtonElement) => void;
}

/** One project in "My projects": what it is, your role, and what you may do to it. */
export function ProjectListItem(props: ProjectListItemProps) {
  const [renaming, setRenaming] = createSignal(false);
  let renameButton: HTMLButtonElement | undefined;
  const canEdit = () => canEditProject(props.project);
  // A mirror is removed by unsubscribing on the admin page, not deleted here.
  const isOwner = () => props.project.role === 'owner' && !props.project.mirror;

  const stopRenaming = () => {
    setRenaming(false);
    // Back to where the keyboard user was before the form replaced the title.
    renameButton?.focus();
  };

  return (
    <li class="project-item" data-testid="project-item">
      <div class="project-item-main">
        <Show
          when={renaming()}
          fallback={
            <h3 class="project-name">
              <A href={`/projects/${props.project.id}`}>{props.project.name}</A>
            </h3>
          }
        >
          <InlineRename project={props.project} onDone={stopRenaming} />
        </Show>
        <Show when={props.project.description}>
          <p class="project-description">{props.project.description}</p>
        </Show>
        <p class="project-meta">
          <RoleBadge role={props.project.role} prefix="Your role:" />
          <MirrorBadge project={props.project} />
          <UnsyncedBadge entityKey={`project:${props.project.id}`} />
          <span>{countLabel(props.project.memberCount, 'member')}</span>
          <span>
            Updated{' '}
            <time
              datetime={props.project.updatedAt}
              title={formatDateTime(props.project.updatedAt)}
            >
              {formatDate(props.project.updatedAt)}
            </time>
          </span>
        </p>
      </div>
      <Show when={!renaming() && (canEdit() || isOwner())}>
        <div class="project-item-actions">
          <Show when={canEdit()}>
            <button
              ref={(el) => (renameButton = el)}
              type="button"
              class="button button-small"
              aria-label={`Rename ${props.project.name}`}
              onClick={() => setRenaming(true)}
            >
              Rename
            </button>
          </Show>
          <Show when={isOwner()}>
            <button
              type="button"
              class="button button-small button-danger-quiet"
              aria-label={`Delete ${props.project.name}`}
              onClick={(e) => props.onDelete(props.project, e.currentTarget)}
            >
              Delete
            </button>
          </Show>
        </div>
      </Show>
    </li>
  );
}
