// The app's Worker under `wrangler dev` as a process the test can kill and start again on the same
// port and local state, for tests that restart the server mid-run. (startApp() runs the README's
// start script, which also builds and seeds; a restart needs only the Worker.)
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const workers = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../workers');
const wranglerJs = path.join(workers, 'node_modules/wrangler/bin/wrangler.js');
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' };

/** `wrangler <args>` in packages/workers; resolves with stdout. */
export async function wrangler(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [wranglerJs, ...args], {
    cwd: workers,
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

/** Runs SQL against the local D1 database the Worker uses (the real file, not a copy). */
export async function queryLocalD1<T>(persistDir: string, sql: string): Promise<T[]> {
  const out = await wrangler([
    'd1',
    'execute',
    'DB',
    '--local',
    '--persist-to',
    persistDir,
    '--json',
    '--command',
    sql,
  ]);
  const parsed = JSON.parse(out) as Array<{ results: T[] }>;
  return parsed.flatMap((r) => r.results);
}

export interface WorkerProcess {
  readonly url: string;
  /** Kills wrangler and workerd at once (SIGKILL: a crash, not a graceful shutdown). */
  kill(): Promise<void>;
  /** Starts again on the same port and persist dir; resolves once it answers. */
  start(): Promise<void>;
}

export async function workerProcess(
  port: number,
  persistDir: string,
  /** Another wrangler config in packages/workers (e.g. one serving an older web build). */
  config?: string,
  /** Variables for the Worker (`--var`), e.g. a federation key and FEDERATION_ALLOW_LOCAL_PEERS. */
  vars: Record<string, string> = {},
): Promise<WorkerProcess> {
  await wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir]);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  async function waitUntilUp(proc: ChildProcess): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`wrangler dev exited with ${proc.exitCode}`);
      const ok = await fetch(`${url}/api/metadata`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`wrangler dev did not answer on ${url} within 120 s`);
  }

  return {
    url,
    async start() {
      // Its own process group, so one kill stops wrangler and the workerd it spawned.
      const proc = spawn(
        process.execPath,
        [
          wranglerJs,
          'dev',
          '--ip',
          '127.0.0.1',
          '--port',
          String(port),
          '--persist-to',
          persistDir,
          ...(config ? ['--config', config] : []),
          ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
          '--show-interactive-dev-session=false',
          '--log-level',
          'error',
        ],
        { cwd: workers, env, detached: true, stdio: 'ignore' },
      );
      child = proc;
      await waitUntilUp(proc);
    },
    async kill() {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(-proc.pid!, 'SIGKILL');
      await exited;
      // workerd may hold the port a moment after its parent is gone.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const up = await fetch(`${url}/api/metadata`).then(
          () => true,
          () => false,
        );
        if (!up) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
