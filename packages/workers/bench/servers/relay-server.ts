import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  freePort,
  type ProcessInfo,
  processTree,
  spawnGroup,
  stopGroup,
  untilServing,
} from '../lib/processes.ts';
import { mib } from '../lib/units.ts';
import type { BenchServer, RoomAddress, ServerMemory } from './bench-server.ts';
import {
  buildOnce,
  migratedState,
  miniflareHost,
  miniflareVersion,
  runWrangler,
  tail,
  workersDir,
  wranglerBin,
  wranglerEnv,
} from './wrangler.ts';

/** How the relay is served: as `npm start` does, or by the same runtime without the dev proxy. */
export type RelayHost = 'wrangler-dev' | 'miniflare';

/**
 * The CoRATES Worker and its ProjectDoc Durable Object in local workerd (same config, bindings
 * and on-disk SQLite as `npm start`), on a throwaway persistence directory.
 * - `wrangler-dev` (server `relay-npm-start`): `wrangler dev --no-bundle` as `npm start` runs it,
 *   which puts a dev proxy (a second workerd process, holding a second copy of every socket) in
 *   front of the runtime, and inside it Miniflare's asset router Worker in front of the app
 *   (wrangler.jsonc's `assets`, here an empty placeholder: only /api is used).
 * - `miniflare` (server `relay`): the library wrangler dev runs underneath, driven directly
 *   (miniflare-host.ts), without the asset router: clients talk to the app's Worker in the
 *   runtime's own process, as the floor's and the peer's clients talk to theirs. On Cloudflare the
 *   asset router is the platform's, ahead of the Worker and outside its isolate, and
 *   `run_worker_first` sends /api/* to the Worker; locally it is one more Worker in the same
 *   workerd, through which every socket and frame would pass, so its time and memory would be
 *   counted as the relay's.
 */
export async function startRelay(host: RelayHost): Promise<BenchServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'corates-bench-relay-'));
  try {
    return await launch(dir, host);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true }); // the error carries the log's tail
    throw e;
  }
}

async function launch(dir: string, host: RelayHost): Promise<BenchServer> {
  const state = path.join(dir, 'state');
  const assets = path.join(dir, 'assets');
  const logFile = path.join(dir, 'server.log');
  mkdirSync(assets);
  writeFileSync(path.join(assets, 'index.html'), '<!doctype html><title>bench</title>\n');

  await migratedState(state, logFile);
  // Bundle once and serve that frozen copy: `wrangler dev` otherwise rebuilds on every source
  // change in the tree and drops every socket, which would end the run's connections mid-way.
  const bundle = await buildOnce('relay', (out) =>
    runWrangler(['deploy', '--dry-run', '--outdir', out, '--assets', assets], logFile),
  );

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const script = path.join(bundle, 'index.js');
  const server =
    host === 'wrangler-dev'
      ? spawnGroup(
          process.execPath,
          [
            wranglerBin,
            'dev',
            script,
            '--no-bundle',
            // Named, because with a script argument wrangler looks for a config beside the script.
            '--config',
            path.join(workersDir, 'wrangler.jsonc'),
            '--ip',
            '127.0.0.1',
            '--port',
            String(port),
            '--persist-to',
            state,
            '--assets',
            assets,
            '--show-interactive-dev-session=false',
            '--log-level',
            'warn',
          ],
          { cwd: workersDir, env: wranglerEnv, logFile },
        )
      : spawnGroup(
          process.execPath,
          [
            '--import',
            'tsx',
            miniflareHost,
            script,
            state,
            String(port),
            path.join(workersDir, 'wrangler.jsonc'),
          ],
          { cwd: workersDir, env: wranglerEnv, logFile },
        );
  try {
    await untilServing(server, `${base}/api/metadata`, 120_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${tail(logFile)}`, { cause: e });
  }

  // One owner for every client: sign-up is rate-limited per IP, and many sockets may share a
  // session cookie just as many tabs of one browser do.
  const cookie = await signUp(base);

  return {
    name: host === 'wrangler-dev' ? 'relay-npm-start' : 'relay',
    description:
      host === 'wrangler-dev'
        ? `the same bundle served as \`npm start\` serves the app: \`wrangler dev --no-bundle\` with wrangler.jsonc and its assets (local workerd with Miniflare's asset router Worker in front of the app, behind wrangler's dev proxy, a second workerd), state under ${tmpdir()}`
        : `CoRATES Worker + ProjectDoc Durable Object, bundled once and served by Miniflare ${miniflareVersion()} directly with wrangler's own options for wrangler.jsonc but without its assets (the local workerd \`wrangler dev\` runs, without its dev proxy and without the asset router Worker it puts in front of the app: on Cloudflare that router is the platform's), state under ${tmpdir()}`,
    async newRoom(tag: string): Promise<RoomAddress> {
      const res = await post(base, '/api/projects', { name: `bench ${tag}` }, cookie);
      if (res.status !== 201) throw new Error(`create project: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      return {
        serverUrl: `ws://127.0.0.1:${port}/api/projects/${id}`,
        room: 'doc',
        headers: { Cookie: cookie },
      };
    },
    memory(): ServerMemory {
      const tree = processTree(server.pid);
      // wrangler runs two workerd processes: a dev proxy bound to the public port, and the
      // runtime that hosts the Worker and its Durable Objects. Both hold every socket.
      // Miniflare's one workerd is bound to the port itself.
      const isProxy = (p: ProcessInfo) =>
        host === 'wrangler-dev' && p.cmdline.includes(`entry=127.0.0.1:${port} `);
      const workerd = tree.filter((p) => p.comm === 'workerd');
      const sum = (ps: ProcessInfo[]) => ps.reduce((n, p) => n + p.rssBytes, 0);
      const runtime = sum(workerd.filter((p) => !isProxy(p)));
      const proxy = sum(workerd.filter(isProxy));
      const others = sum(tree.filter((p) => p.comm !== 'workerd'));
      return {
        rssBytes: runtime + proxy,
        detail:
          host === 'wrangler-dev'
            ? `workerd runtime ${mib(runtime)} + dev proxy ${mib(proxy)}; not counted: wrangler/esbuild ${mib(others)}`
            : `workerd runtime ${mib(runtime)}; not counted: the Node process driving Miniflare ${mib(others)}`,
      };
    },
    async stop() {
      await stopGroup(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function signUp(base: string): Promise<string> {
  const res = await post(base, '/api/auth/sign-up/email', {
    name: 'Bench Owner',
    email: 'bench-owner@corates.dev',
    password: 'bench-password',
  });
  if (!res.ok) throw new Error(`sign-up: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

function post(base: string, route: string, body: unknown, cookie?: string) {
  return fetch(`${base}${route}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: base,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify(body),
  });
}
