import { table } from '@corates/bench-kit/markdown';
import { median, ratio, summarize } from '@corates/bench-kit/stats';
import type { ConnectionsResult } from '../scenarios/connections.ts';
import type { InitialSyncResult } from '../scenarios/initial-sync.ts';
import type { LatencyResult } from '../scenarios/latency.ts';
import {
  AWARENESS_RENEWAL_MS,
  describeMode,
  latencyMode,
  type LatencyModeName,
} from '../scenarios/latency-modes.ts';
import { SERVER_NAMES, type ServerMemory, type ServerName } from '../servers/bench-server.ts';

export const SECTION_ID = 'relay-vs-peer';

/** One room size's latency in one repeat (0-based) of the series. */
export interface LatencyRun extends LatencyResult {
  repeat: number;
}

/** Everything one server produced in the run; a scenario that threw leaves its field unset. */
export interface ServerRun {
  name: ServerName;
  description: string;
  /** Every repeat's results, so a room size can appear once per repeat. */
  latency: LatencyRun[];
  connections?: ConnectionsResult;
  initialSync?: InitialSyncResult;
  memory: { idle?: ServerMemory; end?: ServerMemory };
  errors: string[];
}

export interface RunInfo {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  durationS: number;
  /** 1-minute load average when the run started and when it ended (other work on the machine). */
  load: [number, number];
  /** The commit measured (git's short hash, marked if the tree had uncommitted changes). */
  commit: string;
  writes: number;
  /** The latency modes run, in order; the first is the one the goals are judged on. */
  latencyModes: LatencyModeName[];
  /** ms between paced edits. */
  paceMs: number;
  warmup: number;
  /** How many times the latency series ran, on fresh servers each time. */
  repeats: number;
  /** Clients in the discarded warm-up room each server had first (0: none). */
  warmupClients: number;
  connections: number;
  connectBudgetS: number;
  priorUpdates: number;
  syncRepeats: number;
}

interface Figure {
  label: string;
  value: (run: ServerRun) => number | undefined;
  /** Fraction digits for the cells. */
  digits: number;
}

const MIB = 1024 * 1024;

/** Column heads, in SERVER_NAMES order. */
const COLUMN: Record<ServerName, string> = {
  relay: 'relay',
  'relay-npm-start': 'relay as npm start serves it',
  floor: 'runtime floor',
  'yps-stored': 'y-partyserver, stored',
  'yps-debounced': 'y-partyserver, debounced',
  'ws-server': '@y/websocket-server',
  'relay-alone': 'relay alone (experiment)',
};

/** The ratios each row shows: the relay over each of the others, ... */
const RATIOS = SERVER_NAMES.filter((n) => n !== 'relay');
/** ... and the relay as `npm start` serves it over the same-runtime ones. */
const NPM_START_RATIOS = ['floor', 'yps-stored'] as const satisfies readonly ServerName[];

/** The mode the goals are judged on: the first one run (presence, by default). */
export function recordMode(info: RunInfo): LatencyModeName | undefined {
  return info.latencyModes[0];
}

