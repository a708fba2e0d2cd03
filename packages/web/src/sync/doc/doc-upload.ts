import {
  CLIENT_VERSION_HEADER,
  DOC_UPLOAD_MAX_BYTES,
  docUploadChunk,
  docUploadChunkCount,
  parseErrorEnvelope,
  type DocUploadCommit,
  type DocUploadCommitResult,
  type DocUploadStatus,
} from '@corates/shared';
import { type BackoffPolicy, backoffDelay } from '../offline/backoff.ts';

/**
 * Uploads one large document diff (an offline backlog too big for a socket frame) in chunks over
 * HTTP — see `@corates/shared` doc-upload.ts for the protocol. Resumable: the diff and its id are
 * kept in a store (IndexedDB in the app) until the server confirms the commit, and after a reload
 * the server says which chunks it already holds, so only the rest is sent.
 */

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

/** A diff being uploaded, as kept across reloads. */
export interface PendingUpload {
  uploadId: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface PendingUploadStore {
  load(): Promise<PendingUpload | undefined>;
  save(upload: PendingUpload): Promise<void>;
  clear(): Promise<void>;
}

export interface UploadTransport {
  putChunk(uploadId: string, index: number, bytes: Uint8Array): Promise<DocUploadStatus>;
  status(uploadId: string): Promise<DocUploadStatus>;
  commit(uploadId: string, body: DocUploadCommit): Promise<DocUploadCommitResult>;
}

/** An answer the server will give again however often we retry (4xx other than 408/409/429). */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

export class UploadTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`offline changes of ${bytes} bytes are over the ${DOC_UPLOAD_MAX_BYTES}-byte limit`);
    this.name = 'UploadTooLarge';
  }
}

export interface UploadOptions {
  transport: UploadTransport;
  store: PendingUploadStore;
  onProgress?: (progress: UploadProgress) => void;
  /** This document's Yjs client id: the server does not echo the diff to this client's socket. */
  clientId?: number;
  /** Chunks in flight at once. */
  parallel?: number;
  /** Gives up (rejects) once this says so; checked between retries. */
  cancelled?: () => boolean;
  backoff?: BackoffPolicy;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRY_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelled';
  }
}

/**
 * Sends `diff` (or first the upload a previous page left unfinished in the store) and commits it;
 * resolves with the server's state vector after the commit. Network failures, 5xx and 429 are
 * retried with backoff until `cancelled()`; other refusals reject with `UploadRefused`.
 */
export async function uploadDiff(diff: Uint8Array, options: UploadOptions): Promise<Uint8Array> {
  const { transport, store } = options;
  const retry = <T>(fn: () => Promise<T>) => withRetry(fn, options);
  let pending = await store.load().catch(() => undefined);
  if (!pending) {
    if (diff.byteLength > DOC_UPLOAD_MAX_BYTES) throw new UploadTooLarge(diff.byteLength);
    pending = { uploadId: newUploadId(), bytes: diff, sha256: await sha256Hex(diff) };
    // Kept before the first byte goes out, so a reload resumes this upload, not a new one.
    await store.save(pending).catch(() => undefined);
  }
  const { uploadId, bytes, sha256 } = pending;
  const chunkCount = docUploadChunkCount(bytes.byteLength);
  const total = bytes.byteLength;

  let status = await retry(() => transport.status(uploadId));
  const done = new Set(status.receivedChunks);
  let sent = status.committed ? total : status.receivedBytes;
  options.onProgress?.({ sentBytes: Math.min(sent, total), totalBytes: total });

  const sendChunks = async (indexes: number[]) => {
    const queue = [...indexes];
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const chunk = docUploadChunk(bytes, i);
        status = await retry(() => transport.putChunk(uploadId, i, chunk));
        if (!done.has(i)) sent += chunk.byteLength;
        done.add(i);
        options.onProgress?.({ sentBytes: Math.min(sent, total), totalBytes: total });
        if (status.committed) return;
      }
    };
    await Promise.all(Array.from({ length: options.parallel ?? 3 }, worker));
  };

  if (!status.committed) {
    await sendChunks([...Array(chunkCount).keys()].filter((i) => !done.has(i)));
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await retry(() =>
        transport.commit(uploadId, {
          totalBytes: total,
          chunkCount,
          sha256,
          ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
        }),
      );
      await store.clear().catch(() => undefined);
      options.onProgress?.({ sentBytes: total, totalBytes: total });
      return fromBase64(result.stateVector);
    } catch (e) {
      // Chunks the server lost (expired, or a restart mid-way): send them and commit again.
      const missing = missingChunks(e);
      if (missing && attempt < 3) {
        for (const i of missing) if (done.delete(i)) sent -= docUploadChunk(bytes, i).byteLength;
        await sendChunks(missing);
        continue;
      }
      // The server will never take these bytes: forget them, so the next try starts afresh.
      if (e instanceof UploadRefused) await store.clear().catch(() => undefined);
      throw e;
    }
  }
}

