import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The app's Worker on a fresh local state, and the origin to call it on. */
export interface BenchApp {
  base: string;
  description: string;
  stop(): Promise<void>;
}

const workersDir = fileURLToPath(new URL('../../workers/', import.meta.url));

/**
 * The Worker as the relay benchmark serves it: the workers package's `bench/serve-app.ts`, run as
 * a child process (a benchmark imports no other package's bench code). It prints its origin, and
 * stops the Worker when its stdin closes — when `stop()` is called, or when this process exits
 * however it exits, so no server outlives the run.
 */
export async function startApp(): Promise<BenchApp> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-app.ts'], {
    cwd: workersDir,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    child.stdin.end();
    await exited;
  };
  const lines = createInterface({ input: child.stdout });
  const started = new Promise<{ origin: string; description: string }>((resolve, reject) => {
    lines.once('line', (line) =>
      resolve(JSON.parse(line) as { origin: string; description: string }),
    );
    void exited.then((code) => reject(new Error(`bench/serve-app.ts exited with ${code}`)));
  });
  try {
    const { origin, description } = await started;
    return { base: origin, description, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
