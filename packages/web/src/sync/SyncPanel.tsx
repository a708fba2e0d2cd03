import { A } from '@solidjs/router';
import { For, Show, createSignal } from 'solid-js';
import type { SyncedTable } from './offline/index.ts';
import { SYNCED_TABLES } from './offline/index.ts';
import { describeOp } from './metadata/describe-op.ts';
import { headline } from './sync-headline.ts';
import { useSyncEngine } from './metadata/MetadataSyncProvider.tsx';
import { useSyncStatus } from './metadata/use-metadata.ts';
import { formatDateTime } from '../ui/format.ts';
import './sync-panel.css';

const TABLE_LABEL: Record<SyncedTable, string> = {
  projects: 'Projects',
  memberships: 'Members',
  settings: 'Settings',
};

/**
 * The state of offline metadata sync: waiting, in-flight and refused changes, when each table was
 * last synced (and whether that may be stale), with retry and discard for refused changes.
 * Every tab shows the same, since it is read live from the shared IndexedDB cache.
 */
export function SyncPanel() {
  const engine = useSyncEngine();
  const status = useSyncStatus();
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
            class="sync-panel-details"
            data-testid="sync-panel"
            data-attention={String(s().failed > 0 || s().loop?.phase === 'paused-auth')}
            open={s().failed > 0}
          >
            <summary data-testid="sync-headline">{headline(s())}</summary>
            <div class="sync-panel-body">
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
