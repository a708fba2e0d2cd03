import { type Accessor, createMemo, createSignal, onCleanup } from 'solid-js';
import { useSession } from '../session/SessionProvider.tsx';
import type { QueuedOp, SyncStatus } from './offline/index.ts';
import { createLiveQuery } from './metadata/create-live-query.ts';
import { useSyncEngine } from './metadata/MetadataSyncProvider.tsx';
import { useSyncStatus } from './metadata/use-metadata.ts';
import type { DocChange } from './doc-change.ts';
import { summarizeSync, type SyncSummary } from './sync-summary.ts';
import { anyDocOffline, useUnsentDocChanges } from './unsent-doc-store.ts';

export interface SyncState {
  summary: SyncSummary;
  metadata: SyncStatus | undefined;
  /** Metadata changes not yet applied by the server, oldest first. */
  waitingOps: QueuedOp[];
  /** Document edits not yet on the server, by project id. */
  docChanges: ReadonlyMap<string, readonly DocChange[]>;
}

function createBrowserOnline(): Accessor<boolean> {
  const [online, setOnline] = createSignal(navigator.onLine);
  const update = () => setOnline(navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onCleanup(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return online;
}

/** The app's one sync status (`summarizeSync`) and what it is made of, live. */
export function useSyncState(): Accessor<SyncState> {
  const session = useSession();
  const engine = useSyncEngine();
  const metadata = useSyncStatus();
  const { value: waiting } = createLiveQuery(engine, (e) =>
    e.db.ops
      .orderBy('seq')
      .filter((op) => op.status !== 'failed')
      .toArray(),
  );
  const docChanges = useUnsentDocChanges(() => session.user()?.id);
  const browserOnline = createBrowserOnline();
  return createMemo(() => {
    const m = metadata();
    const waitingOps = waiting() ?? [];
    const offline = !browserOnline() || m?.loop?.phase === 'offline' || anyDocOffline();
    return {
      summary: summarizeSync({ metadata: m, waitingOps, docChanges: docChanges(), offline }),
      metadata: m,
      waitingOps,
      docChanges: docChanges(),
    };
  });
}
