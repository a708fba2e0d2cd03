import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  type GroupProcess,
  miniflareMemory,
  spawnGroup,
  stopGroup,
  untilServing,
} from '../lib/processes.ts';
import type { RoomAddress, ServerMemory } from './bench-server.ts';

const workersDir = fileURLToPath(new URL('../..', import.meta.url));
const wranglerBin = path.join(workersDir, 'node_modules/wrangler/bin/wrangler.js');
const host = fileURLToPath(new URL('doc-cut-host.ts', import.meta.url));
const worker = fileURLToPath(new URL('doc-cut-worker.ts', import.meta.url));
const env = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
};

/** How the Durable Objects are cut (doc-cut-worker.ts). */
export type Cut = 'v1' | 'a' | 'b';

/** A document of a project: the project document or one checklist's. */
export type DocName = 'project' | { checklist: string };

const docPath = (doc: DocName) =>
  doc === 'project' ? 'project' : `checklists/${encodeURIComponent(doc.checklist)}`;

/**
 * Bundles doc-cut-worker.ts with wrangler (as the relay bench bundles the Worker) into `dir`;
 * answers the entry module's path.
 */
export async function bundleDocCutWorker(dir: string): Promise<string> {
  const config = path.join(dir, 'wrangler.json');
  writeFileSync(
    config,
    JSON.stringify({
      name: 'corates-doc-cut-bench',
      main: worker,
      compatibility_date: '2026-08-01',
      compatibility_flags: ['nodejs_compat'],
      durable_objects: { bindings: [{ name: 'DOCS', class_name: 'DocCutObject' }] },
      migrations: [{ tag: 'v1', new_sqlite_classes: ['DocCutObject'] }],
    }),
  );
  const outdir = path.join(dir, 'bundle');
  const logFile = path.join(dir, 'bundle.log');
  const child = spawnGroup(
    process.execPath,
    [wranglerBin, 'deploy', '--dry-run', '--config', config, '--outdir', outdir],
    { cwd: workersDir, env: { ...env, CI: 'true' }, logFile },
  );
  const code = await child.exited;
  await stopGroup(child);
  if (code !== 0) throw new Error(`bundling the doc-cut Worker failed:\n${tail(logFile)}`);
  return path.join(outdir, 'doc-cut-worker.js');
}

/** The doc-cut Worker in local workerd, state in `stateDir` (kept across restarts). */
export class DocCutServer {
  private process: GroupProcess | undefined;
  private port = 0;

  private constructor(
    private readonly bundle: string,
    private readonly stateDir: string,
  ) {}

  static async start(bundle: string, stateDir: string): Promise<DocCutServer> {
    const server = new DocCutServer(bundle, stateDir);
    await server.launch();
    return server;
  }

  private async launch() {
    this.port = await freePort();
    const logFile = path.join(this.stateDir, 'server.log');
    this.process = spawnGroup(
      process.execPath,
      ['--import', 'tsx', host, this.bundle, path.join(this.stateDir, 'state'), String(this.port)],
      { cwd: workersDir, env, logFile },
    );
    try {
      await untilServing(this.process, `${this.base}/stats`, 120_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${tail(logFile)}`, { cause: e });
    }
  }

  /** A new process on the same state: every document on disk, no object in memory. */
  async restart() {
    if (this.process) await stopGroup(this.process);
    await this.launch();
  }

  async stop() {
    if (this.process) await stopGroup(this.process);
    this.process = undefined;
  }

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where a client opens `doc` (y-websocket's serverUrl + '/' + room). */
  address(cut: Cut, projectId: string, doc: DocName, userId: string): RoomAddress {
    return {
      serverUrl: `ws://127.0.0.1:${this.port}/ws/${cut}/${projectId}`,
      room: docPath(doc),
      headers: { 'X-Bench-User': userId },
    };
  }

  /** Applies `update` to the document and compacts it, as a long-lived document is stored. */
  async seed(cut: Cut, projectId: string, doc: DocName, update: Uint8Array) {
    const res = await fetch(`${this.base}/seed/${cut}/${projectId}/${docPath(doc)}`, {
      method: 'POST',
      body: update,
    });
    if (!res.ok) throw new Error(`seed ${docPath(doc)}: ${res.status} ${await res.text()}`);
  }

  /** Resets the object holding `doc`: its next use constructs it and loads from SQLite. */
  async evict(cut: Cut, projectId: string, doc: DocName) {
    const res = await fetch(`${this.base}/evict/${cut}/${projectId}/${docPath(doc)}`, {
      method: 'POST',
    });
    await res.body?.cancel();
  }

  /** Closes every socket `userId` holds in the project's documents; answers how many it closed. */
  async revoke(cut: Cut, projectId: string, userId: string): Promise<number> {
    const res = await fetch(`${this.base}/revoke/${cut}/${projectId}/project`, {
      method: 'POST',
      headers: { 'X-Bench-User': userId },
    });
    if (!res.ok) throw new Error(`revoke: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { closed: number }).closed;
  }

  /** Objects constructed since the process started. */
  async instances(): Promise<number> {
    const res = await fetch(`${this.base}/stats`);
    return ((await res.json()) as { instances: number }).instances;
  }

  /** RSS of the workerd process (the Node process driving Miniflare is not counted). */
  memory(): ServerMemory {
    return miniflareMemory(this.process?.pid);
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}
