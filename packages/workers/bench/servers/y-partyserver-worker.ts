/**
 * The same-runtime Yjs peer: Cloudflare's y-partyserver (a `YServer` Durable Object per room),
 * bundled by wrangler and hosted by Miniflare like the relay (y-partyserver-server.ts). Two room
 * classes, both with y-partyserver's default options (no hibernation) and the document in the
 * object's SQLite:
 *
 * - `StoredRoom` (party `stored-room`): every update is INSERTed before it is broadcast, as the
 *   relay does. y-partyserver 2.2.0 has no per-update hook: its `onSave` runs from a lodash
 *   `debounce` (2 s wait, 10 s max wait) registered after its broadcast, so even a 0 ms wait would
 *   save after the broadcast. What orders the write first: `onStart` awaits `onLoad` before it
 *   registers its own document 'update' listeners (broadcast first, then the debounced save), so
 *   a listener registered inside `onLoad` runs before the broadcast on every update; its
 *   synchronous SQLite INSERT then holds the broadcast's sends behind the output gate until the
 *   write is on disk, exactly as for the relay and the floor.
 * - `DebouncedRoom` (party `debounced-room`): y-partyserver's default, `onSave` stores the whole
 *   document at most every 2 s (10 s when edits never pause) and `onLoad` reads it back.
 */
import { routePartykitRequest } from 'partyserver';
import { YServer } from 'y-partyserver';
import * as Y from 'yjs';

export class StoredRoom extends YServer {
  override async onLoad(): Promise<void> {
    const sql = this.ctx.storage.sql;
    sql.exec(
      'CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB)',
    );
    for (const row of sql.exec<{ data: ArrayBuffer }>('SELECT data FROM updates ORDER BY seq')) {
      Y.applyUpdate(this.document, new Uint8Array(row.data));
    }
    this.document.on('update', (update: Uint8Array) => {
      const bytes = update.buffer.slice(update.byteOffset, update.byteOffset + update.byteLength);
      sql.exec('INSERT INTO updates (data) VALUES (?)', bytes);
    });
  }
}

export class DebouncedRoom extends YServer {
  override async onLoad(): Promise<void> {
    const sql = this.ctx.storage.sql;
    sql.exec('CREATE TABLE IF NOT EXISTS doc (id INTEGER PRIMARY KEY, state BLOB)');
    const [row] = sql.exec<{ state: ArrayBuffer }>('SELECT state FROM doc WHERE id = 1').toArray();
    if (row) Y.applyUpdate(this.document, new Uint8Array(row.state));
  }

  override async onSave(): Promise<void> {
    this.ctx.storage.sql.exec(
      'INSERT OR REPLACE INTO doc (id, state) VALUES (1, ?)',
      Y.encodeStateAsUpdate(this.document).buffer,
    );
  }
}

export default {
  // Without an env argument partyserver reads the bindings from `cloudflare:workers`.
  async fetch(request: Request): Promise<Response> {
    return (await routePartykitRequest(request)) ?? new Response('y-partyserver');
  },
};
