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
  type DocUploadCommit,
} from '@corates/shared';
import type { AppContext } from '../env.ts';
import type { UploadTarget } from '../durable/project-doc.ts';
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
/** A checklist's id in a path (ids join study, tool, outcome and reviewer with colons). */
const checklistUploadParams = uploadParams.extend({
  checklistId: z
    .string()
    .min(1)
    .max(300)
    .openapi({ description: "The checklist's id, URI-encoded" }),
});
const chunkIndex = {
  index: docUploadChunkIndexSchema.openapi({
    param: { name: 'index', in: 'path' },
    type: 'integer',
  }),
};
const Status = docUploadStatusSchema.openapi('DocUploadStatus');
const ROLES = 'Roles: owner, editor (a viewer gets 403 FORBIDDEN; a non-member 404).';
const CHECKLIST_ROLES =
  "Document model v2, a checklist's own document: decided like its socket — only a member who may write the checklist now (its reviewer; an editor or owner on a reconciliation) may upload to it; a member who may only read it gets 403 FORBIDDEN; one who may not open it now, or a non-member, 404. Its uploads are kept apart from the project document's.";

const PROJECT_PATH = '/reconcile/doc/{projectId}/uploads/{uploadId}';
const CHECKLIST_PATH = '/reconcile/doc/{projectId}/checklists/{checklistId}/uploads/{uploadId}';

const putChunkDescription = `The body is the chunk's raw bytes (\`application/octet-stream\`), 1–${DOC_UPLOAD_CHUNK_BYTES} bytes; chunk \`index\` covers bytes index×${DOC_UPLOAD_CHUNK_BYTES}… of the diff (a Yjs v1 update). The id is the client's (16–64 of A–Z a–z 0–9 _ -). Sending an index again replaces it, so retries, duplicates and any order are fine. An upload's chunks total at most ${DOC_UPLOAD_MAX_BYTES} bytes (413 PAYLOAD_TOO_LARGE); one untouched for ${DOC_UPLOAD_TTL_MS / 3_600_000} h is discarded. After a commit, further chunks are ignored (\`committed: true\`).`;
const statusDescription =
  'An unknown (or expired) id answers no chunks; a committed one `committed: true`.';
const commitDescription =
  'Chunks 0…chunkCount-1 are joined, checked against `totalBytes` and `sha256` and validated as a Yjs update, then applied and broadcast to the open sockets; the chunks are deleted. Committing the same id again applies nothing (`applied: false`). Missing chunks: 409 CONFLICT with `details.missingChunks` (send them, then commit again). A wrong length, hash or update: 400 VALIDATION_FAILED, nothing applied, the upload discarded.';

/** The three upload routes of one kind of document (the same wire for both). */
function uploadRoutes<P extends typeof uploadParams | typeof checklistUploadParams>(
  path: string,
  params: P,
  roles: string,
  what: string,
) {
  const putChunk = createRoute({
    method: 'put',
    path: `${path}/chunks/{index}`,
    ...inventory({
      primitive: 'upload',
      caller: 'editor',
      idempotent: 'sending an index again replaces it',
    }),
    tags: ['doc'],
    summary: `Store one chunk of a large ${what} diff (an offline backlog too big for the socket)`,
    description: `${roles} ${putChunkDescription}`,
    request: {
      params: params.extend(chunkIndex),
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
    path,
    ...inventory({ primitive: 'upload', caller: 'editor' }),
    tags: ['doc'],
    summary: `Which chunks of a ${what} upload the server holds (to resume it)`,
    description: `${roles} ${statusDescription}`,
    request: { params },
    responses: {
      200: jsonContent(Status, 'Where the upload stands'),
      ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'),
    },
  });
  const commit = createRoute({
    method: 'post',
    path: `${path}/commit`,
    ...inventory({
      primitive: 'upload',
      caller: 'editor',
      idempotent: 'committing an upload id again applies nothing',
    }),
    tags: ['doc'],
    summary: `Apply an uploaded diff to the ${what}, once`,
    description: `${roles} ${commitDescription}`,
    request: {
      params,
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
      ...errorResponses(
        ...COMMON_ERRORS,
        'FORBIDDEN',
        'NOT_FOUND',
        'CONFLICT',
        'PAYLOAD_TOO_LARGE',
      ),
    },
  });
  return { putChunk, status, commit };
}

const project = uploadRoutes(PROJECT_PATH, uploadParams, ROLES, 'document');
const checklist = uploadRoutes(
  CHECKLIST_PATH,
  checklistUploadParams,
  CHECKLIST_ROLES,
  'checklist document',
);

function refused(r: UploadRefusal): never {
  throw new AppError(r.code, r.message, r.details);
}

/**
 * Who uploads to which document. The project document takes editors and owners (checked here);
 * a checklist's document is decided by the project's object, which knows the headers ([R17]).
 */
async function targetOf(
  c: AppContext,
  params: { projectId: string; checklistId?: string },
): Promise<UploadTarget> {
  const { projectId, checklistId } = params;
  const minimum = checklistId === undefined ? 'editor' : 'viewer';
  const role = await requireRole(c.var.db, projectId, c.var.user.id, minimum);
  return { projectId, userId: c.var.user.id, role, ...(checklistId ? { checklistId } : {}) };
}

async function putChunk(c: AppContext, target: UploadTarget, uploadId: string, index: number) {
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
  const result = await projectDoc(c.env, target.projectId).uploadChunk(
    target,
    uploadId,
    index,
    bytes,
  );
  if (!result.ok) refused(result);
  return c.json(result.status, 200);
}

async function status(c: AppContext, target: UploadTarget, uploadId: string) {
  const result = await projectDoc(c.env, target.projectId).uploadStatus(target, uploadId);
  if (!result.ok) refused(result);
  return c.json(result.status, 200);
}

async function commit(
  c: AppContext,
  target: UploadTarget,
  uploadId: string,
  body: DocUploadCommit,
) {
  const result = await projectDoc(c.env, target.projectId).commitUpload(target, uploadId, body);
  if (!result.ok) refused(result);
  return c.json(
    { uploadId, applied: result.applied, stateVector: toBase64(result.stateVector) },
    200,
  );
}

export const docUploadRoutes = createRouter();
docUploadRoutes.use('/reconcile/doc/:projectId/uploads/*', requireSession);
docUploadRoutes.use('/reconcile/doc/:projectId/checklists/:checklistId/uploads/*', requireSession);
docUploadRoutes
  .openapi(project.putChunk, async (c) => {
    const p = c.req.valid('param');
    return putChunk(c, await targetOf(c, p), p.uploadId, p.index);
  })
  .openapi(project.status, async (c) => {
    const p = c.req.valid('param');
    return status(c, await targetOf(c, p), p.uploadId);
  })
  .openapi(project.commit, async (c) => {
    const p = c.req.valid('param');
    return commit(c, await targetOf(c, p), p.uploadId, c.req.valid('json'));
  })
  .openapi(checklist.putChunk, async (c) => {
    const p = c.req.valid('param');
    return putChunk(c, await targetOf(c, p), p.uploadId, p.index);
  })
  .openapi(checklist.status, async (c) => {
    const p = c.req.valid('param');
    return status(c, await targetOf(c, p), p.uploadId);
  })
  .openapi(checklist.commit, async (c) => {
    const p = c.req.valid('param');
    return commit(c, await targetOf(c, p), p.uploadId, c.req.valid('json'));
  });
