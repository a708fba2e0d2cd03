import { Show } from 'solid-js';
import { useUnsyncedRows } from './metadata/use-metadata.ts';

/** "Not synced yet" (or "Sync failed") next to a row changed offline, until the server confirms. */
export function UnsyncedBadge(props: { entityKey: string }) {
  const rows = useUnsyncedRows();
  const state = () => rows().get(props.entityKey);
  return (
    <Show when={state()}>
      {(s) => (
        <span
          class={`badge ${s() === 'failed' ? 'badge-failed' : 'badge-pending'}`}
          data-testid="unsynced-badge"
          title={
            s() === 'failed'
              ? 'The server refused this change: see the sync panel'
              : 'Saved on this device; it reaches the server when you are online'
          }
        >
          {s() === 'failed' ? 'Sync failed' : 'Not synced yet'}
        </span>
      )}
    </Show>
  );
}