/** The rows of the table, in order; `clients` are the room sizes the latency runs used. */
export function figures(clients: readonly number[], info: RunInfo): Figure[] {
  const latency = (n: number, p: 'p50' | 'p95', mode: LatencyModeName): Figure => ({
    label: `Propagation ${p}, ${n} clients, ${mode} (ms)`,
    value: (run) => latencySummary(run, n, mode)?.[p],
    digits: 1,
  });
  const conn = (pick: (c: ConnectionsResult) => number) => (run: ServerRun) =>
    run.connections ? pick(run.connections) : undefined;
  const sync = (pick: (s: InitialSyncResult) => number) => (run: ServerRun) =>
    run.initialSync && !run.initialSync.error ? pick(run.initialSync) : undefined;
  const n = info.connections.toLocaleString('en-US');
  const prior = info.priorUpdates.toLocaleString('en-US');
  return [
    ...info.latencyModes.flatMap((mode) =>
      clients.flatMap((c) => [latency(c, 'p50', mode), latency(c, 'p95', mode)]),
    ),
    { label: `Connections synced in one room (of ${n})`, value: conn((c) => c.synced), digits: 0 },
    { label: 'Still connected after a 10 s hold', value: conn((c) => c.held), digits: 0 },
    { label: 'Reached by one write while held', value: conn((c) => c.reached), digits: 0 },
    {
      label: `Time to open and sync the ${n} (s)`,
      value: conn((c) => c.openMs / 1000),
      digits: 2,
    },
    { label: 'That write reaching all held (ms)', value: conn((c) => c.fanOutMs), digits: 0 },
    {
      label: `New client sync, ${prior} prior updates (ms, median of ${info.syncRepeats})`,
      value: sync((s) => s.medianSyncMs),
      digits: 0,
    },
    {
      label: `New client sync, slowest of the ${info.syncRepeats} (ms)`,
      value: sync((s) => Math.max(...s.syncMs)),
      digits: 0,
    },
    {
      label: `Ingest of those ${prior} updates (s)`,
      value: sync((s) => s.ingestMs / 1000),
      digits: 2,
    },
    {
      label: 'First join during that burst, until answered (ms)',
      value: sync((s) => s.burstJoinMs),
      digits: 0,
    },
    { label: 'Server RSS, idle after start (MiB)', value: (r) => mib(r.memory.idle), digits: 0 },
    {
      label: `Server RSS, ${n} connections held (MiB)`,
      value: conn((c) => c.memory.rssBytes / MIB),
      digits: 0,
    },
    { label: 'Server RSS, end of run (MiB)', value: (r) => mib(r.memory.end), digits: 0 },
  ];
}

function mib(memory: ServerMemory | undefined) {
  return memory ? memory.rssBytes / MIB : undefined;
}

/** Each percentile is the median over the repeats that produced samples at this room size. */
export function latencySummary(run: ServerRun, clients: number, mode: LatencyModeName) {
  const repeats = repeatSummaries(run, clients, mode);
  if (repeats.length === 0) return undefined;
  const mid = (p: 'p50' | 'p95' | 'p99') => median(repeats.map((r) => r[p]));
  return { p50: mid('p50'), p95: mid('p95'), p99: mid('p99') };
}

function repeatSummaries(run: ServerRun, clients: number, mode: LatencyModeName) {
  return run.latency
    .filter((l) => l.clients === clients && l.mode === mode && !l.error && l.samples.length > 0)
    .map((l) => summarize(l.samples));
}

/** p95 at `clients` in every repeat, per server: the spread behind the medians. */
export function repeatSpread(
  runs: Runs,
  clients: number,
  mode: LatencyModeName,
): string | undefined {
  const parts = SERVER_NAMES.flatMap((name) => {
    const run = runs[name];
    const p95s = run ? repeatSummaries(run, clients, mode).map((s) => formatNumber(s.p95, 1)) : [];
    return p95s.length > 0 ? [`${name} ${p95s.join(', ')}`] : [];
  });
  return parts.length > 0
    ? `p95 at ${clients} clients, ${mode}, in each repeat (ms): ${parts.join('; ')}`
    : undefined;
}

export function formatNumber(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
}

export type Runs = Partial<Record<ServerName, ServerRun>>;

/**
 * [figure, one cell per server (SERVER_NAMES order), then relay / each other server, then the relay
 * as npm start serves it / each same-runtime server (NPM_START_RATIOS)]; a missing
 * server or figure leaves a dash, never a zero.
 */
export function figureRows(clients: readonly number[], info: RunInfo, runs: Runs): string[][] {
  return figures(clients, info).map((f) => {
    const values = Object.fromEntries(
      SERVER_NAMES.map((name) => {
        const run = runs[name];
        return [name, run ? f.value(run) : undefined];
      }),
    ) as Record<ServerName, number | undefined>;
    const over = (other: ServerName, relay: ServerName = 'relay') =>
      formatNumber(ratio(values[relay] ?? Number.NaN, values[other] ?? Number.NaN), 2);
    return [
      f.label,
      ...SERVER_NAMES.map((name) => formatNumber(values[name], f.digits)),
      ...RATIOS.map((other) => over(other)),
      ...NPM_START_RATIOS.map((other) => over(other, 'relay-npm-start')),
    ];
  });
}

/** One goal of issue 18: `value` against `limit`, met when at or under it. */
function verdict(
  what: string,
  value: number | undefined,
  limit: number,
  unit: string,
  digits = 2,
): string {
  if (value === undefined || !Number.isFinite(value)) return `${what}: not measured`;
  return `${what}: ${value <= limit ? 'met' : 'not met'} (${formatNumber(value, digits)}${unit}, goal ≤ ${limit.toLocaleString('en-US')}${unit})`;
}

