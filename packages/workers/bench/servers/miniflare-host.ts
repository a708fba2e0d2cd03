/**
 * Child process of the benchmark: serves a bundled Worker with Miniflare directly, the library
 * `wrangler dev` runs underneath, minus the dev proxy it puts in front. Options come from wrangler
 * itself (`unstable_getMiniflareWorkerOptions`: same config, bindings, compatibility and Durable
 * Object SQLite classes), and persistence is the same `<persist-to>/v3` directory
 * `wrangler dev --persist-to` uses, so storage is the same on-disk SQLite with the same syncs.
 * Hosts the CoRATES Worker (wrangler.jsonc) and the y-partyserver peer (its generated config).
 * Without an assets directory the config's `assets` are left out, and with them the asset router
 * Worker Miniflare would put in front of the Worker (relay-server.ts says why).
 *
 * Usage: node --import tsx miniflare-host.ts <bundle/index.js> <persist-to> <port> <wrangler config> [<assets dir>]
 */
import path from 'node:path';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const [script, persistTo, port, configPath, assets] = process.argv.slice(2);
if (!script || !persistTo || !port || !configPath)
  throw new Error('usage: <script> <persist-to> <port> <wrangler config> [<assets>]');

const { workerOptions: configured } = unstable_getMiniflareWorkerOptions(
  configPath,
  undefined,
  assets ? { overrides: { assets: { directory: assets } } } : undefined,
);
const workerOptions = assets ? configured : { ...configured, assets: undefined };

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
        name: 'bench',
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
