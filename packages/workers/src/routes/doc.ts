import { createRoute, z } from '@hono/zod-openapi';
import { projectIdSchema, roleAtLeast } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { AppError } from '../lib/app-error.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { requireSession } from '../auth/session.ts';
import { requireRole } from '../domain/access.ts';
import { projectDoc } from '../durable/project-doc-stub.ts';
import { DOC_INTERNAL_HEADERS } from '../durable/internal-headers.ts';
import { fromBase64, toBase64 } from '../lib/base64.ts';

const projectParams = z.object({ projectId: projectIdSchema });

/** The name URI-encoded for an internal header; '' for one that cannot be (a lone surrogate). */
function headerSafeName(name: string): string {
  try {
    return encodeURIComponent(name);
  } catch {
    return '';
  }
}

const connect = createRoute({
  method: 'get',
  path: '/projects/{projectId}/doc',
  tags: ['doc'],
  summary: "The project's Yjs document over WebSocket (y-websocket protocol)",
  description:
    'Upgrade to a WebSocket speaking the standard y-websocket protocol (sync steps 1/2, updates, awareness). Session cookie auth; non-members are refused before the upgrade (404); viewers receive but their updates are dropped. The server closes with code 4000 and a reason from DocCloseReason.',
  request: { params: projectParams },
  responses: {
    101: { description: 'Switching protocols' },
    ...errorResponses(...COMMON_ERRORS, 'NOT_FOUND'),
  },
});

const base64 = z
  .string()
  .max(350_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const reconcileBody = z.strictObject({
  /** A Yjs update (v1) with the caller's changes; may be empty. */
  update: base64,
  /** The caller's state vector; the answer holds everything it is missing. */
  stateVector: base64,
});
const reconcileResponse = z.object({ update: z.string(), stateVector: z.string() });

const reconcile = createRoute({
  method: 'post',
  path: '/reconcile/doc/{projectId}',
  tags: ['doc'],
  summary:
    'HTTP fallback for document sync: a Yjs update and state vector in, the missing diff out',
  description: "Roles: owner, editor, viewer (a viewer's update is ignored). Bytes are base64.",
  request: {
    params: projectParams,
    body: {
      required: true,
      content: { 'application/json': { schema: reconcileBody.openapi('ReconcileRequest') } },
    },
  },
  responses: {
    200: jsonContent(
      reconcileResponse.openapi('ReconcileResponse'),
      'What the caller is missing, and the server state vector',
    ),
    ...errorResponses(...COMMON_ERRORS, 'NOT_FOUND'),
  },
});

export const docRoutes = createRouter();
// Scoped to its own paths: this router is mounted at /api, where a catch-all would turn every
// unknown route into a 401.
docRoutes.use('/projects/:projectId/doc', requireSession);
docRoutes.use('/reconcile/*', requireSession);
docRoutes
  .openapi(connect, async (c) => {
    const { projectId } = c.req.valid('param');
    const role = await requireRole(c.var.db, projectId, c.var.user.id, 'viewer');
    if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
      throw new AppError('VALIDATION_FAILED', 'this endpoint needs a WebSocket upgrade');
    }
    const headers = new Headers(c.req.raw.headers);
    headers.set(DOC_INTERNAL_HEADERS.userId, c.var.user.id);
    // Stamped on this socket's presence ([R10]): peers see the session's name, not a claimed one.
    headers.set(DOC_INTERNAL_HEADERS.userName, headerSafeName(c.var.user.name));
    headers.set(DOC_INTERNAL_HEADERS.projectId, projectId);
    headers.set(DOC_INTERNAL_HEADERS.canWrite, roleAtLeast(role, 'editor') ? '1' : '0');
    return projectDoc(c.env, projectId).fetch(new Request(c.req.raw.url, { headers }));
  })
  .openapi(reconcile, async (c) => {
    const { projectId } = c.req.valid('param');
    const role = await requireRole(c.var.db, projectId, c.var.user.id, 'viewer');
    const body = c.req.valid('json');
    let update: Uint8Array;
    let stateVector: Uint8Array;
    try {
      update = fromBase64(body.update);
      stateVector = fromBase64(body.stateVector);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'update and stateVector must be base64');
    }
    try {
      const result = await projectDoc(c.env, projectId).reconcile(
        projectId,
        update,
        stateVector,
        roleAtLeast(role, 'editor'),
      );
      return c.json(
        { update: toBase64(result.update), stateVector: toBase64(result.stateVector) },
        200,
      );
    } catch (e) {
      // Yjs throws on bytes that are not an update/state vector; nothing was applied.
      if (e instanceof AppError) throw e;
      throw new AppError('VALIDATION_FAILED', 'update or stateVector is not valid Yjs data');
    }
  });
