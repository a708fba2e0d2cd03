import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@corates/bench-kit/free-port';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface RunningApp {
  url: string;
  persistDir: string;
  stop(): Promise<void>;
}

/** The folder `npm start` keeps its state in when PERSIST_DIR is not set (scripts/lib/toolchain.sh). */
export const DEFAULT_STATE_DIR = path.join(root, '.data/local');

/**
 * The app's output, kept in its throwaway state folder for the tests (E2E_PERSIST_DIR): the local
 * mail transport logs the links it does not send, and a password reset's link is shown nowhere else.
 */
export const APP_LOG = 'app-output.log';

/** The end of a long log, where a failed start says why (CI shortens long messages in the middle). */
function tail(output: string, lines = 40): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts the app in its own process group, so stopping it stops wrangler and workerd too.
 * By default `bash scripts/start.sh` with throwaway state; `asDocumented` runs `npm start` exactly
 * as the README says, on its default state folder (only the port is free-chosen), which is kept.
 * A start that exits before serving is tried again on another port (a port can be taken between
 * choosing it and binding it); the failed attempt's output is printed, so a real fault still shows.
 */
export interface StartOptions {
  asDocumented?: boolean;
  /** Another checkout of the repository to start instead of this one (a benchmark's older build). */
  root?: string;
  /** Settings for scripts/start.sh besides PORT and PERSIST_DIR (e.g. FEDERATION_ALLOW_LOCAL_PEERS). */
  env?: Record<string, string>;
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (err) {
      if (attempt === attempts || !(err instanceof StartExited)) throw err;
      console.error(`# the app did not start (attempt ${attempt} of ${attempts}):\n${err.message}`);
    }
  }
}

class StartExited extends Error {}

async function startOnce(options: StartOptions): Promise<RunningApp> {
  const port = await freePort();
  const persistDir = options.asDocumented
    ? DEFAULT_STATE_DIR
    : mkdtempSync(path.join(tmpdir(), 'corates-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PORT: String(port) };
  if (options.asDocumented) delete env.PERSIST_DIR;
  else env.PERSIST_DIR = persistDir;
  const [command, args] = options.asDocumented
    ? ['npm', ['start']]
    : ['bash', ['scripts/start.sh']];
  const child: ChildProcess = spawn(command, args, {
    cwd: options.root ?? root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the app did not start in 180 s:\n${tail(output)}`)),
      180_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.asDocumented) appendFileSync(path.join(persistDir, APP_LOG), chunk);
      const m = /CoRATES is running at (http:\/\/[\w.:]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!options.asDocumented) rmSync(persistDir, { recursive: true, force: true });
      reject(new StartExited(`${command} ${args.join(' ')} exited with ${code}:\n${tail(output)}`));
    });
  });
  return {
    url,
    persistDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid!, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
      if (!options.asDocumented) rmSync(persistDir, { recursive: true, force: true });
    },
  };
}
