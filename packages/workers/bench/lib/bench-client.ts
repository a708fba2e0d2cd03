import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RoomAddress } from '../servers/bench-server.ts';

// The DOM WebSocket type y-websocket declares (the ambient one here is workerd's).
type WebSocketPolyfill = NonNullable<
  NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill']
>;

export interface ClientOptions {
  /** y-websocket's own keep-alive for idle rooms: re-send sync step 1 every so often. */
  resyncIntervalMs?: number;
  /**
   * The awareness state to publish, as the app's presence does (latency-modes.ts); none: the
   * client publishes no state, so it sends and receives document updates only.
   */
  presence?: (index: number) => Record<string, unknown>;
}

let clientCount = 0;

/**
 * The same stock y-websocket `WebsocketProvider` a browser runs, over the `ws` package so Node can
 * send the session cookie on the upgrade. Used unchanged against both servers.
 */
export class BenchClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly startedAt = performance.now();
  /** When sync step 2 arrived: the client holds the server's whole document. */
  syncedAt: number | undefined;
  disconnects = 0;
  /** Close codes/reasons and socket errors, as `code reason` strings. */
  readonly failures: string[] = [];

  constructor(address: RoomAddress, options: ClientOptions = {}) {
    // With presence, every join and every 15 s renewal is an N-way broadcast of its own, and a
    // stock provider re-sends every awareness change it receives back to the server.
    const awareness = new Awareness(this.doc);
    awareness.setLocalState(options.presence ? options.presence(clientCount++) : null);
    this.provider = new WebsocketProvider(address.serverUrl, address.room, this.doc, {
      WebSocketPolyfill: socketWithHeaders(address.headers) as unknown as WebSocketPolyfill,
      awareness,
      disableBc: true,
      resyncInterval: options.resyncIntervalMs ?? -1,
    });
    this.provider.on('status', ({ status }) => {
      if (status === 'disconnected') this.disconnects++;
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.syncedAt ??= performance.now();
    });
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code !== 1000)
        this.failures.push(`close ${event.code} ${event.reason}`.trim());
    });
    this.provider.on('connection-error', (event: Event) => {
      const message = (event as Event & { message?: string }).message;
      this.failures.push(`error ${message ?? event.type}`);
    });
  }

  /** Resolves true once synced, false if `timeoutMs` passes first. */
  whenSynced(timeoutMs: number): Promise<boolean> {
    if (this.provider.synced) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.provider.off('sync', onSync);
        resolve(false);
      }, timeoutMs);
      const onSync = (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        this.provider.off('sync', onSync);
        resolve(true);
      };
      this.provider.on('sync', onSync);
    });
  }

  destroy() {
    // The provider leaves its awareness (and that one's interval) to the caller.
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.doc.destroy();
  }
}

/**
 * `ws` with fixed upgrade headers. No permessage-deflate offer: frames here are tens of bytes, and
 * a zlib context per socket would make the client, not the server, the bottleneck at 1,000.
 */
function socketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false });
    }
  };
}

/**
 * Opens `count` clients in waves of `wave` (all of a wave at once, the next when it has synced or
 * `deadline` passed), as a room fills when a team opens a project.
 */
export async function openClients(
  address: RoomAddress,
  count: number,
  options: ClientOptions & { wave: number; deadline: number },
): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  while (clients.length < count && performance.now() < options.deadline) {
    const wave = Array.from(
      { length: Math.min(options.wave, count - clients.length) },
      () => new BenchClient(address, options),
    );
    clients.push(...wave);
    await Promise.all(
      wave.map((c) => c.whenSynced(Math.max(0, options.deadline - performance.now()))),
    );
  }
  return clients;
}

export function destroyAll(clients: BenchClient[]) {
  for (const client of clients) client.destroy();
}
