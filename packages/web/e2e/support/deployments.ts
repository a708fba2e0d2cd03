// Releases a browser test deploys over one local state, as a maintainer deploys over production:
// web builds of this tree under another version label, and wrangler configs that run another web
// build (or another Worker bundle, e.g. the frozen v1 release) in place of this tree's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workers = path.resolve(web, '../workers');

/** Builds this tree's web app as `version` into `outDir` (the same sources, another label). */
export function buildWeb(version: string, outDir: string) {
  execFileSync(
    process.execPath,
    [path.join(web, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'],
    { cwd: web, env: { ...process.env, CORATES_APP_VERSION: version }, stdio: 'ignore' },
  );
}

const written: string[] = [];

/**
 * A wrangler config identical to the real one except for the web build it serves and, with
 * `bundle`, the Worker it runs (an already bundled script, run as it is) and the Durable Object
 * classes that script has (`bundleClasses`: an older release lacks classes added since, and
 * wrangler refuses a binding to a class the script does not export). Written beside the real
 * one (its relative paths, e.g. the migrations, stay valid); returns its name for
 * `workerProcess`. `removeConfigs` deletes them.
 */
export function wranglerConfig(
  name: string,
  assetsDir: string,
  bundle?: { script: string; classes: readonly string[] },
): string {
  const base = readFileSync(path.join(workers, 'wrangler.jsonc'), 'utf8');
  let replaced = base.replace(
    '"directory": "../web/dist"',
    `"directory": ${JSON.stringify(assetsDir)}`,
  );
  assert.notEqual(replaced, base, 'wrangler.jsonc no longer names ../web/dist as its assets');
  if (bundle !== undefined) {
    const before = replaced;
    replaced = replaced.replace(
      '"main": "src/index.ts",',
      `"main": ${JSON.stringify(bundle.script)}, "no_bundle": true,`,
    );
    assert.notEqual(replaced, before, 'wrangler.jsonc no longer names src/index.ts as its main');
    // One binding or migration per line in wrangler.jsonc: drop those of classes the script lacks.
    replaced = replaced
      .split('\n')
      .filter((line) => {
        const named = /"(?:class_name|new_sqlite_classes)": \[?"(\w+)"/.exec(line);
        return named === null || bundle.classes.includes(named[1]!);
      })
      .join('\n');
  }
  const file = path.join(workers, `.e2e-${name}-${process.pid}.jsonc`);
  writeFileSync(file, replaced);
  written.push(file);
  return path.basename(file);
}

export function removeConfigs() {
  for (const file of written.splice(0)) rmSync(file, { force: true });
}

/** Waits until the page is controlled by the app's service worker (the upgrade goes through it). */
export async function controlledBy(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
}

/** The version of the build the page runs, as the app marks it. */
export async function appVersion(page: Page) {
  return page.evaluate(() => document.documentElement.dataset.appVersion);
}
