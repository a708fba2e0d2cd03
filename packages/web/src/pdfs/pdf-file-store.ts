import { Dexie, type EntityTable } from 'dexie';
import type { IndexedDbEnv } from '../sync/offline/index.ts';
import { DEFAULT_KEEP_LIMITS, type KeepLimits, type KeptPdf, planEviction } from './pdf-lru.ts';

interface FileBytes {
  id: string;
  bytes: ArrayBuffer;
}

// Entries and bytes apart, so choosing what to drop never reads megabytes of PDF.
type FileDb = Dexie & {
  entries: EntityTable<KeptPdf, 'id'>;
  bytes: EntityTable<FileBytes, 'id'>;
};

/** The PDF files of one user, kept apart from everyone else's and wiped with their session. */
export function pdfFileStoreName(userId: string): string {
  return `corates-pdf-files-${userId}`;
}

/**
 * The last opened PDFs' bytes on this device, so they open offline. Bytes are kept by PDF id:
 * a PDF's content never changes on the server, so a kept copy is never stale.
 */
export interface PdfFileStore {
  /** A kept PDF's bytes, marked as just opened; undefined when it is not kept. */
  open(id: string): Promise<ArrayBuffer | undefined>;
  /** Keeps a PDF just fetched, then drops the least recently opened ones beyond the limits. */
  keep(id: string, bytes: ArrayBuffer): Promise<void>;
  keptIds(): Promise<string[]>;
  close(): void;
}

export function openPdfFileStore(
  name: string,
  env: IndexedDbEnv,
  options: { limits?: KeepLimits; now?: () => number } = {},
): PdfFileStore {
  const db = new Dexie(name, { indexedDB: env.indexedDB, IDBKeyRange: env.IDBKeyRange }) as FileDb;
  db.version(1).stores({ entries: 'id', bytes: 'id' });
  const limits = options.limits ?? DEFAULT_KEEP_LIMITS;
  const now = options.now ?? Date.now;
  return {
    open: (id) =>
      db.transaction('rw', db.entries, db.bytes, async () => {
        const entry = await db.entries.get(id);
        const file = entry && (await db.bytes.get(id));
        if (!entry || !file) return undefined;
        await db.entries.put({ ...entry, openedAt: now() });
        return file.bytes;
      }),
    keep: (id, bytes) =>
      db.transaction('rw', db.entries, db.bytes, async () => {
        await db.entries.put({ id, size: bytes.byteLength, openedAt: now() });
        await db.bytes.put({ id, bytes });
        const evict = planEviction(await db.entries.toArray(), limits, id);
        await db.entries.bulkDelete(evict);
        await db.bytes.bulkDelete(evict);
      }),
    keptIds: async () => (await db.entries.toCollection().primaryKeys()).map(String),
    close: () => db.close(),
  };
}

/** Deletes a user's kept PDFs (sign-out). */
export function deletePdfFileStore(name: string, env: IndexedDbEnv): Promise<void> {
  return new Dexie(name, { indexedDB: env.indexedDB, IDBKeyRange: env.IDBKeyRange }).delete();
}
