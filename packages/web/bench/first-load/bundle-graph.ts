import type { Manifest } from 'vite';

// What a page needs, read from Vite's build manifest (dist/.vite/manifest.json) rather than from
// file names: a chunk's `imports` are fetched before it runs, its `dynamicImports` only when the
// code asks for them (a lazily loaded page, pdf.js).

/** The manifest keys of `roots` and every chunk they import statically, transitively. */
export function staticClosure(manifest: Manifest, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest has no chunk "${key}"`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const root of roots) visit(root);
  return [...seen];
}

/** The script and style files of these chunks, each once, in the order first met. */
export function scriptAndStyleFiles(manifest: Manifest, keys: readonly string[]): string[] {
  const files = new Set<string>();
  for (const key of keys) {
    const chunk = manifest[key]!;
    if (/\.(m?js|css)$/.test(chunk.file)) files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
  }
  return [...files];
}

/** The build's single HTML entry (index.html). */
export function entryKey(manifest: Manifest): string {
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry, found ${entries.length}`);
  return entries[0]!;
}

export interface FirstLoad {
  /** Script and style files (paths in dist/) fetched before the pages can show. */
  files: string[];
  /** Page modules with no chunk of their own: they must be inside `files` (see source maps). */
  bundledPages: string[];
}

/**
 * What the entry and the given page modules (e.g. `src/auth/SignInPage.tsx`) need: the entry's
 * static closure, plus the closure of each page that is a lazily loaded chunk of its own.
 */
export function firstLoad(manifest: Manifest, pages: readonly string[]): FirstLoad {
  const ownChunks = pages.filter((page) => manifest[page]);
  const keys = staticClosure(manifest, [entryKey(manifest), ...ownChunks]);
  return {
    files: scriptAndStyleFiles(manifest, keys),
    bundledPages: pages.filter((page) => !manifest[page]),
  };
}

export interface LoadedWhenUsed {
  /** The module that is loaded lazily (a page, pdf.js). */
  module: string;
  /** Its script and style files that the first load has not fetched already. */
  files: string[];
}

/** Every lazily loaded module, with the files it adds to what the first load fetched. */
export function loadedWhenUsed(
  manifest: Manifest,
  firstLoadFiles: readonly string[],
): LoadedWhenUsed[] {
  const already = new Set(firstLoadFiles);
  return Object.keys(manifest)
    .filter((key) => manifest[key]!.isDynamicEntry)
    .sort()
    .map((module) => ({
      module,
      files: scriptAndStyleFiles(manifest, staticClosure(manifest, [module])).filter(
        (file) => !already.has(file),
      ),
    }));
}

/**
 * Which of `modules` (paths from the package root, e.g. `src/auth/SignInPage.tsx`) appear in none
 * of the source maps' `sources` (paths relative to the map, e.g. `../../src/auth/SignInPage.tsx`).
 */
export function modulesMissing(
  sourceLists: readonly (readonly string[])[],
  modules: readonly string[],
): string[] {
  const sources = sourceLists.flat();
  return modules.filter((m) => !sources.some((s) => s === m || s.endsWith(`/${m}`)));
}

/** The files a Workbox service worker precaches, from its generated script. */
export function precachedFiles(serviceWorkerSource: string): string[] {
  return [...serviceWorkerSource.matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]!);
}
