import { createRoute, z } from '@hono/zod-openapi';
import {
  PDF_MAX_BYTES,
  pdfListSchema,
  pdfSchema,
  projectIdSchema,
  studyIdSchema,
  updatePdfSchema,
  uploadPdfQuerySchema,
  INLINE_PDF_CSP,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireSession } from '../auth/session.ts';
import { AppError } from '../lib/app-error.ts';
import { openPdfBody } from '../lib/pdf-body.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import type { Pdf as PdfDto } from '@corates/shared';
import { listStudyPdfs, readPdfContent, uploadPdf } from '../domain/pdfs.ts';
import { runMutation } from '../domain/mutations/run-mutations.ts';
import { mutationContext } from './mutation-context.ts';
import { refreshSharesAfterWrite } from '../federation/share-changes.ts';

const Pdf = pdfSchema.openapi('Pdf');
const studyParams = z.object({ projectId: projectIdSchema, studyId: studyIdSchema });
const pdfParams = z.object({ projectId: projectIdSchema, pdfId: z.string().min(1).max(64) });

/** The upload path, which streams a body far above the app-wide JSON body limit. */
export const PDF_UPLOAD_PATH = /^\/api\/projects\/[^/]+\/studies\/[^/]+\/pdfs\/?$/;

const upload = createRoute({
  method: 'post',
  path: '/projects/{projectId}/studies/{studyId}/pdfs',
  ...inventory({
    primitive: 'upload',
    caller: 'editor',
    idempotent: 'the same PDF `id` answers the first upload',
  }),
  tags: ['pdfs'],
  summary: 'Upload a PDF to a study (the raw file as the body)',
  description: `Roles: owner, editor. The body is the file itself with its Content-Length, at most ${PDF_MAX_BYTES} bytes (413 PAYLOAD_TOO_LARGE); it must be sent as \`Content-Type: application/pdf\` and start with \`%PDF-\` (415 UNSUPPORTED_MEDIA_TYPE otherwise). The file name is made safe (returned in \`fileName\`). Without \`tag\` the study's first PDF becomes primary; a new primary demotes the old one to secondary. Repeating an upload with the same \`id\` returns the first PDF (200).`,
  request: {
    params: studyParams,
    query: uploadPdfQuerySchema,
    body: {
      required: true,
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  responses: {
    201: jsonContent(Pdf, 'Stored'),
    200: jsonContent(Pdf, 'Already stored by an earlier upload with this id'),
    ...errorResponses(
      ...COMMON_ERRORS,
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
    ),
  },
});

const list = createRoute({
  method: 'get',
  path: '/projects/{projectId}/studies/{studyId}/pdfs',
  ...inventory({ primitive: 'rest', caller: 'viewer' }),
  tags: ['pdfs'],
  summary: "A study's PDFs, primary first",
  description: 'Roles: owner, editor, viewer. Non-members get 404.',
  request: { params: studyParams },
  responses: {
    200: jsonContent(pdfListSchema.openapi('PdfList'), 'PDFs'),
    ...errorResponses(...COMMON_ERRORS, 'NOT_FOUND'),
  },
});

const content = createRoute({
  method: 'get',
  path: '/projects/{projectId}/pdfs/{pdfId}/content',
  ...inventory({ primitive: 'rest', caller: 'viewer' }),
  tags: ['pdfs'],
  summary: "A PDF's bytes",
  description:
    'Roles: owner, editor, viewer. The bytes never change, so the answer may be cached for good (private); `If-None-Match` with the ETag answers 304.',
  request: { params: pdfParams },
  responses: {
    200: {
      description: 'The file',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'Not modified' },
    ...errorResponses(...COMMON_ERRORS, 'NOT_FOUND'),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/projects/{projectId}/pdfs/{pdfId}',
  ...inventory({ primitive: 'rest', caller: 'editor' }),
  tags: ['pdfs'],
  summary: 'Rename or retag a PDF',
  description:
    "Roles: owner, editor. Setting `primary` demotes the study's previous primary to secondary.",
  request: {
    params: pdfParams,
    body: {
      required: true,
      content: { 'application/json': { schema: updatePdfSchema.openapi('UpdatePdf') } },
    },
  },
  responses: {
    200: jsonContent(Pdf, 'The PDF after the change'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/projects/{projectId}/pdfs/{pdfId}',
  ...inventory({ primitive: 'rest', caller: 'editor' }),
  tags: ['pdfs'],
  summary: 'Delete a PDF and its file',
  description: 'Roles: owner, editor.',
  request: { params: pdfParams },
  responses: {
    204: { description: 'Deleted' },
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'),
  },
});

export const pdfRoutes = createRouter();
pdfRoutes.use('/projects/:projectId/studies/:studyId/pdfs', requireSession);
pdfRoutes.use('/projects/:projectId/pdfs/*', requireSession);
pdfRoutes
  .openapi(upload, async (c) => {
    const { projectId, studyId } = c.req.valid('param');
    const query = c.req.valid('query');
    // A form post can send any body with a text/plain type; only a deliberate upload says PDF.
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/pdf') {
      await c.req.raw.body?.cancel();
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'upload the file with Content-Type: application/pdf',
      );
    }
    const body = c.req.raw.body;
    const length = Number(c.req.header('Content-Length'));
    if (!body || !Number.isSafeInteger(length) || length <= 0) {
      throw new AppError('VALIDATION_FAILED', 'send the file as the body, with its Content-Length');
    }
    if (length > PDF_MAX_BYTES) {
      await body.cancel();
      throw new AppError('PAYLOAD_TOO_LARGE', `a PDF may be at most ${PDF_MAX_BYTES} bytes`);
    }
    const { pdf, created } = await uploadPdf(
      c.var.db,
      c.env.PDFS,
      c.var.user.id,
      { projectId, studyId, ...query, size: length },
      () => openPdfBody(body, length),
    );
    // Federation: a PDF under a shared study joins its shares now, not at their next pull.
    if (created) await refreshSharesAfterWrite(c.env, projectId);
    return c.json(pdf, created ? 201 : 200);
  })
  .openapi(list, async (c) => {
    const { projectId, studyId } = c.req.valid('param');
    return c.json({ pdfs: await listStudyPdfs(c.var.db, c.var.user.id, projectId, studyId) }, 200);
  })
  .openapi(content, async (c) => {
    const { projectId, pdfId } = c.req.valid('param');
    const { pdf, object } = await readPdfContent(
      c.var.db,
      c.env.PDFS,
      c.var.user.id,
      projectId,
      pdfId,
      c.req.raw.headers,
    );
    const headers = new Headers({
      ETag: object.httpEtag,
      // The key is never reused for other bytes; `private` because access depends on the session.
      'Cache-Control': 'private, max-age=31536000, immutable',
    });
    if (!('body' in object)) return c.body(null, 304, Object.fromEntries(headers));
    headers.set('Content-Type', 'application/pdf');
    headers.set('Content-Length', String(object.size));
    headers.set('Content-Disposition', contentDisposition('inline', pdf.fileName));
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Content-Security-Policy', INLINE_PDF_CSP);
    return c.body(object.body, 200, Object.fromEntries(headers));
  })
  .openapi(update, async (c) => {
    const { projectId, pdfId } = c.req.valid('param');
    const { row } = await runMutation(mutationContext(c), {
      type: 'pdf.update',
      payload: { projectId, id: pdfId, patch: c.req.valid('json') },
    });
    return c.json(row as PdfDto, 200);
  })
  .openapi(remove, async (c) => {
    const { projectId, pdfId } = c.req.valid('param');
    await runMutation(mutationContext(c), {
      type: 'pdf.delete',
      payload: { projectId, id: pdfId },
    });
    return c.body(null, 204);
  });
