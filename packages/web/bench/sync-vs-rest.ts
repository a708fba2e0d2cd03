/**
 * `pnpm bench` group "sync-vs-rest" (issue 4): the offline sync engine's enqueue, replay and pull
 * against one REST call per mutation, on one fresh local server (wrangler dev, workerd, D1).
 * Prints the section and rewrites it in docs/benchmarks.md. Settings: see config.ts.
 */
import { summarize } from '@corates/bench-kit/stats';
import { appVersion } from '../app-version.ts';
import { signUp } from './accounts.ts';
import { freshCache } from './cache.ts';
import { readConfig } from './config.ts';
import { pullWithEngine, replayWithEngine, seedOverSync } from './engine-peer.ts';
import { pullSeed, replayMix } from './mutation-script.ts';
import { renderSection, SECTION_ID, type SyncBenchResults } from './report.ts';
import { readBackOverRest, replayOverRest } from './rest-peer.ts';
import { log, publishSection, startRun } from './run-record.ts';
import { startApp } from './server.ts';
import { verifyProjects } from './verify.ts';

async function measure(base: string, ops: number, pullRows: number): Promise<SyncBenchResults> {
  const version = appVersion;
  const [engineOwner, restOwner, pullOwner, collaborator] = [
    await signUp(base, 'sync-owner'),
    await signUp(base, 'rest-owner'),
    await signUp(base, 'pull-owner'),
    await signUp(base, 'collaborator'),
  ];
  const colleague = { userId: collaborator.id, email: collaborator.email };
  const newId = () => crypto.randomUUID();
  const errors: string[] = [];

  log(`naive peer: ${ops} mutations, one REST call each`);
  const restMix = replayMix(ops, colleague, newId);
  const rest = await replayOverRest(base, restOwner, restMix, version);
  errors.push(...rest.failures.map((f) => `naive peer: ${f}`));

  log(`engine: enqueue ${ops} mutations, then drain`);
  const engineMix = replayMix(ops, colleague, newId);
  const engine = await replayWithEngine(base, engineOwner, engineMix, version);
  errors.push(...engine.failures.map((f) => `engine: ${f}`));

  log('checking both sides on the server');
  const engineVerified = await verifyProjects(base, engineOwner, engineMix, version);
  const restVerified = await verifyProjects(base, restOwner, restMix, version);

  log(`pull: seeding ${pullRows} rows`);
  await seedOverSync(base, pullOwner, pullSeed(pullRows, newId), version);
  log('pull: naive peer reads everything back');
  const restPull = await readBackOverRest(base, pullOwner, freshCache(pullOwner.id), version);
  log('pull: engine');
  const enginePull = await pullWithEngine(base, pullOwner, version);

  return {
    ops,
    pullRows,
    enqueue: summarize(engine.enqueueMs),
    restCall: summarize(rest.latenciesMs),
    engine: {
      totalMs: engine.drainMs,
      cycleMs: engine.cycleMs,
      requests: engine.batches,
      waitingMs: engine.waitingMs,
      failed: engine.failedOps,
      verified: engineVerified,
    },
    rest: {
      totalMs: rest.totalMs,
      requests: ops,
      failed: rest.failureCount,
      verified: restVerified,
    },
    pull: { engine: enginePull, rest: restPull },
    errors,
  };
}

async function main() {
  const config = readConfig(process.env);
  const run = startRun();
  log('starting the Worker (wrangler dev, fresh local D1)');
  const app = await startApp();
  let results: SyncBenchResults;
  try {
    results = await measure(app.base, config.ops, config.pullRows);
  } finally {
    await app.stop();
    log('server stopped');
  }
  publishSection(config.out, SECTION_ID, renderSection(run.finish(app.description), results));
}

// No cleanup on exit: the server stops itself when this process's end of its stdin closes.
main().then(
  // The engine's Dexie live queries may keep timers; the run is over.
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