const relayOver = (
  runs: Runs,
  other: ServerName,
  pick: (run: ServerRun) => number | undefined,
  relay: ServerName = 'relay',
) => {
  const r = runs[relay] && pick(runs[relay]);
  const o = runs[other] && pick(runs[other]);
  return r === undefined || o === undefined ? undefined : ratio(r, o);
};

/**
 * Issue 18's goals, each judged on this run's figures: latency in the record mode, the burst, the
 * join and the 1,000 sockets.
 */
export function goalLines(clients: readonly number[], info: RunInfo, runs: Runs): string[] {
  const lines: string[] = [];
  const mode = recordMode(info);
  if (mode) {
    for (const [other, limit] of [
      ['floor', 1.1],
      ['yps-stored', 1.0],
    ] as const) {
      const worst = clients.flatMap((n) =>
        (['p50', 'p95'] as const).map((p) => ({
          at: `${p} at ${n}`,
          r: relayOver(runs, other, (run) => latencySummary(run, n, mode)?.[p]),
        })),
      );
      const measured = worst.filter((w) => w.r !== undefined && Number.isFinite(w.r));
      if (measured.length === 0) {
        lines.push(`Relay latency ≤ ${limit}× ${COLUMN[other]} (${mode}): not measured`);
        continue;
      }
      const met = measured.filter((w) => w.r! <= limit).length;
      const all = measured.map((w) => `${w.at} ${formatNumber(w.r, 2)}`).join(', ');
      lines.push(
        `Relay latency ≤ ${limit}× ${COLUMN[other]} (p50 and p95, ${mode}): ${met === measured.length ? 'met' : 'not met'}, ${met} of ${measured.length} figures (${all})`,
      );
    }
  }
  const sync = (run: ServerRun) =>
    run.initialSync && !run.initialSync.error ? run.initialSync : undefined;
  const relaySync = runs.relay && sync(runs.relay);
  lines.push(
    verdict(
      `Burst of ${info.priorUpdates.toLocaleString('en-US')} updates durable and seen by another client`,
      relaySync && relaySync.ingestMs / 1000,
      2,
      ' s',
    ),
    verdict('First join during the burst served', relaySync?.burstJoinMs, 1000, ' ms', 0),
    verdict(
      'New client holds the document, relay / y-partyserver stored',
      relayOver(runs, 'yps-stored', (run) => sync(run)?.medianSyncMs),
      1.5,
      '×',
    ),
    verdict(
      `${info.connections.toLocaleString('en-US')} sockets opened and synced, relay / floor`,
      relayOver(runs, 'floor', (run) => run.connections?.openMs),
      2,
      '×',
    ),
    verdict(
      `RSS with ${info.connections.toLocaleString('en-US')} sockets, relay / floor`,
      relayOver(runs, 'floor', (run) => run.connections?.memory.rssBytes),
      1.5,
      '×',
    ),
  );
  const npmStart = runs['relay-npm-start'];
  if (mode && npmStart && runs.floor) {
    const over = (pick: (run: ServerRun) => number | undefined) =>
      formatNumber(relayOver(runs, 'floor', pick, 'relay-npm-start') ?? Number.NaN, 2);
    const cells = clients.flatMap((n) =>
      (['p50', 'p95'] as const).map(
        (p) => `${p} at ${n} ${over((run) => latencySummary(run, n, mode)?.[p])}`,
      ),
    );
    lines.push(
      `Side by side, the relay as \`npm start\` serves it over the floor (dev proxy and asset router included, which the floor has not): latency (${mode}) ${cells.join(', ')}; ${info.connections.toLocaleString('en-US')} sockets opened ${over((run) => run.connections?.openMs)}×; RSS with them ${over((run) => run.connections?.memory.rssBytes)}×`,
    );
  }
  const alone = runs['relay-alone'];
  if (mode && alone && runs.floor) {
    const cells = clients.flatMap((n) =>
      (['p50', 'p95'] as const).map((p) => {
        const a = latencySummary(alone, n, mode)?.[p];
        const f = latencySummary(runs.floor!, n, mode)?.[p];
        return `${p} at ${n} ${formatNumber(a === undefined || f === undefined ? Number.NaN : ratio(a, f), 2)}`;
      }),
    );
    lines.push(
      `Experiment, the relay's Durable Object in a Worker of its own, over the floor (${mode}): ${cells.join(', ')}`,
    );
  }
  return lines;
}

