// Browser tests: start the app exactly as the README's first command does (scripts/start.sh) on a
// free port with throwaway state, run every e2e/*.e2e.ts with Node's test runner, stop the app.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './support/app-server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = await startApp();
let code: number;
try {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.e2e.ts'))
    // `pnpm e2e <part of a file name>` runs only the matching files.
    .filter((f) => !process.argv[2] || f.includes(process.argv[2]))
    .map((f) => path.join(here, f));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
    {
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: app.url, E2E_PERSIST_DIR: app.persistDir },
    },
  );
  code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
} finally {
  await app.stop();
}
process.exit(code);
