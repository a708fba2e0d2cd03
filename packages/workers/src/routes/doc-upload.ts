import { createRoute, z } from '@hono/zod-openapi';
import {
  DOC_UPLOAD_CHUNK_BYTES,
  DOC_UPLOAD_MAX_BYTES,
  DOC_UPLOAD_TTL_MS,
  docUploadChunkIndexSchema,
  docUploadCommitResultSchema,
  docUploadCommitSchema,
  docUploadIdSchema,
  docUploadStatusSchema,
  projectIdSchema,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { AppError } from '../lib/app-error.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireSession } from '../auth/session.ts';
import { requireRole } from '../domain/access.ts';
import { projectDoc } from '../durable/project-doc-stub.ts';
import { toBase64 } from '../lib/base64.ts';
import type { UploadRefusal } from '../rooms/doc-uploads.ts';

const uploadParams = z.object({ projectId: projectIdSchema, uploadId: docUploadIdSchema });
const chunkParams = uploadParams.extend({
  index: docUploadChunkIndexSchema.openapi({
    param: { name: 'index', in: 'path' },
    type: 'integer',
  }),
});
const Status = docUploadStatusSchema.openapi('DocUploadStatus');
const ROLES = 'Roles: owner, editor (a viewer gets 403 FORBIDDEN; a non-member 404).';

const putChunk = createRoute({
  method: 'put',
  path: '/reconcile/doc/{projectId}/uploads/{uploadId}/chunks/{index}',
  ...inventory({
    primitive: 'upload',
    caller: 'editor',
    idempotent: 'sending an index again replaces it',
  }),
  tags: ['doc'],
  summary: 'Store one chunk of a large document diff (an offline backlog too big for the socket)',
  description: `${ROLES} The body is the chunk's raw bytes (\`application/octet-stream\`), 1–${DOC_UPLOAD_CHUNK_BYTES} bytes; chunk \`index\` covers bytes index×${DOC_UPLOAD_CHUNK_BYTES}… of the diff (a Yjs v1 update). The id is the client's (16–64 of A–Z a–z 0–9 _ -). Sending an index again replaces it, so retries, duplicates and any order are fine. An upload's chunks total at most ${DOC_UPLOAD_MAX_BYTES} bytes (413 PAYLOAD_TOO_LARGE); one untouched for ${DOC_UPLOAD_TTL_MS / 3_600_000} h is discarded. After a commit, further chunks are ignored (\`committed: true\`).`,
  request: {
    params: chunkParams,
    body: {
      required: true,
      content: {
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: jsonContent(Status, 'Stored; which chunks the server holds'),
    ...errorResponses(
      ...COMMON_ERRORS,
      'FORBIDDEN',
      'NOT_FOUND',
      'PAYLOAD_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
    ),
  },
});

const status = createRoute({
  method: 'get',
  path: '/reconcile/doc/{projectId}/uploads/{uploadId}',
  ...inventory({ primitive: 'upload', caller: 'editor' }),
  tags: ['doc'],
  summary: 'Which chunks of an upload the server holds (to resume it)',
  description: `${ROLES} An unknown (or expired) id answers no chunks; a committed one \`committed: true\`.`,
  request: { params: uploadParams },
  responses: {
    200: jsonContent(Status, 'Where the upload stands'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'),
  },
});

const commit = createRoute({
  method: 'post',
  path: '/reconcile/doc/{projectId}/uploads/{uploadId}/commit',
  ...inventory({
    primitive: 'upload',
    caller: 'editor',
    idempotent: 'committing an upload id again applies nothing',
  }),
  tags: ['doc'],
  summary: 'Apply an uploaded diff to the document, once',
  description: `${ROLES} Chunks 0…chunkCount-1 are joined, checked against \`totalBytes\` and \`sha256\` and validated as a Yjs update, then applied and broadcast to the open sockets; the chunks are deleted. Committing the same id again applies nothing (\`applied: false\`). Missing chunks: 409 CONFLICT with \`details.missingChunks\` (send them, then commit again). A wrong length, hash or update: 400 VALIDATION_FAILED, nothing applied, the upload discarded.`,
  request: {
    params: uploadParams,
    body: {
      required: true,
      content: {
        'application/json': { schema: docUploadCommitSchema.openapi('DocUploadCommit') },
      },
    },
  },
  responses: {
    200: jsonContent(
      docUploadCommitResultSchema.openapi('DocUploadCommitResult'),
      'Applied (or applied before); the server state vector after it',
    ),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE'),
  },
});

function refused(r: UploadRefusal): never {
  throw new AppError(r.code, r.message, r.details);
}

export const docUploadRoutes = createRouter();
docUploadRoutes.use('/reconcile/doc/:projectId/uploads/*', requireSession);
docUploadRoutes
  .openapi(putChunk, async (c) => {
    const { projectId, uploadId, index } = c.req.valid('param');
    await requireRole(c.var.db, projectId, c.var.user.id, 'editor');
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/octet-stream') {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'send the chunk as Content-Type: application/octet-stream',
      );
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > DOC_UPLOAD_CHUNK_BYTES) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `a chunk may be at most ${DOC_UPLOAD_CHUNK_BYTES} bytes`,
      );
    }
    const result = await projectDoc(c.env, projectId).uploadChunk(
      projectId,
      c.var.user.id,
      uploadId,
      index,
      bytes,
    );
    if (!result.ok) refused(result);
    return c.json(result.status, 200);
  })
  .openapi(status, async (c) => {
    const { projectId, uploadId } = c.req.valid('param');
    await requireRole(c.var.db, projectId, c.var.user.id, 'editor');
    const result = await projectDoc(c.env, projectId).uploadStatus(c.var.user.id, uploadId);
    if (!result.ok) refused(result);
    return c.json(result.status, 200);
  })
  .openapi(commit, async (c) => {
    const { projectId, uploadId } = c.req.valid('param');
    const role = await requireRole(c.var.db, projectId, c.var.user.id, 'editor');
    const result = await projectDoc(c.env, projectId).commitUpload(
      projectId,
      c.var.user.id,
      uploadId,
      c.req.valid('json'),
      role,
    );
    if (!result.ok) refused(result);
    return c.json(
      { uploadId, applied: result.applied, stateVector: toBase64(result.stateVector) },
      200,
    );
  });
