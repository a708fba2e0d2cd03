import { liveQuery } from 'dexie';
import type { OpEnvelope, OpResult } from '@corates/shared';
import { DEFAULT_BACKOFF, type BackoffPolicy, backoffDelay } from './backoff.ts';
import type { CacheOwner } from './cache-reducer.ts';
import type { QueuedOp, SyncDb } from './db.ts';
import { type LeaderLock, defaultLeader } from './leader.ts';
import {
  type LastSyncedAt,
  type NewOp,
  STATE_KEYS,
  discardOp,
  enqueueOp,
  readRebuild,
  resetInFlight,
  retryOp,
  settleOps,
  takeBatch,
} from './metadata-store.ts';
import { DEFAULT_MAX_ATTEMPTS, afterSendFailure, backToPending, outcomeOf } from './op-state.ts';
import { pullFromCursor, pullFromScratch } from './pull.ts';
import { type LoopState, type SyncStatus, summarizeStatus } from './sync-status.ts';
import { type SendResult, type TransportOptions, postOps } from './transport.ts';

/** Time, injected so tests (and the chaos harness) can drive it. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SyncEngineOptions {
  db: SyncDb;
  /** The signed-in user whose cache this is. */
  owner: CacheOwner;
  transport: TransportOptions;
  clock?: Clock;
  /** In [0, 1); jitter for the backoff. */
  random?: () => number;
  /** A UUID per op: the idempotency key. */
  newId?: () => string;
  leader?: LeaderLock;
  /** Between pulls while idle. */
  pullIntervalMs?: number;
  /** After how long without a pull a table counts as stale. */
  staleAfterMs?: number;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  pullLimit?: number;
  /** A sync call answered 401; call `resume()` once the user has signed in again. */
  onUnauthenticated?: () => void;
  /** A sync call answered 426; the upgrade flow takes over (ops stay queued for the new build). */
  onUpgradeRequired?: (minSupportedClient?: string) => void;
  /** After every batch sent and settled, answered or not (for the client's sync telemetry). */
  onBatchSent?: (batch: { ops: number; ok: boolean }) => void;
}

export interface SyncEngine {
  readonly db: SyncDb;
  /** Competes for leadership and, once leader, drains and pulls on its own. */
  start(): void;
  /** Stops timers and gives up leadership; resolves when the running cycle has finished. */
  stop(): Promise<void>;
  /** Queues an op, applies it to the cache at once and wakes the loop. */
  enqueue(op: NewOp): Promise<QueuedOp>;
  /**
   * Drains the queue and pulls now, ignoring any backoff; resolves when that cycle is over (at
   * once when another instance leads or the loop is paused).
   */
  flush(): Promise<void>;
  /** Re-reads everything from the start of the feed (the "reset cache" path). */
  resync(): Promise<void>;
  /** Leaves the 401 pause (after sign-in) and syncs. */
  resume(): void;
  retry(opId: string): Promise<void>;
  discard(opId: string): Promise<void>;
  status(): Promise<SyncStatus>;
  isLeader(): boolean;
}

const DEFAULT_PULL_INTERVAL_MS = 30_000;
const DEFAULT_STALE_AFTER_MS = 15 * 60_000;

function envelopeOf(op: QueuedOp): OpEnvelope {
  return {
    id: op.id,
    type: op.type,
    payload: op.payload,
    clientVersion: op.clientVersion,
    createdAt: op.createdAt,
  };
}

