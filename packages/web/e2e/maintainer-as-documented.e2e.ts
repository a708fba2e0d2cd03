// The README's and the runbook's maintainer command, typed exactly as they write it, changes the
// app that `npm start` runs — both on their defaults, nothing passed to tie them together. (The
// other e2e tests pass --persist-to, which is how a mismatch of the two defaults went unseen.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { startApp, type RunningApp } from './support/app-server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `npm run maintainer -- <args>` from the repository root, with no PERSIST_DIR in the environment. */
function npmRunMaintainer(...args: string[]): string {
  const env = { ...process.env };
  delete env.PERSIST_DIR;
  return execFileSync('npm', ['run', 'maintainer', '--', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

let app: RunningApp;
let previous: string;

async function minSupportedClient(): Promise<string> {
  const res = await fetch(`${app.url}/api/metadata`);
  return ((await res.json()) as { minSupportedClient: string }).minSupportedClient;
}

before(async () => {
  app = await startApp({ asDocumented: true });
  previous = await minSupportedClient();
});
after(async () => {
  // The default state folder is a developer's own: leave it as it was found.
  if (previous) npmRunMaintainer('set', '--min-client', previous);
  await app?.stop();
});

test('`npm run maintainer -- set --min-client 0.3.0` changes the app `npm start` serves', async () => {
  const out = npmRunMaintainer('set', '--min-client', '0.3.0');
  assert.match(out, /Updated the local database/);
  assert.equal(await minSupportedClient(), '0.3.0');
  const shown = npmRunMaintainer('show');
  assert.match(shown, /minSupportedClient[\s\S]*0\.3\.0/);
});
