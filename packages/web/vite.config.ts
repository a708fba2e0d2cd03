import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { appVersion } from './app-version.ts';
// By path rather than package name: the config is bundled for Node, which would otherwise load
// the workspace package's TypeScript sources unbundled.
import { assetHeadersFile } from '../shared/src/http/security-headers.ts';

// Where `vite dev` finds the Worker (`wrangler dev`, or `npm start` on another PORT).
const apiTarget = process.env.CORATES_API_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [
    solid(),
    {
      // Static assets are served without running the Worker; `_headers` is how they get the
      // same security headers as the API.
      name: 'corates-asset-headers',
      apply: 'build',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: '_headers', source: assetHeadersFile() });
      },
    },
    // The service worker precaches the app shell so a reload works offline, and is how a new build
    // reaches open tabs (src/upgrade/). Workbox does the precaching; we only drive updates.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // A new build waits until the app says so (SKIP_WAITING), then takes every tab at once.
        skipWaiting: false,
        clientsClaim: true,
        // pdf.js's worker is large; the reader must open offline too.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  server: {
    // `vite dev` against `wrangler dev`: one origin for the browser, so the session cookie and
    // better-auth's Origin check behave as in production. The Host header is passed through
    // (no changeOrigin) for the same reason.
    proxy: { '/api': { target: apiTarget, ws: true } },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    // dist/.vite/manifest.json: which files each entry and lazily loaded page needs, so the
    // first-load benchmark (bench/first-load.ts) follows the import graph instead of file names.
    manifest: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place ("contains an annotation that Rollup cannot
        // interpret"); harmless, and noise that would hide real warnings in CI logs.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/')) return;
        warn(warning);
      },
    },
  },
});
