/// <reference lib="dom" />
// (The engine is browser code: it needs the IndexedDB types.)
import { MAX_OPS_PER_BATCH, type OpEnvelope } from '@corates/shared';
import { createSyncEngine, type SyncEngine } from '../src/sync/offline/index.ts';
import { type FetchLike, postOps, type TransportOptions } from '../src/sync/offline/transport.ts';
import type { Account } from './accounts.ts';
import { cachedRows, freshCache } from './cache.ts';
import type { Mutation } from './mutation-script.ts';
import type { ReadBack } from './rest-peer.ts';

/** Far above any plausible drain: a stuck queue fails the run instead of hanging it. */
const DRAIN_DEADLINE_MS = 15 * 60_000;

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Node's fetch, timing how long each call waits for the server's answer (until its headers). */
function timedFetch() {
  const timing = { requests: 0, waitingMs: 0 };
  const fetchLike = async (input: string, init?: RequestInit) => {
    const t = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      timing.requests++;
      timing.waitingMs += performance.now() - t;
    }
  };
  return { timing, fetchLike };
}

function transport(
  base: string,
  account: Account,
  clientVersion: string,
  fetchLike: FetchLike = fetch,
): TransportOptions {
  return {
    fetch: fetchLike,
    baseUrl: base,
    clientVersion,
    headers: () => ({ cookie: account.cookie }),
  };
}

export interface EngineReplay {
  /** Per `engine.enqueue`: validated, queued and applied to the cache, in one transaction. */
  enqueueMs: number[];
  /** engine.start() → the last batch answered and settled. */
  drainMs: number;
  /** The same, through the pull that follows a drain (the cycle's end). */
  cycleMs: number;
  batches: number;
  /** Of the drain, time spent waiting for the server's answers. */
  waitingMs: number;
  /** Ops that ended `failed`, or a batch that got no result (first few messages). */
  failures: string[];
  failedOps: number;
}

/**
 * The real engine, as the app runs it offline and then online: every mutation is enqueued while
 * the engine is stopped (the device is offline), then the engine starts and drains the queue to
 * the server in batches of up to 100 ops, then pulls.
 */
export async function replayWithEngine(
  base: string,
  account: Account,
  mutations: readonly Mutation[],
  clientVersion: string,
): Promise<EngineReplay> {
  const { timing, fetchLike } = timedFetch();
  const db = freshCache(account.id);
  let acked = 0;
  let batches = 0;
  let failedBatches = 0;
  let drainedAt = Number.NaN;
  let onDrained = () => {};
  const drained = new Promise<void>((resolve) => (onDrained = resolve));
  const engine: SyncEngine = createSyncEngine({
    db,
    owner: account,
    transport: transport(base, account, clientVersion, fetchLike),
    onBatchSent: ({ ops, ok }) => {
      batches++;
      if (!ok) failedBatches++;
      else acked += ops;
      if (acked >= mutations.length) {
        drainedAt = performance.now();
        onDrained();
      }
    },
  });
  try {
    const enqueueMs: number[] = [];
    for (const mutation of mutations) {
      const t = performance.now();
      await engine.enqueue(mutation);
      enqueueMs.push(performance.now() - t);
    }
    const started = performance.now();
    engine.start();
    await withDeadline(drained, DRAIN_DEADLINE_MS, 'the queue did not drain');
    const waitingMs = timing.waitingMs;
    await engine.flush();
    const cycleMs = performance.now() - started;
    const status = await engine.status();
    const failures = status.failedOps
      .slice(0, 3)
      .map((op) => `${op.type}: ${op.error?.code} ${op.error?.message}`);
    if (failedBatches > 0) failures.push(`${failedBatches} batches got no result and were resent`);
    return {
      enqueueMs,
      drainMs: drainedAt - started,
      cycleMs,
      batches,
      waitingMs,
      failures,
      failedOps: status.failed,
    };
  } finally {
    await engine.stop();
    db.close();
  }
}

/**
 * Writes `mutations` for `account` straight through `POST /api/sync/ops` (the engine's own
 * transport), untimed: the data set a pull then reads back.
 */
export async function seedOverSync(
  base: string,
  account: Account,
  mutations: readonly Mutation[],
  clientVersion: string,
): Promise<void> {
  const options = transport(base, account, clientVersion);
  for (let i = 0; i < mutations.length; i += MAX_OPS_PER_BATCH) {
    const ops: OpEnvelope[] = mutations.slice(i, i + MAX_OPS_PER_BATCH).map((m) => ({
      id: crypto.randomUUID(),
      ...m,
      clientVersion,
      createdAt: new Date().toISOString(),
    }));
    const answer = await postOps(options, ops);
    if (answer.kind !== 'ok') throw new Error(`seeding: ${JSON.stringify(answer)}`);
    const refused = answer.body.results.find((r) => r.status !== 'applied');
    if (refused || answer.body.results.length !== ops.length) {
      throw new Error(`seeding: ${JSON.stringify(refused ?? 'results missing')}`);
    }
  }
}

export interface EnginePull extends ReadBack {
  /** Of `totalMs`, waiting for the server's answers (until their headers). */
  waitingMs: number;
}

/**
 * The real engine's first pull into an empty cache: `GET /api/sync/pull` page by page from
 * cursor 0, each page applied (and the cursor moved) in one transaction.
 */
export async function pullWithEngine(
  base: string,
  account: Account,
  clientVersion: string,
): Promise<EnginePull> {
  const { timing, fetchLike } = timedFetch();
  const db = freshCache(account.id);
  const engine = createSyncEngine({
    db,
    owner: account,
    transport: transport(base, account, clientVersion, fetchLike),
  });
  try {
    const started = performance.now();
    // start() begins the first cycle (empty queue: a pull from cursor 0); flush() waits for it.
    engine.start();
    await engine.flush();
    const totalMs = performance.now() - started;
    return {
      totalMs,
      requests: timing.requests,
      waitingMs: timing.waitingMs,
      rows: await cachedRows(db),
    };
  } finally {
    await engine.stop();
    db.close();
  }
}