/**
 * The replay + pull loop over one user's cache database (SPEC.md). One cycle at a time: drain the
 * queue in batches, then pull; on failure back off (or pause) and come back later.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, owner, transport } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const leaderLock = options.leader ?? defaultLeader(`${db.name}:sync`);
  const pullIntervalMs = options.pullIntervalMs ?? DEFAULT_PULL_INTERVAL_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  let started = false;
  let leader = false;
  let paused: 'auth' | 'upgrade' | undefined;
  let failures = 0;
  let backingOff = false;
  let timer: unknown;
  let running: Promise<void> | undefined;
  /** `force`: a cycle was asked for whatever the backoff (flush, retry) while another ran. */
  const wanted = { cycle: false, pull: false, scratch: false, force: false };
  let releaseLeader: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;
  let lastLoop = '';
  let lastLoopState: LoopState | undefined;
  /** The rebuild requests ([O4]) this engine has already acted on. */
  let seenRebuildRequests = 0;
  let correcting: Promise<void> | undefined;
  /** Settles once leadership was won and in-flight ops were reset (or at once if not leader). */
  let becameLeader: Promise<void> = Promise.resolve();

  async function setLoop(state: LoopState): Promise<void> {
    const key = JSON.stringify(state);
    if (key === lastLoop) return;
    lastLoop = key;
    lastLoopState = state;
    await db.syncState.put({ key: STATE_KEYS.loop, value: state });
  }

  function schedule(ms: number, isBackoff: boolean): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    backingOff = isBackoff;
    timer = clock.setTimeout(() => {
      timer = undefined;
      backingOff = false;
      kick({ pull: true, force: true });
    }, ms);
  }

  /** [Q4]–[Q6] Pause, or back off and come back, after a send or pull that did not succeed. */
  async function onFailure(result: Exclude<SendResult<unknown>, { kind: 'ok' }>): Promise<void> {
    switch (result.kind) {
      case 'unauthenticated':
        paused = 'auth';
        await setLoop({ phase: 'paused-auth', message: 'Sign in again to sync your changes.' });
        options.onUnauthenticated?.();
        return;
      case 'upgrade':
        paused = 'upgrade';
        await setLoop({
          phase: 'paused-upgrade',
          message: 'This version of CoRATES is too old to sync; your changes wait for the update.',
        });
        options.onUpgradeRequired?.(result.minSupportedClient);
        return;
      case 'unreachable':
      case 'error': {
        failures += 1;
        const delay = backoffDelay(failures, random, backoff);
        schedule(delay, true);
        await setLoop({
          phase: result.kind === 'unreachable' ? 'offline' : 'retrying',
          message: result.message,
          nextAttemptAt: new Date(clock.now() + delay).toISOString(),
        });
        return;
      }
    }
  }

  function settle(op: QueuedOp, result: OpResult | undefined): QueuedOp | null {
    // A result missing from the answer: send it again (the server's idempotency makes that safe).
    if (!result) return backToPending(op);
    const outcome = outcomeOf(result);
    return outcome.kind === 'done' ? null : { ...op, status: 'failed', error: outcome.error };
  }

  function pullContext() {
    return { db, owner, transport, now: () => clock.now(), limit: options.pullLimit };
  }

  /** Whether the cache must be rebuilt from the server: asked for here, or marked in the db. */
  async function rebuildWanted(): Promise<boolean> {
    return wanted.scratch || (await readRebuild(db)) !== undefined;
  }

  /**
   * [P5][O4] Rebuilds the cache from the start of the feed (plus the ops still waiting) and swaps
   * it in. False when the server could not be read: the loop then backs off (or pauses) and the
   * marker stays, so the next cycle tries again first.
   */
  async function rebuild(): Promise<boolean> {
    seenRebuildRequests = Math.max(seenRebuildRequests, (await readRebuild(db))?.requests ?? 0);
    wanted.scratch = false;
    await setLoop({ phase: 'syncing' });
    const pulled = await pullFromScratch(pullContext());
    if (pulled.kind === 'ok') {
      // The swap removed the marker; the next one counts its requests from 1 again.
      seenRebuildRequests = 0;
      return true;
    }
    wanted.scratch = true;
    await onFailure(pulled);
    return false;
  }

  /**
   * [O4] A discard (in any tab) asked for the rebuild a failed op's guess still waits for: run it
   * now, between cycles and whatever the backoff, without draining the queue (the user discarded
   * a change; they did not ask to resend the others). Coalesced: one at a time.
   */
  function correctNow(): Promise<void> {
    correcting ??= (async () => {
      await becameLeader;
      while (running) await running;
      if (!started || !leader || paused) return;
      running = (async () => {
        try {
          const marker = await readRebuild(db);
          if (!marker || marker.requests <= seenRebuildRequests) return;
          const resumed = backingOff ? lastLoopState : undefined;
          if (await rebuild()) await setLoop(resumed ?? { phase: 'idle' });
        } finally {
          running = undefined;
        }
      })();
      await running;
      if (wanted.cycle) kick({ force: wanted.force });
    })().finally(() => {
      correcting = undefined;
    });
    return correcting;
  }

  /** One drain + pull. Returns early (with backoff or a pause set) on the first failure. */
  async function cycle(): Promise<void> {
    const pullWanted = wanted.pull;
    wanted.pull = false;
    let sent = false;
    let rebuilt = false;
    // [O4] A refused, given-up or discarded op's guess may still be on screen: the server first.
    if (started && !paused && (await rebuildWanted())) {
      if (!(await rebuild())) return;
      rebuilt = true;
    }
    for (;;) {
      if (!started || paused) return;
      const batch = await takeBatch(db);
      if (batch.length === 0) break;
      await setLoop({ phase: 'syncing' });
      const answer = await postOps(transport, batch.map(envelopeOf));
      if (answer.kind !== 'ok') {
        const error =
          answer.kind === 'error' || answer.kind === 'unreachable'
            ? {
                code: answer.kind === 'error' ? answer.code : 'NETWORK_ERROR',
                message: answer.message,
              }
            : undefined;
        const next = batch.map((op): [QueuedOp, QueuedOp] => [
          op,
          error
            ? afterSendFailure(op, error, answer.kind === 'error', maxAttempts)
            : backToPending(op),
        ]);
        await settleOps(db, next);
        options.onBatchSent?.({ ops: batch.length, ok: false });
        // [O4] An op given up on leaves the cache at once, not at the next backoff timer: the
        // server never confirmed it, and its feed may well answer while the op route does not.
        if (next.some(([, n]) => n.status === 'failed') && !(await rebuild())) return;
        await onFailure(answer);
        return;
      }
      const byId = new Map(answer.body.results.map((r) => [r.id, r]));
      const next = batch.map((op): [QueuedOp, QueuedOp | null] => [
        op,
        settle(op, byId.get(op.id)),
      ]);
      // [P5] A refused op's guess must leave the cache: settleOps marks the cache for a rebuild.
      await settleOps(db, next);
      options.onBatchSent?.({ ops: batch.length, ok: true });
      sent = true;
    }
    if (!started || paused) return;
    if (await rebuildWanted()) {
      if (!(await rebuild())) return;
    } else if (sent || (pullWanted && !rebuilt)) {
      await setLoop({ phase: 'syncing' });
      const pulled = await pullFromCursor(pullContext());
      if (pulled.kind !== 'ok') {
        await onFailure(pulled);
        return;
      }
    }
    failures = 0;
    await setLoop({ phase: 'idle' });
    schedule(pullIntervalMs, false);
  }

  function kick(opts: { pull?: boolean; scratch?: boolean; force?: boolean } = {}): void {
    if (opts.pull) wanted.pull = true;
    if (opts.scratch) wanted.scratch = true;
    if (!started || !leader || paused) return;
    if (backingOff && !opts.force) return;
    if (running) {
      wanted.cycle = true;
      if (opts.force) wanted.force = true;
      return;
    }
    running = (async () => {
      try {
        do {
          wanted.cycle = false;
          wanted.force = false;
          await cycle();
        } while (wanted.cycle && started && !paused && (!backingOff || wanted.force));
      } finally {
        running = undefined;
      }
    })();
  }

  async function waitForCycle(): Promise<void> {
    while (running) await running;
  }

  return {
    db,
    start() {
      if (started) return;
      started = true;
      releaseLeader = leaderLock.acquire(() => {
        becameLeader = (async () => {
          if (!started) return;
          await resetInFlight(db);
          leader = true;
          await setLoop({ phase: 'starting' });
          kick({ pull: true, force: true });
        })();
      });
      // Another tab (or this one) queued an op: wake up unless backing off.
      const sub = liveQuery(() => db.ops.where('status').equals('pending').count()).subscribe({
        next: (n) => {
          if (n > 0) kick();
        },
        error: () => undefined,
      });
      // [O4] A discard in any tab asked for the rebuild its op's guess still waits for.
      const rebuilds = liveQuery(() => readRebuild(db)).subscribe({
        next: (marker) => {
          if (!marker) seenRebuildRequests = 0;
          else if (marker.requests > seenRebuildRequests) void correctNow();
        },
        error: () => undefined,
      });
      unsubscribe = () => {
        sub.unsubscribe();
        rebuilds.unsubscribe();
      };
    },
    async stop() {
      started = false;
      leader = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      unsubscribe?.();
      releaseLeader?.();
      await becameLeader;
      await waitForCycle();
    },
    async enqueue(op) {
      const queued = await enqueueOp(db, owner, op, {
        id: newId(),
        clientVersion: transport.clientVersion,
        createdAt: new Date(clock.now()).toISOString(),
      });
      kick();
      return queued;
    },
    async flush() {
      await becameLeader;
      kick({ pull: true, force: true });
      await waitForCycle();
    },
    async resync() {
      await becameLeader;
      kick({ scratch: true, force: true });
      await waitForCycle();
    },
    resume() {
      if (paused !== 'auth') return;
      paused = undefined;
      kick({ pull: true, force: true });
    },
    async retry(opId) {
      await retryOp(db, owner, opId);
      kick({ force: true });
    },
    async discard(opId) {
      await discardOp(db, opId);
      await correctNow();
    },
    async status() {
      const [ops, synced, loop, rebuildMarker] = await Promise.all([
        db.ops.orderBy('seq').toArray(),
        db.syncState.get(STATE_KEYS.lastSyncedAt),
        db.syncState.get(STATE_KEYS.loop),
        readRebuild(db),
      ]);
      return summarizeStatus({
        ops,
        lastSyncedAt: synced?.value as LastSyncedAt | undefined,
        loop: loop?.value as LoopState | undefined,
        rebuild: rebuildMarker,
        now: clock.now(),
        staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
      });
    },
    isLeader: () => leader,
  };
}
