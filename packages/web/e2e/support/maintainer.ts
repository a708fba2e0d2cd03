import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Runs the README's maintainer command against the running test app's local database. */
export function maintainer(...args: string[]): string {
  const persistDir = process.env.E2E_PERSIST_DIR;
  if (!persistDir) throw new Error('E2E_PERSIST_DIR is not set: run through e2e/run.ts');
  return maintainerAt(persistDir, ...args);
}

/** The maintainer command against the local database kept in `persistDir`. */
export function maintainerAt(persistDir: string, ...args: string[]): string {
  return execFileSync('bash', ['scripts/maintainer.sh', ...args, '--persist-to', persistDir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
