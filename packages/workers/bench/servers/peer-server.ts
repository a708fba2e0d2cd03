import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, processTree, spawnGroup, stopGroup, untilServing } from '../lib/processes.ts';
import type { BenchServer, RoomAddress } from './bench-server.ts';

/**
 * The stock y-websocket server (`@y/websocket-server`'s own `server.js`, unmodified: in-memory
 * documents, no auth, no persistence) as a child Node process, so its RSS is its own.
 */
export async function startPeer(): Promise<BenchServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'corates-bench-peer-'));
  const port = await freePort();
  // The package exports no `./server`; its bin is `src/server.js` beside package.json.
  const pkg = fileURLToPath(import.meta.resolve('@y/websocket-server/package.json'));
  const script = path.join(path.dirname(pkg), 'src', 'server.js');
  const server = spawnGroup(process.execPath, [script], {
    cwd: dir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    logFile: path.join(dir, 'server.log'),
  });
  try {
    await untilServing(server, `http://127.0.0.1:${port}/`, 30_000);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    name: 'ws-server',
    description: `${versions(script)}, stock \`server.js\` (in-memory documents, no auth, no persistence) on Node ${process.versions.node}`,
    async newRoom(tag: string): Promise<RoomAddress> {
      return { serverUrl: `ws://127.0.0.1:${port}`, room: `bench-${tag}`, headers: {} };
    },
    memory() {
      const rssBytes = processTree(server.pid).reduce((n, p) => n + p.rssBytes, 0);
      return { rssBytes, detail: 'the server process' };
    },
    async stop() {
      await stopGroup(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Versions of the server package and of the Yjs it runs (its own dependency, not ours). */
function versions(script: string): string {
  const req = createRequire(script);
  const read = (file: string) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  const server = read(path.join(path.dirname(script), '..', 'package.json'));
  const yjs = read(path.join(path.dirname(req.resolve('yjs')), '..', 'package.json'));
  return `@y/websocket-server ${server} (yjs ${yjs})`;
}
