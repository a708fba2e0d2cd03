import { A } from '@solidjs/router';
import { For, Show, createSignal } from 'solid-js';
import type { SyncedTable } from './offline/index.ts';
import { SYNCED_TABLES } from './offline/index.ts';
import { describeOp } from './metadata/describe-op.ts';
import { useSyncEngine } from './metadata/MetadataSyncProvider.tsx';
import { useCachedProjects } from './metadata/use-metadata.ts';
import { SYNC_PANEL_ID, SyncStatusLine, panelOpen, setPanelOpen } from './SyncStatusLine.tsx';
import { useSyncState } from './use-sync-summary.ts';
import { formatDateTime } from '../ui/format.ts';
import './sync-panel.css';

const TABLE_LABEL: Record<SyncedTable, string> = {
  projects: 'Projects',
  memberships: 'Members',
  settings: 'Settings',
};

/**
 * The strip under the header: the app's one sync status line, and, opened, each change not yet on
 * the server (document edits by project and entity, queued metadata changes), the queue's counts,
 * when each table was last synced (and whether that may be stale), with retry and discard for
 * refused changes. Every tab shows the same, since it is read from the shared IndexedDB cache and
 * localStorage.
 */
export function SyncPanel() {
  const engine = useSyncEngine();
  const state = useSyncState();
  const status = () => state().metadata;
  const projects = useCachedProjects();
  const projectName = (id: string) =>
    projects.data()?.find((p) => p.id === id)?.name ?? 'A project';
  const [busy, setBusy] = createSignal(false);
  const run = async (action: () => Promise<void> | undefined) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={status()}>
      {(s) => (
        <div class="sync-panel">
          <A href="/settings" class="sync-settings-link">
            Settings
          </A>
          <details
            id={SYNC_PANEL_ID}
            class="sync-panel-details"
            data-testid="sync-panel"
            data-attention={String(state().summary.attention)}
            open={panelOpen() || s().failed > 0}
            onToggle={(e) => setPanelOpen(e.currentTarget.open)}
          >
            <summary data-testid="sync-headline">
              <SyncStatusLine state={state} />
            </summary>
            <div class="sync-panel-body">
              <Show when={state().docChanges.size > 0 || state().waitingOps.length > 0}>
                <div data-testid="sync-unsent">
                  <h2 class="sync-panel-heading">Not yet on the server</h2>
                  <For each={[...state().docChanges]}>
                    {([projectId, changes]) => (
                      <section>
                        <h3 class="sync-panel-subheading">{projectName(projectId)}</h3>
                        <ul class="sync-unsent-list">
                          <For each={changes}>
                            {(c) => <li data-testid="sync-unsent-change">{c.label}</li>}
                          </For>
                        </ul>
                      </section>
                    )}
                  </For>
                  <Show when={state().waitingOps.length > 0}>
                    <h3 class="sync-panel-subheading">Projects, members and settings</h3>
                    <ul class="sync-unsent-list">
                      <For each={state().waitingOps}>
                        {(op) => <li data-testid="sync-waiting-op">{describeOp(op)}</li>}
                      </For>
                    </ul>
                  </Show>
                </div>
              </Show>
              <dl>
                <dt>Waiting</dt>
                <dd data-testid="sync-pending">{s().pending}</dd>
                <dt>Syncing</dt>
                <dd data-testid="sync-syncing">{s().syncing}</dd>
                <dt>Failed</dt>
                <dd data-testid="sync-failed">{s().failed}</dd>
                <For each={SYNCED_TABLES}>
                  {(table) => (
                    <>
                      <dt>{TABLE_LABEL[table]} last synced</dt>
                      <dd data-testid={`last-synced-${table}`}>
                        {s().lastSyncedAt[table]
                          ? formatDateTime(s().lastSyncedAt[table]!)
                          : 'never'}
                        <Show when={s().stale.includes(table)}>
                          <span class="stale-note"> — may be stale</span>
                        </Show>
                      </dd>
                    </>
                  )}
                </For>
              </dl>
              <Show when={s().loop?.message}>{(message) => <p class="muted">{message()}</p>}</Show>
              <div>
                <button
                  type="button"
                  class="button button-small"
                  data-testid="sync-now"
                  disabled={busy() || !engine()}
                  onClick={() => void run(() => engine()?.flush())}
                >
                  Sync now
                </button>
              </div>
              <Show when={s().failedOps.length > 0}>
                <ul class="sync-failed-list" aria-label="Changes the server refused">
                  <For each={s().failedOps}>
                    {(op) => (
                      <li data-testid="sync-failed-op">
                        <span>{describeOp(op)}</span>
                        <span class="badge badge-failed">{op.error?.code ?? 'FAILED'}</span>
                        <span>{op.error?.message}</span>
                        <button
                          type="button"
                          class="button button-small"
                          disabled={busy()}
                          onClick={() => void run(() => engine()?.retry(op.id))}
                        >
                          Retry
                        </button>
                        <button
                          type="button"
                          class="button button-small button-danger-quiet"
                          disabled={busy()}
                          onClick={() => void run(() => engine()?.discard(op.id))}
                        >
                          Discard
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          </details>
        </div>
      )}
    </Show>
  );
}
