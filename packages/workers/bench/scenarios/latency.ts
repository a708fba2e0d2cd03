import { type BenchClient, destroyAll, openClients } from '../lib/bench-client.ts';
import { sleep } from '../lib/sleep.ts';
import type { BenchServer } from '../servers/bench-server.ts';
import {
  AWARENESS_RENEWAL_MS,
  type LatencyMode,
  type LatencyModeName,
  presenceState,
} from './latency-modes.ts';

export interface LatencyResult {
  clients: number;
  mode: LatencyModeName;
  /** Per receiver: ms from the writer's local change to the receiver's map observer firing. */
  samples: number[];
  /** Deliveries that had not arrived when a write's wait timed out. */
  lost: number;
  error?: string;
}

const SYNC_TIMEOUT_MS = 60_000;
const WRITE_TIMEOUT_MS = 10_000;

/**
 * N clients in a fresh room; writers take turns (client `seq % N`) setting one map key, one write
 * at a time, and every other client records when it observes the new value. Sequential writes
 * measure the relay path itself, not queueing behind other writes. Paced (mode.paceMs), a write
 * starts on its slot, or as soon as the last one arrived if that is later, and the series is made
 * long enough for every client's awareness renewal to fall inside it.
 */
export async function measureLatency(
  server: BenchServer,
  n: number,
  writes: number,
  warmup: number,
  mode: LatencyMode,
): Promise<LatencyResult> {
  const room = await server.newRoom(`latency-${n}-${mode.name}`);
  const clients = await openClients(room, n, {
    wave: 50,
    deadline: performance.now() + SYNC_TIMEOUT_MS,
    presence: mode.presence ? presenceState : undefined,
  });
  const base = { clients: n, mode: mode.name };
  try {
    const synced = clients.filter((c) => c.provider.synced).length;
    if (synced < n) {
      return { ...base, samples: [], lost: 0, error: `${synced}/${n} synced in 60 s` };
    }
    const total =
      warmup +
      (mode.paceMs > 0 ? Math.max(writes, Math.ceil(AWARENESS_RENEWAL_MS / mode.paceMs)) : writes);

    let current: { seq: number; at: number; waiting: number; done: () => void } | undefined;
    let recording = false;
    const samples: number[] = [];
    clients.forEach((client) =>
      observe(client, (seq, now) => {
        if (!current || seq !== current.seq) return;
        if (recording) samples.push(now - current.at);
        if (--current.waiting === 0) current.done();
      }),
    );

    let lost = 0;
    const started = performance.now();
    for (let seq = 1; seq <= total; seq++) {
      const slot = started + (seq - 1) * mode.paceMs;
      if (mode.paceMs > 0 && slot > performance.now()) {
        await sleep(slot - performance.now(), undefined);
      }
      recording = seq > warmup;
      const writer = clients[seq % n]!;
      const arrived = new Promise<void>((done) => {
        current = { seq, at: performance.now(), waiting: n - 1, done };
      });
      writer.doc.getMap<number>('bench').set('seq', seq);
      const timedOut = await Promise.race([
        arrived.then(() => false),
        sleep(WRITE_TIMEOUT_MS, true),
      ]);
      if (timedOut && recording) lost += current!.waiting;
      current = undefined;
    }
    return { ...base, samples, lost };
  } finally {
    destroyAll(clients);
  }
}

/** Calls `onSeq` once per remote change of the `seq` key, with the time it became visible. */
function observe(client: BenchClient, onSeq: (seq: number, now: number) => void) {
  const map = client.doc.getMap<number>('bench');
  map.observe((event) => {
    if (event.transaction.local || !event.keysChanged.has('seq')) return;
    onSeq(map.get('seq') ?? -1, performance.now());
  });
}
