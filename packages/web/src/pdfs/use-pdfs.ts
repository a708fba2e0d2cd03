import { type Accessor, createMemo } from 'solid-js';
import type { PdfTag } from '@corates/shared';
import { useSession } from '../session/SessionProvider.tsx';
import { onWipeUserData } from '../session/wipe-local-data.ts';
import { requireEngine, useSyncEngine } from '../sync/metadata/MetadataSyncProvider.tsx';
import { createLiveQuery } from '../sync/metadata/create-live-query.ts';
import { type CachedPdfMeta, applyServerChanges } from '../sync/offline/index.ts';
import {
  type PdfFileStore,
  deletePdfFileStore,
  openPdfFileStore,
  pdfFileStoreName,
} from './pdf-file-store.ts';
import { primaryPdf, studyPdfs } from './pdf-list.ts';
import { type UploadRequest, uploadPdf } from './pdfs-api.ts';

// PDF metadata reads come from the Dexie cache the pull keeps current; renames, retags and
// deletes go through the op-queue (they work offline). Only the upload needs the network: its
// bytes go straight to R2 and never through the queue.

const browserIndexedDb = () => ({
  indexedDB: globalThis.indexedDB,
  IDBKeyRange: globalThis.IDBKeyRange,
});

function useProjectPdfs(projectId: () => string) {
  const engine = useSyncEngine();
  return createLiveQuery(
    () => {
      const e = engine();
      return e ? { e, id: projectId() } : undefined;
    },
    ({ e, id }) => e.db.pdfMeta.where('projectId').equals(id).toArray(),
  );
}

/** A study's PDFs, primary first; undefined until the cache has answered. */
export function useStudyPdfs(
  projectId: () => string,
  studyId: () => string,
): Accessor<CachedPdfMeta[] | undefined> {
  const { value } = useProjectPdfs(projectId);
  return createMemo(() => {
    const all = value();
    return all && studyPdfs(all, studyId());
  });
}

/** The study's primary PDF; `loaded` tells "none" from "not read yet". */
export function usePrimaryPdf(projectId: () => string, studyId: () => string) {
  const { value, loaded } = useProjectPdfs(projectId);
  return {
    pdf: createMemo(() => {
      const all = value();
      return all && primaryPdf(all, studyId());
    }),
    loaded,
  };
}

// One connection per user for the tab's life; signing out deletes the database (forgetPdfFiles).
const stores = new Map<string, PdfFileStore>();

function pdfFileStoreOf(userId: string): PdfFileStore {
  let store = stores.get(userId);
  if (!store) {
    store = openPdfFileStore(pdfFileStoreName(userId), browserIndexedDb());
    stores.set(userId, store);
  }
  return store;
}

/** The signed-in user's kept PDF files (offline copies of the last opened ones). */
export function usePdfFileStore(): Accessor<PdfFileStore | undefined> {
  const session = useSession();
  return () => {
    const userId = session.user()?.id;
    return userId ? pdfFileStoreOf(userId) : undefined;
  };
}

/** Deletes a user's kept PDF files from this device (sign-out, like their metadata cache). */
async function forgetPdfFiles(userId: string): Promise<void> {
  stores.get(userId)?.close();
  stores.delete(userId);
  await deletePdfFileStore(pdfFileStoreName(userId), browserIndexedDb());
}
// Registered as this module loads: a tab that never loaded it has no PDF store open.
onWipeUserData(forgetPdfFiles);

export function usePdfActions() {
  const engine = useSyncEngine();
  const session = useSession();
  return {
    /** Uploads, then shows the new row at once (the pull would bring it a moment later). */
    async upload(request: UploadRequest): Promise<CachedPdfMeta> {
      const pdf = await uploadPdf(request);
      const e = engine();
      const owner = session.user();
      if (e && owner) {
        await applyServerChanges(e.db, owner, [
          { entity: 'pdf', id: pdf.id, op: 'upsert', row: pdf, version: pdf.version },
        ]);
      }
      return pdf;
    },
    rename: (pdf: CachedPdfMeta, fileName: string) =>
      requireEngine(engine).enqueue({
        type: 'pdf.update',
        payload: { projectId: pdf.projectId, id: pdf.id, patch: { fileName } },
      }),
    setTag: (pdf: CachedPdfMeta, tag: PdfTag) =>
      requireEngine(engine).enqueue({
        type: 'pdf.update',
        payload: { projectId: pdf.projectId, id: pdf.id, patch: { tag } },
      }),
    remove: (pdf: CachedPdfMeta) =>
      requireEngine(engine).enqueue({
        type: 'pdf.delete',
        payload: { projectId: pdf.projectId, id: pdf.id },
      }),
  };
}
