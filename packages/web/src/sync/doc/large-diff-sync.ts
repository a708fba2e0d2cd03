import type { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { DOC_UPLOAD_THRESHOLD_BYTES, DocMessageType } from '@corates/shared';
import {
  UploadCancelled,
  uploadDiff,
  type PendingUploadStore,
  type UploadProgress,
  type UploadTransport,
} from './doc-upload.ts';

export interface LargeDiffSyncOptions {
  transport: UploadTransport;
  store: PendingUploadStore;
  /** Progress of the upload in flight; undefined when none is. */
  onProgress: (progress: UploadProgress | undefined) => void;
  /** Everything the socket's sync asked for is on the server (the upload and what was left). */
  onSettled: () => void;
  /** The server will not take the backlog (a refusal, or over the size limit). */
  onFailed: (error: Error) => void;
  threshold?: number;
  /**
   * Settles when the local copy (IndexedDB) is loaded. Until then a small diff says nothing about
   * an upload a previous page left unfinished, so that upload is kept.
   */
  localCopyLoaded?: Promise<unknown>;
}

export interface LargeDiffSync {
  /** An upload is in flight (the socket's sync is not complete until it is done). */
  busy(): boolean;
  destroy(): void;
}

type SyncHandler = WebsocketProvider['messageHandlers'][number];
interface Decoder {
  arr: Uint8Array;
  pos: number;
}

/**
 * Keeps a y-websocket provider's frames under the relay's limit. A stock provider answers the
 * server's sync step 1 with its whole diff in one frame, and sends every local update as a frame;
 * an offline backlog (a long pasted note, many imported studies) can be far over the limit, and
 * the relay refuses it for good (MESSAGE_TOO_LARGE). Here a diff over `threshold` goes over HTTP
 * in chunks instead (`uploadDiff`), and once it is committed the socket sends what is still
 * missing, computed from the server's state vector after the commit.
 */
export function attachLargeDiffSync(
  provider: WebsocketProvider,
  doc: Y.Doc,
  options: LargeDiffSyncOptions,
): LargeDiffSync {
  const threshold = options.threshold ?? DOC_UPLOAD_THRESHOLD_BYTES;
  let running = false;
  let destroyed = false;
  /** A previous page may have left an upload in the store; checked once, on the first sync. */
  let storeMayHoldUpload = true;
  let localLoaded = options.localCopyLoaded === undefined;
  options.localCopyLoaded?.then(
    () => (localLoaded = true),
    () => (localLoaded = true),
  );
  /** The server's state vector as last heard (a lower bound: the server only gains). */
  let serverVector: Uint8Array | undefined;

  const run = async (diff: Uint8Array) => {
    running = true;
    try {
      for (let next: Uint8Array | undefined = diff; next;) {
        serverVector = await uploadDiff(next, {
          transport: options.transport,
          store: options.store,
          onProgress: (p) => options.onProgress(p),
          clientId: doc.clientID,
          cancelled: () => destroyed,
        });
        storeMayHoldUpload = false;
        if (destroyed) return;
        // Whatever the server still lacks: edits made meanwhile, or the diff itself when the
        // store held an older upload that went first.
        const rest = Y.encodeStateAsUpdate(doc, serverVector);
        if (rest.byteLength > threshold) {
          next = rest;
          continue;
        }
        next = undefined;
        sendOnSocket(provider, rest);
      }
      options.onProgress(undefined);
      options.onSettled();
    } catch (e) {
      options.onProgress(undefined);
      if (!(e instanceof UploadCancelled)) options.onFailed(e as Error);
    } finally {
      running = false;
    }
  };

  const original = provider.messageHandlers[DocMessageType.sync] as SyncHandler;
  provider.messageHandlers[DocMessageType.sync] = (encoder, decoder, p, emitSynced, type) => {
    // `emitSynced` is false for messages from this browser's other tabs, which have no size limit.
    const d = decoder as unknown as Decoder;
    if (emitSynced && d.arr[d.pos] === syncProtocol.messageYjsSyncStep1) {
      const start = d.pos;
      d.pos += 1;
      const stateVector = readVarUint8Array(d);
      serverVector = stateVector;
      if (running) return; // the upload in flight sends what is left once it is done
      const diff = Y.encodeStateAsUpdate(doc, stateVector);
      if (diff.byteLength > threshold) {
        void run(diff);
        return;
      }
      if (storeMayHoldUpload && localLoaded) {
        // The server has (nearly) everything: an upload left by a previous page is moot.
        storeMayHoldUpload = false;
        void options.store.clear().catch(() => undefined);
      }
      d.pos = start;
    }
    original(encoder, decoder, p, emitSynced, type);
  };

  // Local updates: one larger than a frame (a long paste while online, or the IndexedDB copy
  // loading after the socket connected) is sent as the diff against the server's last known state,
  // uploaded when that is still too large for a frame.
  const providerWithHandler = provider as unknown as {
    _updateHandler: (update: Uint8Array, origin: unknown) => void;
  };
  const originalUpdate = providerWithHandler._updateHandler;
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== provider && update.byteLength > threshold) {
      // Not connected, or an upload runs: the next sync (or the upload's end) sends it.
      if (!provider.wsconnected || running) return;
      const diff = serverVector ? Y.encodeStateAsUpdate(doc, serverVector) : update;
      if (diff.byteLength > threshold) void run(diff);
      else sendOnSocket(provider, diff);
      return;
    }
    originalUpdate(update, origin);
  };
  doc.off('update', originalUpdate);
  doc.on('update', onUpdate);
  // y-websocket's destroy() unsubscribes `_updateHandler`; point it at ours.
  providerWithHandler._updateHandler = onUpdate;

  return {
    busy: () => running,
    destroy: () => {
      destroyed = true;
    },
  };
}

/** WebSocket.OPEN, as a literal: Node's `ws` and the browser's socket agree on it. */
const OPEN = 1;

/** Sends `update` as a sync step 2 frame, if the socket is open (else the next sync does it). */
function sendOnSocket(provider: WebsocketProvider, update: Uint8Array) {
  const ws = provider.ws;
  if (!provider.wsconnected || !ws || ws.readyState !== OPEN) return;
  if (update.byteLength <= 2) return; // an empty update: nothing is missing
  ws.send(frame(update));
}

function frame(update: Uint8Array): Uint8Array {
  const head = [
    ...varUint(DocMessageType.sync),
    ...varUint(syncProtocol.messageYjsSyncStep2),
    ...varUint(update.byteLength),
  ];
  const out = new Uint8Array(head.length + update.byteLength);
  out.set(head, 0);
  out.set(update, head.length);
  return out;
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function readVarUint(d: Decoder): number {
  let value = 0;
  let mult = 1;
  for (;;) {
    const byte = d.arr[d.pos++];
    if (byte === undefined) throw new Error('unexpected end of frame');
    value += (byte & 0x7f) * mult;
    if (byte < 0x80) return value;
    mult *= 128;
  }
}

function readVarUint8Array(d: Decoder): Uint8Array {
  const length = readVarUint(d);
  const bytes = d.arr.subarray(d.pos, d.pos + length);
  d.pos += length;
  return bytes;
}