/** Losses, failures and measurement details that a bare table would hide. */
export function runNotes(run: ServerRun): string[] {
  const notes: string[] = [];
  for (const l of run.latency) {
    const where = `latency, ${l.clients} clients, ${l.mode}, repeat ${l.repeat + 1}`;
    if (l.error) notes.push(`${where}: ${l.error}`);
    else if (l.lost > 0) notes.push(`${where}: ${l.lost} deliveries timed out`);
  }
  const c = run.connections;
  if (c && c.failures.length > 0) {
    notes.push(`connections: close/error reasons seen: ${c.failures.slice(0, 5).join('; ')}`);
  }
  if (c) notes.push(`memory with connections held: ${c.memory.detail}`);
  if (run.memory.end) notes.push(`memory at the end: ${run.memory.end.detail}`);
  if (run.initialSync?.error) notes.push(`initial sync: ${run.initialSync.error}`);
  if (run.initialSync && !run.initialSync.error) {
    const s = run.initialSync;
    notes.push(
      `initial sync: document ${formatNumber(s.docBytes / 1024, 0)} KiB encoded; each new client (ms): ${s.syncMs.map((v) => formatNumber(v, 0)).join(', ')}; the client that joined during the burst was answered holding ${s.burstJoinHeld.toLocaleString('en-US')} of the ${s.priorUpdates.toLocaleString('en-US')} updates`,
    );
  }
  notes.push(...run.errors);
  return notes;
}

/**
 * What moved each server's p95 between the modes: pacing (presence over presence-unpaced) and
 * presence itself (presence-unpaced over bare), at the largest room size all three ran.
 */
export function modeEffects(clients: readonly number[], info: RunInfo, runs: Runs): string[] {
  const pairs = [
    ['presence', 'bare', 'all of it (presence / bare)'],
    ['presence', 'presence-unpaced', 'pacing (presence / presence-unpaced)'],
    ['presence-unpaced', 'bare', 'presence traffic (presence-unpaced / bare)'],
  ] as const;
  return pairs.flatMap(([a, b, what]) => {
    if (!info.latencyModes.includes(a) || !info.latencyModes.includes(b)) return [];
    const perServer = SERVER_NAMES.flatMap((name) => {
      const run = runs[name];
      if (!run) return [];
      const cells = clients.flatMap((n) => {
        const x = latencySummary(run, n, a)?.p95;
        const y = latencySummary(run, n, b)?.p95;
        const r = x === undefined || y === undefined ? Number.NaN : ratio(x, y);
        return Number.isFinite(r) ? [formatNumber(r, 2)] : [];
      });
      return cells.length > 0 ? [`${name} ${cells.join(' / ')}`] : [];
    });
    return perServer.length > 0
      ? [`${what}, p95 ratio at ${clients.join(' / ')} clients: ${perServer.join('; ')}`]
      : [];
  });
}

