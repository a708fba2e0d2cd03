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
// its updates ([0, 1, …] and [0, 2, …]) go to every other socket byte for byte. Awareness frames
// ([1, …]) are forwarded too, unstored, but only those about the socket's own client id (the id
// of its first awareness frame): a stock provider sends every state it receives back to the
// server, and a relay that forwarded those echoes would multiply each presence change by the room
// size. It keeps no awareness states, so a joiner is not sent the others' (a lower bound).
const script = /* js */ `
export default {
  fetch(request, env) {
    if (request.headers.get('Upgrade') !== 'websocket') return new Response('floor');
    const room = env.ROOM.idFromName(new URL(request.url).pathname);
    return env.ROOM.get(room).fetch(request);
  },
};

// [1, length, count, clientId, …] in lib0 varuints: the first entry's client id.
function firstAwarenessClient(bytes) {
  let pos = 1;
  const varUint = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[pos++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
  };
  varUint();
  varUint();
  return varUint();
}

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
    if (bytes[0] === 1) {
      const id = firstAwarenessClient(bytes);
      let owner = ws.deserializeAttachment();
      if (owner === null) ws.serializeAttachment((owner = id));
      if (id !== owner) return;
      for (const other of this.ctx.getWebSockets()) if (other !== ws) other.send(message);
      return;
    }
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
