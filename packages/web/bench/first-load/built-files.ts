import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Manifest } from 'vite';
import { firstLoad, loadedWhenUsed, modulesMissing, precachedFiles } from './bundle-graph.ts';
import type { FirstLoadResults, FileSize } from './report.ts';

/** The built files' share of the results: what the first load needs, what comes later. */
export type BuiltFiles = Pick<FirstLoadResults, 'firstLoad' | 'html' | 'whenUsed' | 'precache'>;

/**
 * Reads a `vite build` output: the files the entry and `pages` (modules such as
 * `src/auth/SignInPage.tsx`) need, each lazily loaded module's own, and the service worker's
 * precache, with their sizes. A page with no chunk of its own must be in the counted files' source
 * maps, or the figure would not cover it: that is an error, not a smaller number.
 */
export function measureBuiltFiles(distDir: string, pages: readonly string[]): BuiltFiles {
  const manifestFile = path.join(distDir, '.vite/manifest.json');
  if (!existsSync(manifestFile))
    throw new Error(`${manifestFile} is missing: vite.config.ts must keep build.manifest on`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const sizes = new Map<string, FileSize>();
  const size = (file: string): FileSize => {
    let known = sizes.get(file);
    if (!known) {
      const bytes = readFileSync(path.join(distDir, file));
      known = { file, bytes: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(file, known);
    }
    return known;
  };

  const load = firstLoad(manifest, pages);
  const sources = load.files
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const map = JSON.parse(readFileSync(path.join(distDir, `${file}.map`), 'utf8')) as {
        sources: string[];
      };
      return map.sources;
    });
  const missing = modulesMissing(sources, load.bundledPages);
  if (missing.length > 0)
    throw new Error(
      `not in the first load's files nor a chunk of their own: ${missing.join(', ')}`,
    );

  return {
    firstLoad: load.files.map(size),
    html: size('index.html'),
    whenUsed: loadedWhenUsed(manifest, load.files).map((m) => ({
      module: m.module,
      files: m.files.map(size),
    })),
    precache: precachedFiles(readFileSync(path.join(distDir, 'sw.js'), 'utf8')).map(size),
  };
}
