import { Show } from 'solid-js';
import type { Project } from '@corates/shared';

/** "From <origin> · read-only" on a mirror of another server's share (docs/federation.md). */
export function MirrorBadge(props: { project: Pick<Project, 'mirror'> }) {
  return (
    <Show when={props.project.mirror}>
      {(mirror) => (
        <span class="badge badge-mirror" data-testid="mirror-badge">
          From {mirrorHost(mirror().origin)} · read-only
        </span>
      )}
    </Show>
  );
}

/** The origin's host, or the origin as given when it does not parse. */
function mirrorHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
