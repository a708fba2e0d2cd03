import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unstable_readConfig } from 'wrangler';
import {
  freePort,
  miniflareMemory,
  spawnGroup,
  stopGroup,
  untilServing,
} from '../lib/processes.ts';
import type { BenchServer, RoomAddress } from './bench-server.ts';
import {
  buildOnce,
  migratedState,
  miniflareHost,
  miniflareVersion,
  runWrangler,
  tail,
  workersDir,
  wranglerEnv,
} from './wrangler.ts';

const worker = fileURLToPath(new URL('relay-alone-worker.ts', import.meta.url));

/**
 * Experiment: the relay's Durable Object in its own small Worker (relay-alone-worker.ts), with the
 * app's D1 (migrated, so the export alarm and the client-version check run their queries) and
 * vars, bundled by wrangler and served by the same Miniflare host as the relay.
 */
export async function startRelayAlone(): Promise<BenchServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'corates-bench-relay-alone-'));
  try {
    return await launch(dir);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

async function launch(dir: string): Promise<BenchServer> {
  const logFile = path.join(dir, 'server.log');
  const state = path.join(dir, 'state');
  const config = path.join(dir, 'wrangler.json');
  const app = unstable_readConfig({ config: path.join(workersDir, 'wrangler.jsonc') });
  writeFileSync(
    config,
    JSON.stringify({
      name: 'relay-alone',
      main: worker,
      compatibility_date: app.compatibility_date,
      compatibility_flags: app.compatibility_flags,
      vars: app.vars,
      d1_databases: app.d1_databases.map(
        (d: { binding: string; database_name?: string; database_id?: string }) => ({
          binding: d.binding,
          database_name: d.database_name,
          database_id: d.database_id,
        }),
      ),
      durable_objects: { bindings: [{ name: 'PROJECT_DOC', class_name: 'ProjectDoc' }] },
      migrations: [{ tag: 'v1', new_sqlite_classes: ['ProjectDoc'] }],
    }),
  );
  // The app's migrations, into the same database id the small Worker binds.
  await migratedState(state, logFile);
  const bundle = await buildOnce('relay-alone', (out) =>
    runWrangler(['deploy', '--dry-run', '--config', config, '--outdir', out], logFile),
  );

  const port = await freePort();
  const server = spawnGroup(
    process.execPath,
    [
      '--import',
      'tsx',
      miniflareHost,
      // wrangler names the bundle after the entry point.
      path.join(bundle, 'relay-alone-worker.js'),
      state,
      String(port),
      config,
    ],
    { cwd: workersDir, env: wranglerEnv, logFile },
  );
  try {
    await untilServing(server, `http://127.0.0.1:${port}/`, 60_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${tail(logFile)}`, { cause: e });
  }
  let rooms = 0;
  return {
    name: 'relay-alone',
    description: `EXPERIMENT, not a figure of record: the relay's ProjectDoc Durable Object in a Worker of its own (bench/servers/relay-alone-worker.ts: no Hono, no better-auth, no routes; upgrades go straight to the object with the identity the app's route would set, no session check; the object checks membership as the relay's does), the app's D1 and vars, bundled by wrangler and served by Miniflare ${miniflareVersion()} like the relay. Its owner is made a member of each project in D1 first (once per project), so its export alarm writes to D1 as the relay's does, state under ${tmpdir()}`,
    async newRoom(): Promise<RoomAddress> {
      return {
        serverUrl: `ws://127.0.0.1:${port}/bench-project-${++rooms}`,
        room: 'doc',
        headers: {},
      };
    },
    memory() {
      return miniflareMemory(server.pid);
    },
    async stop() {
      await stopGroup(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
