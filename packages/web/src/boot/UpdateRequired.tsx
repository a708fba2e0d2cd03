import { Match, Show, Switch, createResource, onMount } from 'solid-js';
import { APP_VERSION } from '../env.ts';
import { readRememberedUser } from '../session/remembered-user.ts';
import { openSyncDb, syncDbName } from '../sync/offline/index.ts';
import { applyUpdate, upgradePhase } from '../upgrade/upgrade-controller.ts';

/** Changes made on this device that the server has not confirmed; they survive the upgrade. */
async function countQueuedChanges(): Promise<number> {
  const user = readRememberedUser(localStorage);
  if (!user || typeof indexedDB === 'undefined') return 0;
  const db = openSyncDb(syncDbName(user.id), { indexedDB, IDBKeyRange });
  try {
    return await db.ops.count();
  } finally {
    db.close();
  }
}

/**
 * Full-screen and blocking: this build is older than the server accepts. The newer build is
 * fetched through the service worker and every open tab reloads into it; queued changes stay in
 * IndexedDB and the new build sends them.
 */
export function UpdateRequired(props: { minSupportedClient?: string | undefined }) {
  let actionButton: HTMLButtonElement | undefined;
  const [queued] = createResource(countQueuedChanges);
  onMount(() => {
    document.title = 'Update required · CoRATES';
    actionButton?.focus();
  });
  return (
    <main
      class="update-required"
      data-testid="update-required"
      aria-labelledby="update-required-title"
    >
      <div class="card update-required-card">
        <h1 id="update-required-title">Update required</h1>
        <p>
          This version of CoRATES ({APP_VERSION}) is no longer supported
          <Show when={props.minSupportedClient}>
            {(min) => <> (the server needs {min()} or newer)</>}
          </Show>
          .
        </p>
        <Show when={(queued() ?? 0) > 0}>
          <p data-testid="queued-kept">
            {queued() === 1
              ? '1 change made on this device is'
              : `${queued()} changes made on this device are`}{' '}
            kept and will be sent by the new version.
          </p>
        </Show>
        <p role="status" data-testid="upgrade-status">
          <Switch fallback="Getting the new version…">
            <Match when={upgradePhase() === 'downloading'}>Downloading the new version…</Match>
            <Match when={upgradePhase() === 'activating'}>Starting the new version…</Match>
            <Match when={upgradePhase() === 'unpublished'}>
              The new version is not available yet. Trying again shortly.
            </Match>
          </Switch>
        </p>
        <button
          ref={(el) => (actionButton = el)}
          type="button"
          class="button button-primary"
          onClick={() =>
            'serviceWorker' in navigator && navigator.serviceWorker.controller
              ? applyUpdate()
              : window.location.reload()
          }
        >
          Update now
        </button>
      </div>
    </main>
  );
}
