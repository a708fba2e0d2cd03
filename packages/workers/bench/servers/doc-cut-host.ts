/**
 * Child process of the doc-cut benchmark: serves the bundled doc-cut Worker (doc-cut-worker.ts)
 * with Miniflare, as miniflare-host.ts serves the CoRATES Worker: one local workerd, Durable
 * Objects on SQLite under `<persist-to>/v3`, so a restart on the same directory finds every
 * document on disk and no object in memory.
 *
 * Usage: node --import tsx doc-cut-host.ts <bundle/index.js> <persist-to> <port>
 */
import path from 'node:path';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare';

const [script, persistTo, port] = process.argv.slice(2);
if (!script || !persistTo || !port) throw new Error('usage: <script> <persist-to> <port>');

const mf = new Miniflare(
  convertV4MiniflareOptions({
    host: '127.0.0.1',
    port: Number(port),
    log: new Log(LogLevel.WARN),
    logRequests: false,
    resourcePersistencePath: path.join(persistTo, 'v3'),
    workers: [
      {
        name: 'doc-cut',
        modulesRoot: path.dirname(script),
        modules: [{ type: 'ESModule', path: script }],
        compatibilityDate: '2026-08-01', // the relay's, from wrangler.jsonc
        compatibilityFlags: ['nodejs_compat'],
        durableObjects: { DOCS: { className: 'DocCutObject', useSQLite: true } },
      },
    ],
  }),
);

await mf.ready;
process.stdout.write(`ready ${port}\n`);
const stop = () => void mf.dispose().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
