import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  miniflareHost,
  miniflareVersion,
  relayCompatibilityDate,
  runWrangler,
  tail,
  workersDir,
  wranglerEnv,
} from './wrangler.ts';

const worker = fileURLToPath(new URL('y-partyserver-worker.ts', import.meta.url));

/** y-partyserver-worker.ts: each update stored before it is broadcast, or its default debounce. */
export type YPartyServerVariant = 'stored' | 'debounced';

const party = { stored: 'stored-room', debounced: 'debounced-room' } as const;

/**
 * y-partyserver (y-partyserver-worker.ts), bundled by wrangler as the relay is and served by the
 * same Miniflare host, in its own process so its memory is its own; state under the temp directory.
 */
export async function startYPartyServer(variant: YPartyServerVariant): Promise<BenchServer> {
  const dir = mkdtempSync(path.join(tmpdir(), `corates-bench-yps-${variant}-`));
  try {
    return await launch(dir, variant);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

async function launch(dir: string, variant: YPartyServerVariant): Promise<BenchServer> {
  const logFile = path.join(dir, 'server.log');
  const config = path.join(dir, 'wrangler.json');
  writeFileSync(
    config,
    JSON.stringify({
      name: 'y-partyserver-bench',
      main: worker,
      compatibility_date: relayCompatibilityDate(),
      durable_objects: {
        bindings: [
          { name: 'StoredRoom', class_name: 'StoredRoom' },
          { name: 'DebouncedRoom', class_name: 'DebouncedRoom' },
        ],
      },
      migrations: [{ tag: 'v1', new_sqlite_classes: ['StoredRoom', 'DebouncedRoom'] }],
    }),
  );
  // One bundle holds both variants; built once per run.
  const bundle = await buildOnce('y-partyserver', (out) =>
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
      path.join(bundle, 'y-partyserver-worker.js'),
      path.join(dir, 'state'),
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
  const how =
    variant === 'stored'
      ? 'each update INSERTed into the room’s SQLite before it is broadcast'
      : 'its default: the whole document saved by a debounced onSave (2 s wait, 10 s at most), after the broadcast';
  return {
    name: variant === 'stored' ? 'yps-stored' : 'yps-debounced',
    description: `y-partyserver ${version('y-partyserver')} (partyserver ${version('partyserver')}), ${how}; default options (no hibernation), bundled by wrangler and served by Miniflare ${miniflareVersion()} like the relay, state under ${tmpdir()}`,
    async newRoom(tag: string): Promise<RoomAddress> {
      return {
        serverUrl: `ws://127.0.0.1:${port}/parties/${party[variant]}`,
        room: `bench-${tag}`,
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

function version(pkg: string): string {
  const file = path.join(workersDir, 'node_modules', pkg, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
