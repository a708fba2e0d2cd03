import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup, stopGroup } from '../lib/processes.ts';

export const workersDir = fileURLToPath(new URL('../..', import.meta.url));
export const wranglerBin = path.join(workersDir, 'node_modules/wrangler/bin/wrangler.js');
export const miniflareHost = fileURLToPath(new URL('miniflare-host.ts', import.meta.url));
// Local dev never reaches Cloudflare (same as scripts/lib/toolchain.sh).
export const wranglerEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
};

/** A short wrangler command, in its own process group, bounded in time. */
export async function runWrangler(args: string[], logFile: string): Promise<void> {
  const child = spawnGroup(process.execPath, [wranglerBin, ...args], {
    cwd: workersDir,
    env: { ...wranglerEnv, CI: 'true' },
    logFile,
  });
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000).unref());
  const code = await Promise.race([child.exited, timer]);
  await stopGroup(child);
  if (code !== 0)
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')}: ${code}\n${tail(logFile)}`);
}

export function miniflareVersion(): string {
  const pkg = path.join(workersDir, 'node_modules/miniflare/package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** The relay's compatibility date, so every Worker in the bench runs under the same one. */
export function relayCompatibilityDate(): string {
  const config = readFileSync(path.join(workersDir, 'wrangler.jsonc'), 'utf8');
  const date = /"compatibility_date":\s*"([\d-]+)"/.exec(config)?.[1];
  if (!date) throw new Error('no compatibility_date in wrangler.jsonc');
  return date;
}

export function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

let cacheDir: string | undefined;
const built = new Map<string, Promise<string>>();

/**
 * Runs a build step (a wrangler bundle, the D1 migrations) once per benchmark process and returns
 * its output directory to every later caller: servers restart for each repeat, and under load a
 * rebuild took a minute. The directory goes when the process exits.
 */
export function buildOnce(key: string, build: (out: string) => Promise<void>): Promise<string> {
  if (!cacheDir) {
    const dir = mkdtempSync(path.join(tmpdir(), 'corates-bench-build-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    cacheDir = dir;
  }
  let out = built.get(key);
  if (!out) {
    const dir = path.join(cacheDir, key);
    out = build(dir).then(() => dir);
    built.set(key, out);
  }
  return out;
}

/** A fresh local state directory holding the app's D1, migrated (a copy of one migrated once). */
export async function migratedState(state: string, logFile: string): Promise<void> {
  const template = await buildOnce('d1', (out) =>
    runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', out], logFile),
  );
  cpSync(template, state, { recursive: true });
}
