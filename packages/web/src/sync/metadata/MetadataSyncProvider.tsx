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
import { useSession } from '../../session/SessionProvider.tsx';
import { forgetPdfFiles } from '../../pdfs/use-pdfs.ts';
import { createTelemetryReporter } from '../../telemetry/telemetry-reporter.ts';
import {
  type SyncEngine,
  applyCacheVersion,
  createSyncEngine,
  deleteSyncDb,
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
 * it; signing out (or another user signing in) deletes the previous user's cache ([S1]). Online,
 * focus and visibility wake it so another user's changes arrive soon after the tab is used.
 */
export function MetadataSyncProvider(props: ParentProps) {
  const session = useSession();
  const [engine, setEngine] = createSignal<SyncEngine>();
  let stopReporter: (() => void) | undefined;
  let lastUserId: string | undefined;
  /** A signed-out user whose unsynced changes were kept (see [S1] below). */
  let kept: string | undefined;

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
        let unsyncedOwner: string | undefined;
        lastUserId = user?.id;
        setEngine(undefined);
        void (async () => {
          if (current) {
            await current.stop();
            // [S1] Signed out with nothing unsynced: wipe now. With unsynced changes (an expired
            // session looks the same as a sign-out here) keep them until the next sign-in: the
            // same user gets them back, anyone else wipes them first.
            const unsynced = await current.db.ops.count();
            current.db.close();
            if (previous && (user || unsynced === 0)) {
              await deleteSyncDb(syncDbName(previous), browserIndexedDb());
              await forgetPdfFiles(previous);
            } else {
              unsyncedOwner = previous;
            }
          }
          // Someone else signed in on a device that kept a previous user's unsynced changes.
          if (user && kept && kept !== user.id) {
            await deleteSyncDb(syncDbName(kept), browserIndexedDb());
            await forgetPdfFiles(kept);
          }
          kept = user ? undefined : unsyncedOwner;
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
