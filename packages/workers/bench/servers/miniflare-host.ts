/**
 * Child process of the benchmark: serves the bundled CoRATES Worker with Miniflare directly, the
 * library `wrangler dev` runs underneath, minus the dev proxy it puts in front. Options come from
 * wrangler itself (`unstable_getMiniflareWorkerOptions`: same config, bindings, compatibility and
 * Durable Object SQLite classes), and persistence is the same `<persist-to>/v3` directory
 * `wrangler dev --persist-to` uses, so storage is the same on-disk SQLite with the same syncs.
 *
 * Usage: node --import tsx miniflare-host.ts <bundle/index.js> <persist-to> <assets dir> <port>
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const [script, persistTo, assets, port] = process.argv.slice(2);
if (!script || !persistTo || !assets || !port)
  throw new Error('usage: <script> <persist-to> <assets> <port>');

const configPath = fileURLToPath(new URL('../../wrangler.jsonc', import.meta.url));
const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath, undefined, {
  overrides: { assets: { directory: assets } },
});

// wrangler's options are in Miniflare's v4 shape; wrangler dev converts them the same way.
const mf = new Miniflare(
  convertV4MiniflareOptions({
    host: '127.0.0.1',
    port: Number(port),
    log: new Log(LogLevel.WARN),
    logRequests: false,
    resourcePersistencePath: path.join(persistTo, 'v3'),
    workers: [
      {
        ...workerOptions,
        name: 'corates',
        modulesRoot: path.dirname(script),
        modules: [{ type: 'ESModule', path: script }],
      },
    ],
  }),
);

await mf.ready;
process.stdout.write(`ready ${port}\n`);
const stop = () => void mf.dispose().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
