import {
  type Accessor,
  type ParentProps,
  createContext,
  createEffect,
  on,
  onCleanup,
  useContext,
} from 'solid-js';
import { createSignal } from 'solid-js';
import { blockForUpgrade, serverCacheVersion } from '../../boot/version-gate.ts';
import { APP_VERSION } from '../../env.ts';
import { listable, onSessionEnd, unsyncedDocEdits } from '../../session/local-data.ts';
import { useSession } from '../../session/SessionProvider.tsx';
import {
  sessionEndSettled,
  takeDeliberateSignOut,
  wipeOtherUsersLocalData,
  wipeUserLocalData,
} from '../../session/wipe-local-data.ts';
import { createTelemetryReporter } from '../../telemetry/telemetry-reporter.ts';
import {
  type SyncEngine,
  applyCacheVersion,
  createSyncEngine,
  openSyncDb,
  syncDbName,
} from '../offline/index.ts';

const browserIndexedDb = () => ({
  indexedDB: globalThis.indexedDB,
  IDBKeyRange: globalThis.IDBKeyRange,
});

const MetadataSyncContext = createContext<Accessor<SyncEngine | undefined>>();

/**
 * Runs one sync engine for the signed-in user (SPEC.md in sync/offline). A change of user stops
 * it, and the previous user's local data (metadata cache, documents, kept PDFs) is deleted or kept
 * as [S1]–[S3] say. Online, focus and visibility wake it so another user's changes arrive soon
 * after the tab is used.
 */
export function MetadataSyncProvider(props: ParentProps) {
  const session = useSession();
  const [engine, setEngine] = createSignal<SyncEngine>();
  let stopReporter: (() => void) | undefined;
  let lastUserId: string | undefined;

  createEffect(
    on(
      () => session.user(),
      (user) => {
        // undefined: the session is being re-read; keep whatever runs until it answers.
        if (user === undefined) return;
        const current = engine();
        if (current && user?.id === lastUserId) {
          current.resume();
          return;
        }
        const previous = lastUserId;
        lastUserId = user?.id;
        setEngine(undefined);
        void (async () => {
          let unsynced = 0;
          if (current) {
            await current.stop();
            unsynced = await current.db.ops.count().catch(() => 0);
            current.db.close();
          }
          if (previous) {
            // [S1][S3] The user signed out (or another signed in): delete everything of theirs.
            // A session that ended on its own (expired: it looks the same here as a sign-out in
            // another tab) keeps unsynced work, metadata and documents alike, for their return.
            unsynced += unsyncedDocEdits(listable(localStorage), previous);
            const deliberate = takeDeliberateSignOut(previous);
            if (user || onSessionEnd({ deliberate, unsynced }) === 'wipe') {
              await wipeUserLocalData(previous);
            }
            sessionEndSettled(previous);
          }
          // [S2] Whatever any other user left on this device goes as this user signs in.
          if (user) await wipeOtherUsersLocalData(user.id);
        })();
        stopReporter?.();
        stopReporter = undefined;
        if (!user) return;
        const db = openSyncDb(syncDbName(user.id), browserIndexedDb());
        const reporter = createTelemetryReporter(db, () => next.isLeader());
        const next = createSyncEngine({
          db,
          owner: user,
          transport: {
            fetch: (input, init) => fetch(input, init),
            baseUrl: '',
            clientVersion: APP_VERSION,
          },
          onUnauthenticated: () => session.retry(),
          onUpgradeRequired: (min) => blockForUpgrade(min),
          onBatchSent: (batch) => reporter.batchSent(batch),
        });
        stopReporter = reporter.stop;
        setEngine(next);
        // [C1][C2] A new cacheVersion drops the mirrored rows (never the queue, never the queued
        // changes' effects) before the first pull.
        void applyCacheVersion(db, serverCacheVersion(), user)
          .catch(() => false)
          .then(() => {
            if (engine() === next) next.start();
          });
      },
    ),
  );

  const wake = () => void engine()?.flush();
  const onVisible = () => {
    if (document.visibilityState === 'visible') wake();
  };
  window.addEventListener('online', wake);
  window.addEventListener('focus', wake);
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    window.removeEventListener('online', wake);
    window.removeEventListener('focus', wake);
    document.removeEventListener('visibilitychange', onVisible);
    void engine()?.stop();
    stopReporter?.();
  });

  return (
    <MetadataSyncContext.Provider value={engine}>{props.children}</MetadataSyncContext.Provider>
  );
}

/** The current user's engine; undefined while signed out or switching users. */
export function useSyncEngine(): Accessor<SyncEngine | undefined> {
  const engine = useContext(MetadataSyncContext);
  if (!engine) throw new Error('useSyncEngine() outside <MetadataSyncProvider>');
  return engine;
}

/** The engine for a mutation; throws when there is none (signed out), like a failed request. */
export function requireEngine(engine: Accessor<SyncEngine | undefined>): SyncEngine {
  const e = engine();
  if (!e) throw new Error('You are signed out; sign in to make changes.');
  return e;
}
