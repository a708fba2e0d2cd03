import * as Y from 'yjs';
import { BenchClient, destroyAll } from '../lib/bench-client.ts';
import { median } from '@corates/bench-kit/stats';
import type { BenchServer } from '../servers/bench-server.ts';
import { sleep } from '../lib/sleep.ts';
import { presenceState } from './latency-modes.ts';

export interface InitialSyncResult {
  priorUpdates: number;
  /** ms from the first of the prior updates until another client had seen them all. */
  ingestMs: number;
  /**
   * ms from opening a socket right after the writer sent the last of them, while the server still
   * works through them, until it was answered with the server's document (sync step 2).
   */
  burstJoinMs: number;
  /** How many of the prior updates that answer held (the rest reached it as they were relayed). */
  burstJoinHeld: number;
  /** Per new client: ms from opening the socket to holding the whole document. */
  syncMs: number[];
  medianSyncMs: number;
  /** Bytes of the document as a single update (what sync step 2 carries). */
  docBytes: number;
  error?: string;
}

const TIMEOUT_MS = 120_000;

/**
 * One writer makes `priorUpdates` separate edits (one transaction, hence one update message,
 * each), as fast as it can send them (a paste, an import), while a watcher waits to see them all;
 * a client that opens its socket right after the last one was sent is timed to its sync (the first
 * join during the burst). Then new clients join one after another and we time how long each takes
 * to hold the whole document. The writer stays connected, as a colleague would, so the room is live
 * when the newcomer arrives.
 */
export async function measureInitialSync(
  server: BenchServer,
  priorUpdates: number,
  repeats: number,
): Promise<InitialSyncResult> {
  const room = await server.newRoom('initial-sync');
  // Every client publishes the app's presence, as a user's tab does.
  const options = { presence: presenceState };
  const writer = new BenchClient(room, options);
  const watcher = new BenchClient(room, options);
  const newcomers: BenchClient[] = [];
  const fail = (error: string): InitialSyncResult => ({
    priorUpdates,
    ingestMs: Number.NaN,
    burstJoinMs: Number.NaN,
    burstJoinHeld: 0,
    syncMs: [],
    medianSyncMs: Number.NaN,
    docBytes: 0,
    error,
  });
  try {
    if (!(await writer.whenSynced(TIMEOUT_MS)) || !(await watcher.whenSynced(TIMEOUT_MS))) {
      return fail('writer or watcher did not sync');
    }
    const watched = watcher.doc.getArray<string>('log');
    const allSeen = new Promise<number>((resolve) =>
      watched.observe(() => {
        if (watched.length === priorUpdates) resolve(performance.now());
      }),
    );
    const log = writer.doc.getArray<string>('log');
    const started = performance.now();
    for (let i = 0; i < priorUpdates; i++) log.push([`update ${i}`]);
    const joiner = new BenchClient(room, options);
    newcomers.push(joiner);
    let burstJoinHeld = 0;
    joiner.provider.once('sync', () => (burstJoinHeld = joiner.doc.getArray('log').length));
    const seenAt = await Promise.race([allSeen, sleep(TIMEOUT_MS, Number.NaN)]);
    if (Number.isNaN(seenAt)) {
      return fail(`watcher saw ${watched.length}/${priorUpdates} updates in ${TIMEOUT_MS} ms`);
    }
    if (!(await joiner.whenSynced(TIMEOUT_MS))) {
      return fail(`the client that joined during the burst did not sync in ${TIMEOUT_MS} ms`);
    }

    const syncMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const client = new BenchClient(room, options);
      newcomers.push(client);
      const synced = await client.whenSynced(TIMEOUT_MS);
      const length = client.doc.getArray('log').length;
      if (!synced || length !== priorUpdates) {
        return fail(`new client ${i + 1}: synced=${synced}, ${length}/${priorUpdates} updates`);
      }
      syncMs.push(client.syncedAt! - client.startedAt);
    }
    return {
      priorUpdates,
      ingestMs: seenAt - started,
      burstJoinMs: joiner.syncedAt! - joiner.startedAt,
      burstJoinHeld,
      syncMs,
      medianSyncMs: median(syncMs),
      docBytes: Y.encodeStateAsUpdate(writer.doc).byteLength,
    };
  } finally {
    destroyAll([writer, watcher, ...newcomers]);
  }
}