export function renderSection(info: RunInfo, clients: readonly number[], runs: Runs): string {
  const rows = figureRows(clients, info, runs);
  const ran = SERVER_NAMES.flatMap((name) => (runs[name] ? [runs[name]] : []));
  const serverLines = ran.map((r) => `- **${r.name}**: ${r.description}`);
  const noteLines = ran.flatMap((r) => runNotes(r).map((n) => `- ${r.name}: ${n}`));
  const mode = recordMode(info);
  const spread = mode ? repeatSpread(runs, Math.max(...clients), mode) : undefined;
  const effects = modeEffects(clients, info, runs);
  const modes = info.latencyModes
    .map((m) => `\`${m}\` (${describeMode(latencyMode(m, info.paceMs))})`)
    .join(', ');
  return [
    '## ProjectDoc relay vs the runtime floor and same-runtime Yjs peers',
    '',
    'Written by `pnpm bench relay-vs-peer` (`packages/workers/bench/`); rerunning it rewrites only this section.',
    '',
    `Run ${info.date} on commit ${info.commit}, ${info.durationS.toFixed(0)} s. Machine: ${info.cores} cores (${info.cpuModel}), ${info.memoryGiB.toFixed(0)} GiB, ${info.os}, Node ${info.node}; 1-minute load average ${info.load[0].toFixed(1)} at the start, ${info.load[1].toFixed(1)} at the end. ` +
      'The servers on 127.0.0.1, one at a time, measured by the same client code in one Node process.',
    '',
    ...serverLines,
    '',
    `Latency modes (one room each; the goals are judged on the first): ${modes}.`,
    '',
    table(
      [
        'figure',
        ...SERVER_NAMES.map((n) => COLUMN[n]),
        ...RATIOS.map((n) => `relay / ${COLUMN[n]}`),
        ...NPM_START_RATIOS.map((n) => `relay as npm start serves it / ${COLUMN[n]}`),
      ],
      rows,
    ),
    '',
    '**Goals of issue 18**, judged on this run:',
    '',
    ...goalLines(clients, info, runs).map((l) => `- ${l}`),
    ...(effects.length > 0
      ? [
          '',
          '**What the harness changes** (p95 of one mode over another, per server):',
          '',
          ...effects.map((e) => `- ${e}`),
          '',
          "The earlier figures of record were the `bare` mode: no presence, each edit sent the moment the last one arrived, so a series lasted a second or two. A user's room differs in two ways, measured apart above. Pacing: edits arrive with pauses, so whatever a server does between messages lands inside the series; for the relay that includes its D1 export alarm, set 2 s after a change and so running about every 2 s while people edit (a back-to-back series ends before the first one fires), and a server whose ratio here exceeds the floor's spends more than the runtime between edits. A paced server also sleeps between edits and waits to be woken for the next one, which on a shared, loaded machine multiplies every server's latency, the floor's and the Node server's included: read the pacing ratios against the floor's, not against 1. Presence traffic: each join and each 15 s renewal is a broadcast, and each is echoed back by every stock provider; the relay checks every entry of every echo against the socket that owns it before dropping it, the floor drops echoes on their first client id, y-partyserver re-broadcasts them to everyone.",
        ]
      : []),
    ...(spread ? ['', `${spread}.`] : []),
    '',
    '### How it was measured',
    '',
    "- Clients: the stock y-websocket 3 `WebsocketProvider` over `ws` (no permessage-deflate), identical for every server. In the `presence` modes each publishes the awareness state the app's presence publishes (`{ user: { id, name, color }, checklistId }`, packages/web/src/sync/doc/presence.ts) before it connects; y-protocols renews it every 15 s, and a stock provider sends every awareness change it receives back to the server, so each join and each renewal is an N-way broadcast followed by N−1 echoes. The relay's clients send a session cookie of one signed-up project owner; all sockets share it, as tabs of one browser would (sign-in is rate-limited per IP). The Worker keeps a session it resolved for an upgrade for up to 30 s (packages/workers/src/auth/upgrade-sessions.ts), so after the first upgrade of a series the others skip better-auth's session lookup, as one user's tabs and documents do; sockets of many users would each pay it once.",
    `- Propagation: in a fresh room of N synced clients, the clients take turns making one map edit; every other client records when its observer sees it. One write in flight at a time, ${info.warmup} warm-up writes, then ${info.writes} measured writes (N−1 samples each); paced, an edit starts every ${info.paceMs} ms (or when the last one arrived, if later) and the series is made long enough (at least ${Math.ceil(AWARENESS_RENEWAL_MS / info.paceMs)} edits) for every client's awareness renewal and the relay's D1 export alarm (2 s after a change) to fall inside it, as they do while people work. Percentiles are nearest-rank over a room's samples; the series ran ${info.repeats} time${info.repeats === 1 ? '' : 's'}, each time on freshly started servers in alternating order, and the table gives the median of each percentile over those runs. ${info.warmupClients > 0 ? `Before any of it, each server had a warm-up room of ${info.warmupClients} clients making ${info.writes} writes, not measured, so no figure includes a JIT warming up.` : 'No warm-up room (BENCH_WARMUP_CLIENTS=0): the first rooms include the servers warming up.'}`,
    "- Runtime floor: a Durable Object in the same Miniflare and workerd as the relay that accepts hibernatable WebSockets, answers sync step 1 with an empty document and, for each update, does one SQLite INSERT and forwards the frame byte for byte to every other socket; awareness frames about the socket's own client id are forwarded unstored, echoes dropped. It is the least any relay on this runtime with durable-before-broadcast can do, so the part of a ratio it shares is the runtime's, not the relay code's. It keeps no document, so it has no initial-sync figures.",
    "- y-partyserver (the same-runtime Yjs peer): `YServer` Durable Objects bundled by wrangler and served by Miniflare like the relay (bench/servers/y-partyserver-worker.ts), y-partyserver's default options (no hibernation). Its only persistence hook, `onSave`, runs from a lodash `debounce` (2 s wait, 10 s at most) registered after its broadcast listener, so it cannot store an update before the update is sent. The stored variant makes it durable before broadcast: `onStart` awaits `onLoad` before registering its own document listeners, so a document `update` listener registered in `onLoad` runs before the broadcast on every update; it INSERTs the update into the object's SQLite synchronously, and the output gate holds the broadcast's sends until that write is on disk (as for the relay and the floor). The debounced variant is its default: `onSave` stores the whole document (`encodeStateAsUpdate`) at most every 2 s, after the broadcast. y-partyserver re-broadcasts every awareness frame it receives to every socket, echoes included.",
    "- @y/websocket-server: 0.1.1, the newest release built on Yjs 13 (0.1.5 depends on the Yjs 14 prereleases and throws on a y-websocket 3 client's first sync message), in-memory documents, no auth, no persistence, on Node: a reference row, not the same runtime.",
    `- Connections: ${info.connections.toLocaleString('en-US')} clients join one room in waves of 50 (budget ${info.connectBudgetS} s), re-requesting sync every 10 s so y-websocket's 30 s silence timeout does not drop them; after a 10 s hold one client writes once. They publish no presence: a room this size with presence is an N² broadcast at every join and renewal, which measures the single client process rather than the server. This, the initial sync and memory are measured in the first repeat only.`,
    `- Initial sync (clients with presence): one writer makes ${info.priorUpdates.toLocaleString('en-US')} separate edits (one update message each) as fast as it can send them while a watcher waits to see them all (the ingest time); a client that opens its socket right after the last edit was sent is timed to the server's answer to its sync (the first join during the burst); then ${info.syncRepeats} new clients join one after another, timed from opening the socket (including, for the relay, the auth check) to holding the whole document.`,
    "- Memory: resident set size from /proc of the server's processes: @y/websocket-server's Node process; for the relay, the floor and y-partyserver, their workerd processes (for the relay as `npm start` serves it, also wrangler's dev proxy). The Node process driving Miniflare or wrangler is not counted.",
    '',
    '### What limits these figures',
    '',
    `- ${info.cores} cores shared by the server, the clients and any other work on the machine (the load averages above; anything over ${info.cores} means the processes queued for CPU, which inflates the tails and makes reruns differ by tens of percent).`,
    '- State directories are under the system temp directory, on disk here as with `npm start`; every SQLite commit is synced there before what it stored is relayed (the output gate). The floor and the stored y-partyserver commit each update on its own; the relay commits the updates that arrived together as one group (R13). `TMPDIR=/dev/shm pnpm bench relay-vs-peer` shows the figures without disk syncs.',
    "- The relay is measured two ways. `relay`, on which the goals are judged: the local workerd that `wrangler dev` runs, driven by Miniflare directly, without wrangler.jsonc's assets, so no asset router Worker sits in front of the app in its process (on Cloudflare that router is the platform's, and `run_worker_first` sends /api/* to the Worker); the floor and y-partyserver are served the same way. `relay as npm start serves it`: `wrangler dev` with the assets, so every socket and frame also crosses the asset router Worker (in the same workerd, its memory counted) and wrangler's dev proxy (a second workerd, counted too), two local hops production does not have.",
    '- Besides durability the relay checks membership in D1 on every upgrade (and the session, unless the Worker resolved it in the last 30 s), validates and applies every update to its Yjs document, checks every awareness entry against the socket that owns it, and exports to D1 by alarm.',
    '- Loopback networking: no real network latency or bandwidth limits; production Cloudflare runs Durable Objects on other hardware.',
    '',
    ...(noteLines.length > 0 ? ['### Notes from this run', '', ...noteLines, ''] : []),
  ].join('\n');
}
