import { SELF } from 'cloudflare:test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DocMessageType } from '@corates/shared';

/** A minimal y-websocket client over a real workerd WebSocket to the Worker under test. */
export class DocSocket {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  closed: { code: number; reason: string } | undefined;
  synced = false;
  /** Frames received from the server. */
  received = 0;
  /** The kind of every sync message received, in order (0 step 1, 1 step 2, 2 update). */
  readonly syncKinds: number[] = [];

  private constructor(readonly ws: WebSocket) {
    clearInterval(
      (this.awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })
        ._checkInterval,
    );
    // Through the SELF service binding frames arrive as Blobs; a promise chain keeps their order.
    let queue = Promise.resolve();
    ws.addEventListener('message', (event) => {
      const data = event.data as ArrayBuffer | Blob;
      queue = queue.then(async () =>
        this.onMessage(new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data)),
      );
    });
    ws.addEventListener('close', (event) => {
      this.closed = { code: event.code, reason: event.reason };
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || this.closed) return;
      this.send(DocMessageType.sync, (e) => syncProtocol.writeUpdate(e, update));
    });
  }

  static async open(
    projectId: string,
    cookie?: string,
    options: { query?: string; headers?: Record<string, string>; checklistId?: string } = {},
  ): Promise<DocSocket | Response> {
    const query = options.query ? `?${options.query}` : '';
    const doc =
      options.checklistId === undefined
        ? 'doc'
        : `checklists/${encodeURIComponent(options.checklistId)}/doc`;
    const res = await SELF.fetch(`http://corates.test/api/projects/${projectId}/${doc}${query}`, {
      headers: {
        Upgrade: 'websocket',
        ...(cookie ? { Cookie: cookie } : {}),
        ...options.headers,
      },
    });
    if (!res.webSocket) return res;
    res.webSocket.accept();
    const socket = new DocSocket(res.webSocket);
    socket.send(DocMessageType.sync, (e) => syncProtocol.writeSyncStep1(e, socket.doc));
    return socket;
  }

  send(type: number, write: (e: encoding.Encoder) => void) {
    this.ws.send(
      encoding.encode((e) => {
        encoding.writeVarUint(e, type);
        write(e);
      }),
    );
  }

  announce(state: Record<string, unknown>) {
    this.awareness.setLocalState(state);
    this.send(DocMessageType.awareness, (e) =>
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
      ),
    );
  }

  /** A raw awareness update, entries as given (a forger's). */
  sendAwareness(entries: { clientId: number; clock: number; state: unknown }[]) {
    this.send(DocMessageType.awareness, (e) =>
      encoding.writeVarUint8Array(
        e,
        encoding.encode((a) => {
          encoding.writeVarUint(a, entries.length);
          for (const entry of entries) {
            encoding.writeVarUint(a, entry.clientId);
            encoding.writeVarUint(a, entry.clock);
            encoding.writeVarString(a, JSON.stringify(entry.state));
          }
        }),
      ),
    );
  }

  private onMessage(data: Uint8Array) {
    this.received++;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === DocMessageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, DocMessageType.sync);
      const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      this.syncKinds.push(kind);
      if (kind === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(reply) > 1 && this.ws.readyState === WebSocket.OPEN)
        this.ws.send(encoding.toUint8Array(reply));
    } else if (type === DocMessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        this,
      );
    }
  }

  peers() {
    const states = new Map(this.awareness.getStates());
    states.delete(this.doc.clientID);
    return [...states.values()];
  }

  close() {
    this.ws.close(1000, 'bye');
  }
}

/** Polls until the condition holds (WebSocket delivery is asynchronous even in workerd). */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function openOk(projectId: string, cookie: string): Promise<DocSocket> {
  const s = await DocSocket.open(projectId, cookie);
  if (s instanceof Response) throw new Error(`upgrade refused: ${s.status} ${await s.text()}`);
  await until(() => s.synced, 'initial sync');
  return s;
}
