import { For, Show } from 'solid-js';
import { type PresencePeer, initials } from './doc/presence.ts';

/** Avatars and names of the other people present. */
export function PresenceList(props: { peers: PresencePeer[]; label: string; empty: string }) {
  return (
    <div class="presence" data-testid="presence-list">
      <Show when={props.peers.length > 0} fallback={<p class="presence-empty">{props.empty}</p>}>
        <span class="presence-label">{props.label}</span>
        <ul class="presence-people">
          <For each={props.peers}>
            {(peer) => (
              <li class="presence-person" data-user-id={peer.user.id}>
                <span
                  class="avatar"
                  style={{ 'background-color': peer.user.color }}
                  aria-hidden="true"
                >
                  {initials(peer.user.name)}
                </span>
                <span class="presence-name">{peer.user.name}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
