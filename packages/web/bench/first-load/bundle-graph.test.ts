import type { Manifest } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  firstLoad,
  loadedWhenUsed,
  modulesMissing,
  precachedFiles,
  staticClosure,
} from './bundle-graph.ts';

// The shape Vite writes: an entry importing a shared chunk, two lazily loaded pages sharing a
// chunk of their own, and pdf.js loaded from one of them.
const manifest: Manifest = {
  'index.html': {
    file: 'assets/index-a.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor-b.js'],
    dynamicImports: ['src/Checklist.tsx', 'src/Reconcile.tsx'],
    css: ['assets/index-a.css'],
  },
  '_vendor-b.js': { file: 'assets/vendor-b.js' },
  '_yjs-c.js': { file: 'assets/yjs-c.js', imports: ['index.html'], css: ['assets/yjs-c.css'] },
  'src/Checklist.tsx': {
    file: 'assets/Checklist-d.js',
    src: 'src/Checklist.tsx',
    isDynamicEntry: true,
    imports: ['index.html', '_yjs-c.js'],
    dynamicImports: ['src/pdf.ts'],
  },
  'src/Reconcile.tsx': {
    file: 'assets/Reconcile-e.js',
    src: 'src/Reconcile.tsx',
    isDynamicEntry: true,
    imports: ['index.html', '_yjs-c.js'],
    css: ['assets/Reconcile-e.css'],
  },
  'src/pdf.ts': {
    file: 'assets/pdf-f.js',
    src: 'src/pdf.ts',
    isDynamicEntry: true,
    assets: ['assets/pdf.worker-g.mjs'],
  },
};

describe('the first load', () => {
  it('is the entry with its static imports and styles, never what is imported dynamically', () => {
    expect(firstLoad(manifest, ['src/SignIn.tsx'])).toEqual({
      files: ['assets/index-a.js', 'assets/index-a.css', 'assets/vendor-b.js'],
      bundledPages: ['src/SignIn.tsx'],
    });
  });

  it('includes a page that is a chunk of its own, with what that chunk imports', () => {
    const load = firstLoad(manifest, ['src/Checklist.tsx']);
    expect(load.files).toEqual([
      'assets/index-a.js',
      'assets/index-a.css',
      'assets/vendor-b.js',
      'assets/Checklist-d.js',
      'assets/yjs-c.js',
      'assets/yjs-c.css',
    ]);
    expect(load.bundledPages).toEqual([]);
  });

  it('follows cycles (chunks import the entry back) once', () => {
    expect(staticClosure(manifest, ['_yjs-c.js']).sort()).toEqual([
      '_vendor-b.js',
      '_yjs-c.js',
      'index.html',
    ]);
  });

  it('refuses a manifest that names a chunk it does not have', () => {
    expect(() => staticClosure({ a: { file: 'a.js', imports: ['gone'] } }, ['a'])).toThrow(/gone/);
  });
});

describe('what is loaded when used', () => {
  it('is each lazily loaded module with the files the first load did not fetch', () => {
    const first = firstLoad(manifest, []).files;
    expect(loadedWhenUsed(manifest, first)).toEqual([
      {
        module: 'src/Checklist.tsx',
        files: ['assets/Checklist-d.js', 'assets/yjs-c.js', 'assets/yjs-c.css'],
      },
      {
        module: 'src/Reconcile.tsx',
        files: [
          'assets/Reconcile-e.js',
          'assets/Reconcile-e.css',
          'assets/yjs-c.js',
          'assets/yjs-c.css',
        ],
      },
      { module: 'src/pdf.ts', files: ['assets/pdf-f.js'] },
    ]);
  });
});

describe('modulesMissing', () => {
  it('finds page modules through the relative paths source maps use', () => {
    const sources = [['../../src/auth/SignInPage.tsx', '../../node_modules/x/index.js']];
    expect(
      modulesMissing(sources, ['src/auth/SignInPage.tsx', 'src/projects/ProjectsPage.tsx']),
    ).toEqual(['src/projects/ProjectsPage.tsx']);
  });

  it('does not take a file of the same name in another folder for the page', () => {
    expect(
      modulesMissing([['../../src/other/SignInPage.tsx']], ['src/auth/SignInPage.tsx']),
    ).toEqual(['src/auth/SignInPage.tsx']);
  });
});

describe('precachedFiles', () => {
  it('reads the URLs of a generated Workbox precache list', () => {
    const sw =
      'define(["./workbox-1"],function(e){e.precacheAndRoute([{url:"index.html",revision:"9f"},{url:"assets/index-a.js",revision:null}],{})});';
    expect(precachedFiles(sw)).toEqual(['index.html', 'assets/index-a.js']);
  });
});
