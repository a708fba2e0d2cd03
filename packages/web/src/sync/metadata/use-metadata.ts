import { DEFAULT_USER_SETTINGS, type UserSettings } from '@corates/shared';
import { type Accessor, createSignal, onCleanup } from 'solid-js';
import {
  type CachedMember,
  type CachedProject,
  type LastSyncedAt,
  type LoopState,
  type RebuildMarker,
  STATE_KEYS,
  type SyncStatus,
  summarizeStatus,
} from '../offline/index.ts';
import { createLiveQuery } from './create-live-query.ts';
import { useSyncEngine } from './MetadataSyncProvider.tsx';

// Reads for the UI, all live from Dexie: every tab shows the same rows and the same queue.

/** True once the cache has been filled by a pull at least once (else "empty" means "unknown"). */
function createHasPulled() {
  const engine = useSyncEngine();
  const { value } = createLiveQuery(engine, (e) => e.db.syncState.get(STATE_KEYS.cursor));
  return () => value() !== undefined;
}

export function useCachedProjects() {
  const engine = useSyncEngine();
  const hasPulled = createHasPulled();
  const { value, loaded } = createLiveQuery(engine, async (e) => {
    const rows = await e.db.projects.toArray();
    // Most recently updated first, like the server's list.
    return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  });
  return {
    data: (): CachedProject[] | undefined =>
      loaded() && (hasPulled() || (value()?.length ?? 0) > 0) ? value() : undefined,
  };
}

export function useCachedProject(projectId: () => string) {
  const engine = useSyncEngine();
  const hasPulled = createHasPulled();
  const { value, loaded } = createLiveQuery(
    () => {
      const e = engine();
      return e ? { e, id: projectId() } : undefined;
    },
    ({ e, id }) => e.db.projects.get(id),
  );
  return {
    data: (): CachedProject | undefined => value(),
    /** Known not to be in the cache: deleted, or the user is not (or no longer) a member. */
    notFound: () => loaded() && hasPulled() && value() === undefined,
  };
}

export function useCachedMembers(projectId: () => string) {
  const engine = useSyncEngine();
  const { value } = createLiveQuery(
    () => {
      const e = engine();
      return e ? { e, id: projectId() } : undefined;
    },
    async ({ e, id }): Promise<CachedMember[]> => {
      const rows = await e.db.memberships.where('projectId').equals(id).toArray();
      return rows.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
    },
  );
  return { data: value };
}

export function useCachedSettings(): Accessor<UserSettings> {
  const engine = useSyncEngine();
  const { value } = createLiveQuery(engine, (e) => e.db.settings.get('user'));
  return () => value()?.value ?? DEFAULT_USER_SETTINGS;
}

/**
 * Rows with an op the server has not confirmed, by `entity:id`: `failed` when any of its ops was
 * refused, else `pending`. Drives the "not synced yet" marks next to rows.
 */
export function useUnsyncedRows(): Accessor<ReadonlyMap<string, 'pending' | 'failed'>> {
  const engine = useSyncEngine();
  const { value } = createLiveQuery(engine, async (e) => {
    const rows = new Map<string, 'pending' | 'failed'>();
    for (const op of await e.db.ops.toArray()) {
      if (rows.get(op.entityKey) !== 'failed') {
        rows.set(op.entityKey, op.status === 'failed' ? 'failed' : 'pending');
      }
    }
    return rows;
  });
  return () => value() ?? new Map();
}

/** A clock that ticks every `ms`, so "may be stale" turns on without any other change. */
function createNow(ms: number): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), ms);
  onCleanup(() => clearInterval(timer));
  return now;
}

/** The queue and pull state for the sync panel, live and the same in every tab. */
export function useSyncStatus(): Accessor<SyncStatus | undefined> {
  const engine = useSyncEngine();
  const settings = useCachedSettings();
  const now = createNow(30_000);
  const { value } = createLiveQuery(engine, async (e) => {
    const [ops, synced, loop, rebuild] = await Promise.all([
      e.db.ops.orderBy('seq').toArray(),
      e.db.syncState.get(STATE_KEYS.lastSyncedAt),
      e.db.syncState.get(STATE_KEYS.loop),
      e.db.syncState.get(STATE_KEYS.rebuild),
    ]);
    return {
      ops,
      lastSyncedAt: synced?.value as LastSyncedAt | undefined,
      loop: loop?.value as LoopState | undefined,
      rebuild: rebuild?.value as RebuildMarker | undefined,
    };
  });
  return () => {
    const v = value();
    if (!v) return undefined;
    return summarizeStatus({
      ...v,
      now: now(),
      staleAfterMs: settings().staleAfterMinutes * 60_000,
    });
  };
}
