import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_LOG } from './app-server.ts';

/**
 * The links the local mail transport logged (instead of sending) to `to`, oldest first, from the
 * app's output (app-server.ts keeps it in E2E_PERSIST_DIR). Waits up to `timeoutMs` for `count`.
 */
export async function loggedMailLinks(
  to: string,
  count = 1,
  timeoutMs = 10_000,
): Promise<string[]> {
  const dir = process.env.E2E_PERSIST_DIR;
  if (!dir) throw new Error('E2E_PERSIST_DIR is not set: run the browser tests through e2e/run.ts');
  const file = path.join(dir, APP_LOG);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // wrangler colours warnings: drop the escape sequences.
    // eslint-disable-next-line no-control-regex
    const log = (existsSync(file) ? readFileSync(file, 'utf8') : '').replace(/\x1b\[[0-9;]*m/g, '');
    const links = log
      .split('\n')
      .filter(
        (line) => line.includes('mail not sent (local transport)') && line.includes(` to ${to}:`),
      )
      .map((line) => /(https?:\/\/\S+)\s*$/.exec(line)?.[1])
      .filter((link): link is string => link !== undefined);
    if (links.length >= count || Date.now() > deadline) return links;
    await new Promise((r) => setTimeout(r, 200));
  }
}
