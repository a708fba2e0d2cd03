/**
 * `pnpm bench` group "relay-vs-peer": the ProjectDoc relay in local workerd against the runtime's
 * floor (a Durable Object that only stores and forwards frames) and a same-runtime Yjs peer
 * (y-partyserver, storing each update before broadcasting it, and in its default debounced
 * variant), with the stock Node @y/websocket-server as a reference; same client code, same run.
 * Prints the section and rewrites it in docs/benchmarks.md. Settings: see config.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig, type BenchConfig } from './config.ts';
import { replaceSection } from '@corates/bench-kit/markdown';
import { killAllGroupsSync } from './lib/processes.ts';
import { sleep } from './lib/sleep.ts';
import { renderSection, type Runs, SECTION_ID, type RunInfo } from './report/relay-vs-peer.ts';
import { measureConnections } from './scenarios/connections.ts';
import { measureInitialSync } from './scenarios/initial-sync.ts';
import { measureLatency } from './scenarios/latency.ts';
import { latencyMode } from './scenarios/latency-modes.ts';
import type { BenchServer, ServerName } from './servers/bench-server.ts';
import { startFloor } from './servers/floor-server.ts';
import { startPeer } from './servers/peer-server.ts';
import { startRelayAlone } from './servers/relay-alone-server.ts';
import { startRelay } from './servers/relay-server.ts';
import { startYPartyServer } from './servers/y-partyserver-server.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const DOC_HEADER =
  '# Benchmarks\n\nFigures measured by `pnpm bench` on the machine named in each section. Each benchmark group rewrites only its own section (between its `bench:` markers).\n';

function log(message: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const starters: Record<ServerName, () => Promise<BenchServer>> = {
  relay: () => startRelay('miniflare'),
  'relay-npm-start': () => startRelay('wrangler-dev'),
  floor: startFloor,
  'yps-stored': () => startYPartyServer('stored'),
  'yps-debounced': () => startYPartyServer('debounced'),
  'ws-server': () => startPeer(),
  'relay-alone': () => startRelayAlone(),
};

/**
 * One repeat on a freshly started server: a warm-up room, then the latency series. The first
 * repeat also holds the connections, times the initial sync and reads memory.
 */
async function runServer(name: ServerName, config: BenchConfig, repeat: number, runs: Runs) {
  log(`${name}: starting (repeat ${repeat + 1} of ${config.repeats})`);
  const server = await starters[name]();
  const run = (runs[name] ??= {
    name,
    description: server.description,
    latency: [],
    memory: {},
    errors: [],
  });
  const first = repeat === 0;
  const attempt = async (what: string, body: () => Promise<void>) => {
    try {
      await body();
    } catch (e) {
      run.errors.push(`${what} failed: ${(e as Error).message.split('\n')[0]}`);
      log(`${name}: ${what} failed: ${(e as Error).stack}`);
    }
  };
  try {
    await sleep(2_000, undefined); // let startup work (JIT, first D1 queries) settle
    if (first) run.memory.idle = server.memory();
    if (config.warmupClients > 0) {
      await attempt('warm-up', async () => {
        log(`${name}: warm-up room, ${config.warmupClients} clients (not measured)`);
        await measureLatency(
          server,
          config.warmupClients,
          config.writes,
          0,
          latencyMode('bare', 0),
        );
      });
    }
    for (const modeName of config.latencyModes) {
      const mode = latencyMode(modeName, config.paceMs);
      for (const n of config.clients) {
        await attempt(`latency ${n} ${modeName}`, async () => {
          log(`${name}: propagation latency, ${n} clients, ${modeName}`);
          const result = await measureLatency(server, n, config.writes, config.warmup, mode);
          run.latency.push({ ...result, repeat });
        });
      }
    }
    if (first && config.connections > 0 && config.parts.includes('connections')) {
      await attempt('connections', async () => {
        log(`${name}: holding ${config.connections} connections in one room`);
        run.connections = await measureConnections(
          server,
          config.connections,
          config.connectBudgetMs,
        );
        log(`${name}: ${run.connections.synced} synced, ${run.connections.held} held`);
      });
    }
    // The floor keeps no document, so a new client has nothing to sync.
    if (
      first &&
      config.priorUpdates > 0 &&
      name !== 'floor' &&
      config.parts.includes('initial-sync')
    ) {
      await attempt('initial sync', async () => {
        log(`${name}: new-client sync of ${config.priorUpdates} prior updates`);
        run.initialSync = await measureInitialSync(server, config.priorUpdates, config.syncRepeats);
      });
    }
    if (first) {
      await sleep(2_000, undefined); // closed sockets released
      run.memory.end = server.memory();
    }
  } finally {
    await server.stop();
    log(`${name}: stopped`);
  }
}

async function main() {
  const config = readConfig(process.env);
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  const runs: Runs = {};
  for (let repeat = 0; repeat < config.repeats; repeat++) {
    const order = repeat % 2 === 0 ? config.servers : [...config.servers].reverse();
    for (const name of order) await runServer(name, config, repeat, runs);
  }

  const info: RunInfo = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.versions.node,
    os: `${os.type()} ${os.release()}`,
    durationS: (performance.now() - started) / 1000,
    load: [loadAtStart, os.loadavg()[0]!],
    commit: gitCommit(),
    writes: config.writes,
    warmup: config.warmup,
    latencyModes: config.latencyModes,
    paceMs: config.paceMs,
    warmupClients: config.warmupClients,
    repeats: config.repeats,
    connections: config.connections,
    connectBudgetS: config.connectBudgetMs / 1000,
    priorUpdates: config.priorUpdates,
    syncRepeats: config.syncRepeats,
  };
  const section = renderSection(info, config.clients, runs);
  process.stdout.write(`\n${section}\n`);

  if (config.out) {
    const file = path.resolve(repoRoot, config.out);
    const doc = existsSync(file) ? readFileSync(file, 'utf8') : DOC_HEADER;
    writeFileSync(file, replaceSection(doc, SECTION_ID, section));
    log(`wrote ${path.relative(repoRoot, file)}`);
  }
}

/** The commit measured, and whether the working tree differed from it. */
function gitCommit(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

// Every y-websocket provider adds a process 'exit' listener; a thousand of them are expected here.
process.setMaxListeners(0);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllGroupsSync();
    process.exit(130);
  });
}
process.once('exit', killAllGroupsSync);

main().then(
  // Providers keep timers; the run is over, so leave without waiting for them.
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
