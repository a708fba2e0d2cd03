/**
 * Child process of the benchmark: the runtime's floor. A Durable Object in the same local workerd
 * (the Miniflare the relay's host uses) that does only what the relay may not skip — hibernatable
 * WebSockets, and each update INSERTed into the object's SQLite before it is forwarded (the
 * output gate holds the sends until that is on disk, as for the relay) — and nothing else: no
 * Yjs document, no validation, no auth, no D1, no alarms. What the relay loses to the peer and
 * this loses too belongs to the runtime, not to the relay's code.
 *
 * Usage: node --import tsx floor-host.ts <persist-to> <port>
 */
import path from 'node:path';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare';

const [persistTo, port] = process.argv.slice(2);
if (!persistTo || !port) throw new Error('usage: <persist-to> <port>');

// Plain JavaScript, because workerd runs it as written. Frames are y-websocket's: a client's
// sync step 1 ([0, 0, …]) gets an empty sync step 2 so a stock provider counts itself synced;
// its updates ([0, 1, …] and [0, 2, …]) go to every other socket byte for byte.
const script = /* js */ `
export default {
  fetch(request, env) {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('floor');
    const room = env.ROOM.idFromName(new URL(request.url).pathname);
    return env.ROOM.get(room).fetch(request);
  },
};

export class Room {
  constructor(ctx) {
    this.ctx = ctx;
    ctx.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL)',
    );
  }

  fetch() {
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  webSocketMessage(ws, message) {
    const bytes = new Uint8Array(message);
    if (bytes[0] !== 0) return;
    if (bytes[1] === 0) {
      ws.send(new Uint8Array([0, 1, 2, 0, 0]));
      return;
    }
    this.ctx.storage.sql.exec('INSERT INTO updates (data) VALUES (?)', message);
    for (const other of this.ctx.getWebSockets()) if (other !== ws) other.send(message);
  }
}
`;

const mf = new Miniflare(
  convertV4MiniflareOptions({
    host: '127.0.0.1',
    port: Number(port),
    log: new Log(LogLevel.WARN),
    resourcePersistencePath: path.join(persistTo, 'v3'),
    workers: [
      {
        name: 'floor',
        modules: true,
        script,
        compatibilityDate: '2026-08-01', // the relay's, from wrangler.jsonc
        durableObjects: { ROOM: { className: 'Room', useSQLite: true } },
      },
    ],
  }),
);

await mf.ready;
process.stdout.write(`ready ${port}\n`);
const stop = () => void mf.dispose().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
