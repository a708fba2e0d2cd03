import { createMemo } from 'solid-js';
import { useSession } from '../session/SessionProvider.tsx';
import { ConnectionStatus, type DocStatusSource } from './ConnectionStatus.tsx';
import { PresenceList } from './PresenceList.tsx';
import { RevokedNotice } from './RevokedNotice.tsx';
import { SyncStatusLine } from './SyncStatusLine.tsx';
import { presenceColor } from './doc/presence.ts';
import type { ChecklistDocHandle } from './doc/checklist-doc-provider.ts';
import { combinedConnection } from './doc/connection-state.ts';
import type { ProjectDocHandle } from './doc/project-doc-provider.ts';
import { usePresence } from './doc/use-presence.ts';
import { useSyncState } from './use-sync-summary.ts';
import './presence.css';

/**
 * The collaboration strip of a project page: connection state, the app's one sync status (the
 * same line as the strip under the header, opening its details), who else is here (in the
 * project, or with `checklistId` on this checklist), and the blocking notice when access is
 * revoked. With `content` (the checklist's own document), the connection and any upload shown
 * are of both documents together (a withheld checklist document has nothing to send).
 */
export function CollabStatus(props: {
  handle: ProjectDocHandle;
  checklistId?: string;
  content?: ChecklistDocHandle | undefined;
}) {
  const session = useSession();
  const local = createMemo(() => {
    const user = session.user();
    const id = user?.id ?? '';
    return {
      user: { id, name: user?.name ?? '', color: presenceColor(id) },
      ...(props.checklistId ? { checklistId: props.checklistId } : {}),
    };
  });
  const peers = usePresence(props.handle, local);
  const sync = useSyncState();
  const status: DocStatusSource = {
    connection: () => {
      const content = props.content;
      const project = props.handle.connection();
      return content && !content.withheld()
        ? combinedConnection(project, content.connection())
        : project;
    },
    upload: () => props.content?.upload() ?? props.handle.upload(),
    uploadError: () => props.content?.uploadError() ?? props.handle.uploadError(),
  };
  const shown = () => {
    const checklistId = props.checklistId;
    return checklistId ? peers().filter((p) => p.checklistIds.includes(checklistId)) : peers();
  };

  return (
    <div class="collab-status">
      <div class="collab-sync" data-testid="collab-sync">
        <ConnectionStatus handle={status} />
        <SyncStatusLine state={sync} withDetails />
      </div>
      <PresenceList
        peers={shown()}
        label={props.checklistId ? 'Also viewing this checklist:' : 'Also in this project now:'}
        empty={
          props.checklistId
            ? 'No one else is viewing this checklist.'
            : 'No one else is in this project right now.'
        }
      />
      <RevokedNotice revoked={props.handle.connection() === 'revoked'} />
    </div>
  );
}