function missingChunks(e: unknown): number[] | undefined {
  if (!(e instanceof UploadRefused) || e.code !== 'CONFLICT') return undefined;
  const list = (e.details as { missingChunks?: unknown } | undefined)?.missingChunks;
  return Array.isArray(list) && list.every((i) => Number.isInteger(i))
    ? (list as number[])
    : undefined;
}

async function withRetry<T>(fn: () => Promise<T>, options: UploadOptions): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (let failures = 1; ; failures++) {
    if (options.cancelled?.()) throw new UploadCancelled();
    try {
      return await fn();
    } catch (e) {
      if (e instanceof UploadRefused) throw e;
      await sleep(
        backoffDelay(failures, options.random ?? Math.random, options.backoff ?? RETRY_BACKOFF),
      );
    }
  }
}

/**
 * The app's transport: same-origin fetch with the session cookie and the client version. Tests
 * in Node pass the server's origin and the cookie.
 */
export function httpUploadTransport(
  projectId: string,
  clientVersion: string,
  options: { baseUrl?: string; headers?: Record<string, string>; checklistId?: string } = {},
): UploadTransport {
  // A checklist's own document (document model v2) has uploads of its own, under its path.
  const doc =
    options.checklistId === undefined
      ? encodeURIComponent(projectId)
      : `${encodeURIComponent(projectId)}/checklists/${encodeURIComponent(options.checklistId)}`;
  const base = `${options.baseUrl ?? ''}/api/reconcile/doc/${doc}/uploads`;
  const request = async <T>(path: string, init: RequestInit): Promise<T> => {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    headers.set(CLIENT_VERSION_HEADER, clientVersion);
    const res = await fetch(`${base}/${path}`, { ...init, headers, credentials: 'same-origin' });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.ok) return body as T;
    // Temporary: retried by the caller with backoff.
    if (res.status >= 500 || res.status === 408 || res.status === 429)
      throw new Error(`HTTP ${res.status}`);
    const envelope = parseErrorEnvelope(body);
    throw new UploadRefused(
      res.status,
      envelope?.error.code,
      envelope?.error.message ?? `HTTP ${res.status}`,
      envelope?.error.details,
    );
  };
  return {
    putChunk: (uploadId, index, bytes) =>
      request(`${uploadId}/chunks/${index}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: bytes as BodyInit,
      }),
    status: (uploadId) => request(uploadId, { method: 'GET' }),
    commit: (uploadId, body) =>
      request(`${uploadId}/commit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

/**
 * The unfinished upload of one user's copy of one project, in its own IndexedDB database. Named
 * under `corates-doc:<user>:` so signing out deletes it with the user's documents.
 */
export function indexedDbUploadStore(databaseName: string): PendingUploadStore {
  const STORE = 'pending';
  const KEY = 'current';
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(databaseName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
    });
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest) => {
    const db = await open();
    try {
      return await new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result as T);
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('transaction failed'));
      });
    } finally {
      db.close();
    }
  };
  return {
    load: async () => {
      const value = await run<unknown>('readonly', (s) => s.get(KEY));
      return isPendingUpload(value) ? value : undefined;
    },
    save: async (upload) => {
      await run('readwrite', (s) => s.put(upload, KEY));
    },
    clear: async () => {
      await run('readwrite', (s) => s.delete(KEY));
    },
  };
}

function isPendingUpload(v: unknown): v is PendingUpload {
  const p = v as Partial<PendingUpload> | undefined;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.uploadId === 'string' &&
    typeof p.sha256 === 'string' &&
    p.bytes instanceof Uint8Array
  );
}

/** "Uploading offline changes 3.2 of 20 MiB". */
export function uploadLabel(p: UploadProgress): string {
  return `Uploading offline changes ${mib(p.sentBytes)} of ${mib(p.totalBytes)} MiB`;
}

function mib(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return value.toFixed(1).replace(/\.0$/, '');
}

export function newUploadId(): string {
  return crypto.randomUUID();
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
