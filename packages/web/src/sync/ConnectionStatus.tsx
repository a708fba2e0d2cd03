import type { ProjectDocHandle } from './doc/project-doc-provider.ts';
import { connectionLabel } from './connection-label.ts';

/** The document's connection state in words, with a coloured dot that is not the only cue. */
export function ConnectionStatus(props: { handle: ProjectDocHandle }) {
  return (
    <p
      class={`connection connection-${props.handle.connection()}`}
      data-testid="connection-status"
      data-state={props.handle.connection()}
      role="status"
    >
      <span class="connection-dot" aria-hidden="true" />
      {connectionLabel(props.handle.connection(), props.handle.pending())}
    </p>
  );
}
