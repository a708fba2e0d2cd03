import { type Accessor, createEffect, createSignal, onCleanup, untrack } from 'solid-js';
import { type PresencePeer, type PresenceState, otherPeers } from './presence.ts';
import type { ProjectDocHandle } from './project-doc-provider.ts';

const samePeers = (a: PresencePeer[], b: PresencePeer[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Announces who we are (and which checklist we have open) to everyone in the project, and returns
 * the other people present, one entry per user (see `otherPeers`).
 *
 * The local state is not cleared on cleanup: the next page sets its own, and when the document is
 * released the provider removes our state for everyone.
 */
export function usePresence(
  handle: ProjectDocHandle,
  local: Accessor<PresenceState>,
): Accessor<PresencePeer[]> {
  const awareness = handle.awareness;
  const [peers, setPeers] = createSignal<PresencePeer[]>([], { equals: samePeers });
  const refresh = () =>
    setPeers(
      otherPeers(awareness.getStates(), {
        clientId: awareness.clientID,
        userId: untrack(local).user.id,
      }),
    );
  createEffect(() => {
    awareness.setLocalState(local());
    refresh();
  });
  awareness.on('change', refresh);
  onCleanup(() => awareness.off('change', refresh));
  return peers;
}
