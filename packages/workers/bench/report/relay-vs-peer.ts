import { table } from '@corates/bench-kit/markdown';
import { median, ratio, summarize } from '@corates/bench-kit/stats';
import type { ConnectionsResult } from '../scenarios/connections.ts';
import type { InitialSyncResult } from '../scenarios/initial-sync.ts';
import type { LatencyResult } from '../scenarios/latency.ts';
import type { ServerMemory, ServerName } from '../servers/bench-server.ts';

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
  writes: number;
  warmup: number;
  /** How the relay was served (config.ts BENCH_RELAY_HOST). */
  relayHost: 'miniflare' | 'wrangler-dev';
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

/** The rows of the table, in order; `clients` are the room sizes the latency runs used. */
export function figures(clients: readonly number[], info: RunInfo): Figure[] {
  const latency = (n: number, p: 'p50' | 'p95' | 'p99'): Figure => ({
    label: `Propagation ${p}, ${n} clients (ms)`,
    value: (run) => latencySummary(run, n)?.[p],
    digits: 1,
  });
  const conn = (pick: (c: ConnectionsResult) => number) => (run: ServerRun) =>
    run.connections ? pick(run.connections) : undefined;
  const sync = (pick: (s: InitialSyncResult) => number) => (run: ServerRun) =>
    run.initialSync && !run.initialSync.error ? pick(run.initialSync) : undefined;
  const n = info.connections.toLocaleString('en-US');
  const prior = info.priorUpdates.toLocaleString('en-US');
  return [
    ...clients.flatMap((c) => [latency(c, 'p50'), latency(c, 'p95'), latency(c, 'p99')]),
    { label: `Connections synced in one room (of ${n})`, value: conn((c) => c.synced), digits: 0 },
    { label: 'Still connected after a 10 s hold', value: conn((c) => c.held), digits: 0 },
    { label: 'Reached by one write while held', value: conn((c) => c.reached), digits: 0 },
    {
      label: `Time to open and sync the ${n} (s)`,
      value: conn((c) => c.openMs / 1000),
      digits: 1,
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
      digits: 1,
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
function latencySummary(run: ServerRun, clients: number) {
  const repeats = repeatSummaries(run, clients);
  if (repeats.length === 0) return undefined;
  const mid = (p: 'p50' | 'p95' | 'p99') => median(repeats.map((r) => r[p]));
  return { p50: mid('p50'), p95: mid('p95'), p99: mid('p99') };
}

function repeatSummaries(run: ServerRun, clients: number) {
  return run.latency
    .filter((l) => l.clients === clients && !l.error && l.samples.length > 0)
    .map((l) => summarize(l.samples));
}

/** [a's p95, b's p95] at `clients` for each repeat both servers completed. */
function pairedRepeats(a: ServerRun, b: ServerRun, clients: number): [number, number][] {
  const p95 = (run: ServerRun, repeat: number) => {
    const l = run.latency.find((x) => x.clients === clients && x.repeat === repeat);
    return l && !l.error && l.samples.length > 0 ? summarize(l.samples).p95 : undefined;
  };
  const repeats = [...new Set(a.latency.map((l) => l.repeat))].sort((x, y) => x - y);
  return repeats.flatMap((repeat) => {
    const [x, y] = [p95(a, repeat), p95(b, repeat)];
    return x === undefined || y === undefined ? [] : [[x, y] as [number, number]];
  });
}

/** p95 at `clients` in every repeat, per server: the spread behind the medians. */
export function repeatSpread(runs: Runs, clients: number): string | undefined {
  const parts = (['relay', 'floor', 'peer'] as const).flatMap((name) => {
    const run = runs[name];
    const p95s = run ? repeatSummaries(run, clients).map((s) => formatNumber(s.p95, 1)) : [];
    return p95s.length > 0 ? [`${name} ${p95s.join(', ')}`] : [];
  });
  return parts.length > 0
    ? `p95 at ${clients} clients in each repeat (ms): ${parts.join('; ')}`
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
 * [figure, relay, floor, peer, relay/peer, floor/peer] per row; a missing server or figure leaves
 * a dash, never a zero.
 */
export function figureRows(clients: readonly number[], info: RunInfo, runs: Runs): string[][] {
  return figures(clients, info).map((f) => {
    const [r, fl, p] = (['relay', 'floor', 'peer'] as const).map((name) => {
      const run = runs[name];
      return run ? f.value(run) : undefined;
    });
    const vsPeer = (v: number | undefined) =>
      formatNumber(ratio(v ?? Number.NaN, p ?? Number.NaN), 2);
    return [f.label, ...[r, fl, p].map((v) => formatNumber(v, f.digits)), vsPeer(r), vsPeer(fl)];
  });
}

/** The issue's goal: the relay's p95 at 50 clients no worse than the peer's. */
export function goalVerdict(runs: Runs): string {
  const r = runs.relay && latencySummary(runs.relay, 50)?.p95;
  const p = runs.peer && latencySummary(runs.peer, 50)?.p95;
  if (r === undefined || p === undefined)
    return 'not measured (needs relay and peer at 50 clients)';
  const verdict = r <= p ? 'met' : 'not met';
  const pairs = pairedRepeats(runs.relay!, runs.peer!, 50);
  const atOrUnder = pairs.filter(([relay, peer]) => relay <= peer).length;
  const line = `${verdict}: relay ${formatNumber(r, 1)} ms vs peer ${formatNumber(p, 1)} ms (ratio ${formatNumber(r / p, 2)}), medians over the repeats; the relay was at or under the peer in ${atOrUnder} of ${pairs.length} repeats`;
  const f = runs.floor && latencySummary(runs.floor, 50)?.p95;
  if (f === undefined) return line;
  const above =
    r > f
      ? `the relay's own code adds ${formatNumber(r - f, 1)} ms above it`
      : `the relay measured ${formatNumber(f - r, 1)} ms below it, so its own code's cost is within the run-to-run noise`;
  return `${line}. The runtime floor, which does none of the relay's work beyond storing and forwarding each frame, measured ${formatNumber(f, 1)} ms (ratio ${formatNumber(f / p, 2)}); ${above}`;
}

/** Losses, failures and measurement details that a bare table would hide. */
export function runNotes(run: ServerRun): string[] {
  const notes: string[] = [];
  for (const l of run.latency) {
    const where = `latency, ${l.clients} clients, repeat ${l.repeat + 1}`;
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

export function renderSection(info: RunInfo, clients: readonly number[], runs: Runs): string {
  const rows = figureRows(clients, info, runs);
  const ran = [runs.relay, runs.floor, runs.peer].filter((r): r is ServerRun => r !== undefined);
  const serverLines = ran.map((r) => `- **${r.name}**: ${r.description}`);
  const noteLines = ran.flatMap((r) => runNotes(r).map((n) => `- ${r.name}: ${n}`));
  const spread = repeatSpread(runs, 50);
  return [
    '## ProjectDoc relay vs @y/websocket-server',
    '',
    'Written by `pnpm bench` (`packages/workers/bench/`); rerunning it rewrites only this section.',
    '',
    `Run ${info.date}, ${info.durationS.toFixed(0)} s. Machine: ${info.cores} cores (${info.cpuModel}), ${info.memoryGiB.toFixed(0)} GiB, ${info.os}, Node ${info.node}; 1-minute load average ${info.load[0].toFixed(1)} at the start, ${info.load[1].toFixed(1)} at the end. ` +
      'The servers on 127.0.0.1, one at a time, measured by the same client code in one Node process.',
    '',
    ...serverLines,
    '',
    table(
      ['figure', 'relay', 'runtime floor', '@y/websocket-server', 'relay / peer', 'floor / peer'],
      rows,
    ),
    '',
    `**Goal** (p95 at 50 clients no worse than the peer's): ${goalVerdict(runs)}.`,
    ...(spread ? ['', `${spread}.`] : []),
    '',
    '### How it was measured',
    '',
    `- Clients: the stock y-websocket 3 \`WebsocketProvider\` over \`ws\` (no permessage-deflate, no awareness state), identical for both servers. The relay's clients send a session cookie of one signed-up project owner; all sockets share it, as tabs of one browser would (sign-in is rate-limited per IP).`,
    "- Peer: `@y/websocket-server` 0.1.1, the newest release built on Yjs 13 (the Yjs of our clients and of the relay). 0.1.5 depends on the Yjs 14 prereleases and throws on a y-websocket 3 client's first sync message (`store.getClock is not a function`), so it cannot serve these clients.",
    `- Propagation: in a fresh room of N synced clients, the clients take turns making one map edit; every other client records when its observer sees it. One write in flight at a time, ${info.warmup} warm-up writes, then ${info.writes} measured writes (N−1 samples each). Percentiles are nearest-rank over a room's samples; the series ran ${info.repeats} time${info.repeats === 1 ? '' : 's'}, each time on freshly started servers in alternating order (relay, floor, peer, then the reverse), and the table gives the median of each percentile over those runs, because one run on a shared 2-core machine can move by tens of percent. ${info.warmupClients > 0 ? `Before any of it, each server had a warm-up room of ${info.warmupClients} clients making ${info.writes} writes, not measured, so no figure includes a JIT warming up.` : 'No warm-up room (BENCH_WARMUP_CLIENTS=0): the first rooms include the servers warming up.'}`,
    "- Runtime floor: a Durable Object in the same Miniflare and workerd as the relay that accepts hibernatable WebSockets, answers sync step 1 with an empty document and, for each update, does one SQLite INSERT and forwards the frame byte for byte to every other socket. It is the least any relay on this runtime with durable-before-broadcast can do, so the part of the relay/peer ratio it shares is the runtime's, not the relay code's. It keeps no document, so it has no initial-sync figures.",
    `- Connections: ${info.connections.toLocaleString('en-US')} clients join one room in waves of 50 (budget ${info.connectBudgetS} s), re-requesting sync every 10 s so y-websocket's 30 s silence timeout does not drop them; after a 10 s hold one client writes once. This, the initial sync and memory are measured in the first repeat only.`,
    `- Initial sync: one writer makes ${info.priorUpdates.toLocaleString('en-US')} separate edits (one update message each) as fast as it can send them while a watcher waits to see them all (the ingest time); a client that opens its socket right after the last edit was sent, while the server still works through the burst, is timed from opening the socket to the server's answer to its sync (the first join during the burst); then ${info.syncRepeats} new clients join one after another, timed from opening the socket (including, for the relay, the auth check) to holding the whole document.`,
    "- Memory: resident set size from /proc of the server's processes: the peer's Node process; for the relay and the floor, their workerd processes (under `wrangler dev`, also the dev proxy in front of the runtime, which holds a second copy of every socket; the split is in the notes). The Node process driving Miniflare or wrangler is not counted.",
    '',
    '### What limits these figures',
    '',
    `- ${info.cores} cores shared by the server, the clients and any other work on the machine (the load averages above; anything over ${info.cores} means the processes queued for CPU, which inflates the tails of both servers and makes reruns differ by tens of percent). At 200 clients a large share of the measured latency is the single client process decoding 199 copies of each message, the same for both servers.`,
    "- The relay's and the floor's state directories are under the system temp directory, on disk here as with `npm start`; every SQLite commit is synced there before what it stored is relayed (R1's output gate), which dominates the relay's small-room latency. The floor commits each update on its own; the relay commits the updates that arrived together as one group (R13), so a burst costs it a few syncs, not one per update. `TMPDIR=/dev/shm pnpm bench` shows the figures without disk syncs.",
    info.relayHost === 'miniflare'
      ? "- The relay runs in the local workerd that `wrangler dev` runs, driven by Miniflare directly, so clients reach the runtime as they would reach Cloudflare. `npm start` puts wrangler's dev proxy (a second workerd) in front, and every frame crosses that extra local hop: `BENCH_RELAY_HOST=wrangler-dev pnpm bench` measures it that way."
      : '- The relay is `wrangler dev` (BENCH_RELAY_HOST=wrangler-dev): local workerd with its dev proxy in front, so every frame crosses one extra local hop that production does not have.',
    '- Besides durability the relay does a session and membership check by the Worker on every upgrade, validates and applies every update to its Yjs document, and exports to D1 by alarm. The peer keeps documents in memory only, with no auth and no persistence: a lower bound, below which the relay pays for durability and access control.',
    '- Loopback networking: no real network latency or bandwidth limits; production Cloudflare runs Durable Objects on other hardware.',
    '',
    ...(noteLines.length > 0 ? ['### Notes from this run', '', ...noteLines, ''] : []),
  ].join('\n');
}
