import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Pdf, PdfTag } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { inList } from '../db/in-list.ts';
import { pdfs } from '../db/schema.ts';
import { AppError } from '../lib/app-error.ts';
import type { PdfBody } from '../lib/pdf-body.ts';
import { projectsOf, refuseMirror, requireRole } from './access.ts';

type PdfRow = typeof pdfs.$inferSelect;

export function toPdf(row: PdfRow): Pdf {
  return {
    id: row.id,
    projectId: row.projectId,
    studyId: row.studyId,
    fileName: row.fileName,
    size: row.size,
    tag: row.tag,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Where a PDF's bytes live in R2. Chosen by the server, never from the file name. */
export function pdfObjectKey(projectId: string, pdfId: string): string {
  return `projects/${projectId}/pdfs/${pdfId}`;
}

async function findRow(db: Database, projectId: string, pdfId: string): Promise<PdfRow> {
  const row = await db
    .select()
    .from(pdfs)
    .where(and(eq(pdfs.id, pdfId), eq(pdfs.projectId, projectId)))
    .get();
  if (!row) throw new AppError('NOT_FOUND', 'PDF not found');
  return row;
}

/** Demotes the study's primary (other than `keepId`) to secondary. */
function demotePrimary(db: Database, projectId: string, studyId: string, keepId: string) {
  return db
    .update(pdfs)
    .set({ tag: 'secondary', updatedAt: new Date(), version: sql`${pdfs.version} + 1` })
    .where(
      and(
        eq(pdfs.projectId, projectId),
        eq(pdfs.studyId, studyId),
        eq(pdfs.tag, 'primary'),
        ne(pdfs.id, keepId),
      ),
    );
}

/** The PDFs of one study (any member), primary first, then by upload time. */
export async function listStudyPdfs(
  db: Database,
  userId: string,
  projectId: string,
  studyId: string,
): Promise<Pdf[]> {
  await requireRole(db, projectId, userId, 'viewer');
  const rows = await db
    .select()
    .from(pdfs)
    .where(and(eq(pdfs.projectId, projectId), eq(pdfs.studyId, studyId)))
    .orderBy(
      sql`case ${pdfs.tag} when 'primary' then 0 when 'protocol' then 1 else 2 end`,
      asc(pdfs.createdAt),
      asc(pdfs.id),
    );
  return rows.map(toPdf);
}

/**
 * Those of `ids` that still exist in projects `callerId` is a member of now: one statement for any
 * number of ids, to run in a batch; rows through `toPdf`.
 */
export function selectReadablePdfs(db: Database, callerId: string, ids: readonly string[]) {
  return db
    .select()
    .from(pdfs)
    .where(
      and(sql`${pdfs.id} in ${inList(ids)}`, sql`${pdfs.projectId} in ${projectsOf(callerId)}`),
    );
}

export interface NewPdf {
  projectId: string;
  studyId: string;
  /** Client-chosen id for a retry-safe upload; the server picks one otherwise. */
  id?: string | undefined;
  fileName: string;
  tag?: PdfTag | undefined;
  size: number;
}

/**
 * Stores an upload (editors and owners): bytes to R2 under a server-chosen key, then the row.
 * Without a tag, the study's first PDF becomes its primary. A primary demotes the previous one in
 * the same D1 batch. Repeating an upload with the same id answers the first PDF and stores nothing.
 */
export async function uploadPdf(
  db: Database,
  bucket: R2Bucket,
  userId: string,
  input: NewPdf,
  openBody: () => Promise<PdfBody>,
): Promise<{ pdf: Pdf; created: boolean }> {
  await requireRole(db, input.projectId, userId, 'editor');
  await refuseMirror(db, input.projectId);
  const id = input.id ?? crypto.randomUUID();
  const existing = await db.select().from(pdfs).where(eq(pdfs.id, id)).get();
  if (existing) {
    if (existing.projectId !== input.projectId || existing.uploadedBy !== userId)
      throw new AppError('CONFLICT', 'a PDF with this id already exists');
    return { pdf: toPdf(existing), created: false };
  }
  const tag =
    input.tag ?? ((await hasPrimary(db, input.projectId, input.studyId)) ? 'secondary' : 'primary');
  const body = await openBody();
  const key = pdfObjectKey(input.projectId, id);
  const put = bucket.put(key, body.stream, {
    httpMetadata: { contentType: 'application/pdf' },
    customMetadata: { projectId: input.projectId, studyId: input.studyId, uploadedBy: userId },
  });
  const [stored, streamed] = await Promise.allSettled([put, body.done]);
  if (streamed.status === 'rejected') {
    await bucket.delete(key);
    throw new AppError('VALIDATION_FAILED', 'the upload was not as long as its Content-Length');
  }
  if (stored.status === 'rejected') throw stored.reason;
  const sha256 = await body.sha256;
  const now = new Date();
  const insert = db.insert(pdfs).values({
    id,
    projectId: input.projectId,
    studyId: input.studyId,
    fileName: input.fileName,
    size: input.size,
    tag,
    r2Key: key,
    sha256,
    uploadedBy: userId,
    createdAt: now,
    updatedAt: now,
  });
  try {
    await (tag === 'primary'
      ? db.batch([demotePrimary(db, input.projectId, input.studyId, id), insert])
      : db.batch([insert]));
  } catch (e) {
    // No row points at the object, so nothing would ever delete it.
    await bucket.delete(key);
    throw e;
  }
  return { pdf: toPdf(await findRow(db, input.projectId, id)), created: true };
}

async function hasPrimary(db: Database, projectId: string, studyId: string): Promise<boolean> {
  const row = await db
    .select({ id: pdfs.id })
    .from(pdfs)
    .where(and(eq(pdfs.projectId, projectId), eq(pdfs.studyId, studyId), eq(pdfs.tag, 'primary')))
    .get();
  return row !== undefined;
}

/**
 * A PDF's bytes for any member. `conditional` (the request's headers) lets R2 answer a matching
 * `If-None-Match` without a body.
 */
export async function readPdfContent(
  db: Database,
  bucket: R2Bucket,
  userId: string,
  projectId: string,
  pdfId: string,
  conditional: Headers,
): Promise<{ pdf: Pdf; object: R2Object | R2ObjectBody }> {
  await requireRole(db, projectId, userId, 'viewer');
  const row = await findRow(db, projectId, pdfId);
  const object = await bucket.get(row.r2Key, { onlyIf: conditional });
  if (!object) throw new AppError('NOT_FOUND', 'the PDF file is missing');
  return { pdf: toPdf(row), object };
}

/** Deletes every stored PDF of a project (its rows go with the project by cascade). */
export async function deleteProjectPdfObjects(bucket: R2Bucket, projectId: string): Promise<void> {
  const prefix = `projects/${projectId}/pdfs/`;
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
    if (page.objects.length > 0) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
}
