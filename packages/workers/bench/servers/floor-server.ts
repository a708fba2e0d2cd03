import { mkdtempSync, rmSync } from 'node:fs';
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

const workersDir = fileURLToPath(new URL('../..', import.meta.url));
const floorHost = fileURLToPath(new URL('floor-host.ts', import.meta.url));

/** The runtime's floor (floor-host.ts) in its own process group, state under the temp directory. */
export async function startFloor(): Promise<BenchServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'corates-bench-floor-'));
  const port = await freePort();
  const server = spawnGroup(
    process.execPath,
    ['--import', 'tsx', floorHost, path.join(dir, 'state'), String(port)],
    { cwd: workersDir, env: process.env, logFile: path.join(dir, 'server.log') },
  );
  try {
    await untilServing(server, `http://127.0.0.1:${port}/`, 60_000);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    name: 'floor',
    description: `a Durable Object that only forwards frames (hibernatable WebSockets, one SQLite INSERT per update before forwarding it; no Yjs, no auth, no D1), in the same Miniflare and workerd as the relay, state under ${tmpdir()}`,
    async newRoom(tag: string): Promise<RoomAddress> {
      return { serverUrl: `ws://127.0.0.1:${port}`, room: `bench-${tag}`, headers: {} };
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
