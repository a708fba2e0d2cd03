import { destroyAll, openClients } from '../lib/bench-client.ts';
import type { BenchServer, ServerMemory } from '../servers/bench-server.ts';
import { sleep } from '../lib/sleep.ts';

export interface ConnectionsResult {
  target: number;
  /** Clients that completed the sync handshake within the budget. */
  synced: number;
  /** ms from the first upgrade request until the last client synced (or the budget ran out). */
  openMs: number;
  /** Synced clients still connected, never having dropped, after the hold. */
  held: number;
  /** Of the other held clients, how many saw one write made while all were held. */
  reached: number;
  /** ms until the last of those saw it. */
  fanOutMs: number;
  /** Server memory while every client was held. */
  memory: ServerMemory;
  /** Distinct close and error reasons seen, for the report's "why". */
  failures: string[];
}

const HOLD_MS = 10_000;
const FAN_OUT_TIMEOUT_MS = 15_000;
/** Below y-websocket's 30 s silence timeout, so an idle client is not taken for a dead one. */
const RESYNC_MS = 10_000;

/**
 * `target` clients join one room in waves of 50 and stay: the question is whether the server holds
 * them all, synced and reachable, not how fast it accepts them.
 */
export async function measureConnections(
  server: BenchServer,
  target: number,
  budgetMs: number,
): Promise<ConnectionsResult> {
  const room = await server.newRoom('connections');
  const started = performance.now();
  const clients = await openClients(room, target, {
    wave: 50,
    deadline: started + budgetMs,
    resyncIntervalMs: RESYNC_MS,
  });
  try {
    const synced = clients.filter((c) => c.syncedAt !== undefined);
    const openMs = Math.max(0, ...synced.map((c) => c.syncedAt! - started));
    await sleep(HOLD_MS, undefined);
    const held = synced.filter((c) => c.provider.wsconnected && c.disconnects === 0);

    const [writer, ...readers] = held;
    let reached = 0;
    let fanOutMs = Number.NaN;
    if (writer && readers.length > 0) {
      const at = performance.now();
      const seen = readers.map(
        (c) =>
          new Promise<number>((resolve) => {
            const map = c.doc.getMap<number>('bench');
            map.observe(() => {
              if (map.get('fanout') === 1) resolve(performance.now() - at);
            });
          }),
      );
      writer.doc.getMap<number>('bench').set('fanout', 1);
      const times = await Promise.all(
        seen.map((p) => Promise.race([p, sleep(FAN_OUT_TIMEOUT_MS, Number.NaN)])),
      );
      const arrived = times.filter((t) => !Number.isNaN(t));
      reached = arrived.length;
      fanOutMs = arrived.length > 0 ? Math.max(...arrived) : Number.NaN;
    }

    return {
      target,
      synced: synced.length,
      openMs,
      held: held.length,
      reached,
      fanOutMs,
      memory: server.memory(),
      failures: [...new Set(clients.flatMap((c) => c.failures))],
    };
  } finally {
    destroyAll(clients);
  }
}
