import { createRoute, z } from '@hono/zod-openapi';
import { DOC_CLIENT_VERSION_PARAM, projectIdSchema } from '@corates/shared';
import type { AppContext } from '../env.ts';
import { clientVersionOf } from '../middleware/client-version.ts';
import { createRouter } from '../lib/router.ts';
import { AppError } from '../lib/app-error.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireSession } from '../auth/session.ts';
import { requireRole } from '../domain/access.ts';
import { projectDoc } from '../durable/project-doc-stub.ts';
import { DOC_INTERNAL_HEADERS } from '../durable/internal-headers.ts';
import { fromBase64, toBase64 } from '../lib/base64.ts';
import { INVALID_DOCUMENT_PREFIX } from '../rooms/layout-guard.ts';

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
  ...inventory({
    primitive: 'yjs-socket',
    caller: 'viewer',
    idempotent: 'Yjs updates are CRDT merges: one applied twice changes nothing',
  }),
  tags: ['doc'],
  summary: "The project's Yjs document over WebSocket (y-websocket protocol)",
  description:
    "Upgrade to a WebSocket speaking the standard y-websocket protocol (sync steps 1/2, updates, awareness). Session cookie auth; non-members are refused before the upgrade (404); viewers receive but their updates are dropped; awareness is accepted only for the socket's own client ids and carries the session user's id and name. The server closes with a reason from DocCloseReason and its code from DOC_CLOSE_CODES: permanent refusals 4400–4499 (MEMBERSHIP_REVOKED 4403, PROJECT_DELETED 4410, MESSAGE_TOO_LARGE 4413, CLIENT_TOO_OLD 4426), which a stock y-websocket client does not retry; temporary ones 4000–4399 (MALFORMED_FRAME 4000). A build below minSupportedClient (its version in `clientVersion` or X-Client-Version) gets the upgrade and an immediate CLIENT_TOO_OLD close; no version is let through.",
  request: {
    params: projectParams,
    query: z.object({
      [DOC_CLIENT_VERSION_PARAM]: z.string().optional().openapi({
        description: "The client's version (a browser cannot set X-Client-Version on a WebSocket)",
      }),
    }),
  },
  responses: {
    101: { description: 'Switching protocols' },
    ...errorResponses(...COMMON_ERRORS, 'NOT_FOUND'),
  },
});

/** A checklist's id in a path (ids join study, tool, outcome and reviewer with colons). */
const checklistParams = projectParams.extend({
  checklistId: z
    .string()
    .min(1)
    .max(300)
    .openapi({ description: "The checklist's id, URI-encoded" }),
});

const connectChecklist = createRoute({
  method: 'get',
  path: '/projects/{projectId}/checklists/{checklistId}/doc',
  ...inventory({
    primitive: 'yjs-socket',
    caller: 'viewer',
    idempotent: 'Yjs updates are CRDT merges: one applied twice changes nothing',
  }),
  tags: ['doc'],
  summary: "A checklist's own Yjs document over WebSocket (document model v2)",
  description:
    "Like the project document's socket, for one checklist's answers, notes, support texts and assessor judgements. Who may open it is decided by the project's Durable Object from the project document (docs/doc-model-v2.md): the checklist's reviewer writes it; while the project blinds reviewers, the other reviewer and other editors read it only once both reviewers are done; owners read every checklist except the other one of an appraisal they review; viewers read finalized work. A member who may not open it now (or a checklist that does not exist) is refused before the upgrade with 404 NOT_FOUND; a socket whose access is withdrawn later is closed with CHECKLIST_WITHHELD (4412, permanent).",
  request: {
    params: checklistParams,
    query: z.object({
      [DOC_CLIENT_VERSION_PARAM]: z.string().optional().openapi({
        description: "The client's version (a browser cannot set X-Client-Version on a WebSocket)",
      }),
    }),
  },
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
  ...inventory({
    primitive: 'http-fallback',
    caller: 'viewer',
    idempotent: 'Yjs updates are CRDT merges: one applied twice changes nothing',
  }),
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

const reconcileChecklist = createRoute({
  method: 'post',
  path: '/reconcile/doc/{projectId}/checklists/{checklistId}',
  ...inventory({
    primitive: 'http-fallback',
    caller: 'viewer',
    idempotent: 'Yjs updates are CRDT merges: one applied twice changes nothing',
  }),
  tags: ['doc'],
  summary: "HTTP fallback for a checklist's own document (document model v2)",
  description:
    "Like the project document's fallback, for one checklist's document. Who may read or write it is decided as for its socket: 404 NOT_FOUND when the member may not open it now (blinded until both reviewers are done) or there is no such checklist; an update from someone who may only read it is ignored. Bytes are base64.",
  request: {
    params: checklistParams,
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
// [R11] A retired build was refused before this, by the app's clientVersionGate.
docRoutes.use('/projects/:projectId/doc', requireSession);
docRoutes.use('/projects/:projectId/checklists/:checklistId/doc', requireSession);
docRoutes.use('/reconcile/*', requireSession);
docRoutes
  .openapi(connect, async (c) => {
    const { projectId } = c.req.valid('param');
    return forwardSocket(c, projectId);
  })
  .openapi(connectChecklist, async (c) => {
    const { projectId, checklistId } = c.req.valid('param');
    return forwardSocket(c, projectId, checklistId);
  })
  .openapi(reconcile, async (c) => {
    const { projectId } = c.req.valid('param');
    const role = await requireRole(c.var.db, projectId, c.var.user.id, 'viewer');
    const { update, stateVector } = decodeReconcileBody(c.req.valid('json'));
    const result = await refusingBadUpdates(() =>
      projectDoc(c.env, projectId).reconcile(projectId, update, stateVector, role, c.var.user.id),
    );
    return c.json(
      { update: toBase64(result.update), stateVector: toBase64(result.stateVector) },
      200,
    );
  })
  .openapi(reconcileChecklist, async (c) => {
    const { projectId, checklistId } = c.req.valid('param');
    const role = await requireRole(c.var.db, projectId, c.var.user.id, 'viewer');
    const { update, stateVector } = decodeReconcileBody(c.req.valid('json'));
    const result = await refusingBadUpdates(() =>
      projectDoc(c.env, projectId).reconcileChecklist(
        projectId,
        checklistId,
        { userId: c.var.user.id, role },
        update,
        stateVector,
      ),
    );
    if (result.withheld) throw checklistNotOpen();
    return c.json(
      { update: toBase64(result.update), stateVector: toBase64(result.stateVector) },
      200,
    );
  });

function decodeReconcileBody(body: z.infer<typeof reconcileBody>) {
  try {
    return { update: fromBase64(body.update), stateVector: fromBase64(body.stateVector) };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'update and stateVector must be base64');
  }
}

/** Runs an RPC that applies a client's update; what Yjs or a layout rule refused is a 400. */
async function refusingBadUpdates<T>(rpc: () => Promise<T>): Promise<T> {
  try {
    return await rpc();
  } catch (e) {
    // Yjs throws on bytes that are not an update/state vector; nothing was applied.
    if (e instanceof AppError) throw e;
    // [R12] An update that breaks the document layout's types, [R15] or a non-owner's that would
    // reopen a finalized reconciliation (the message survives the RPC).
    const message = e instanceof Error ? e.message : '';
    if (message.startsWith(INVALID_DOCUMENT_PREFIX))
      throw new AppError('VALIDATION_FAILED', message.slice(INVALID_DOCUMENT_PREFIX.length));
    throw new AppError('VALIDATION_FAILED', 'update or stateVector is not valid Yjs data');
  }
}

/**
 * Hands the upgrade to the project's Durable Object with the session's identity in internal
 * headers; the object decides the rest: membership and role ([R9], from its own record of the
 * members, so an upgrade of a member it knows reads nothing from D1) and a checklist document's
 * access ([R17]).
 */
async function forwardSocket(c: AppContext, projectId: string, checklistId?: string) {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    throw new AppError('VALIDATION_FAILED', 'this endpoint needs a WebSocket upgrade');
  }
  const headers = new Headers(c.req.raw.headers);
  // Nothing internal is taken from the client: every internal header is set here or removed.
  for (const name of Object.values(DOC_INTERNAL_HEADERS)) headers.delete(name);
  headers.set(DOC_INTERNAL_HEADERS.userId, c.var.user.id);
  // Stamped on this socket's presence ([R10]): peers see the session's name, not a claimed one.
  headers.set(DOC_INTERNAL_HEADERS.userName, headerSafeName(c.var.user.name));
  headers.set(DOC_INTERNAL_HEADERS.projectId, projectId);
  // Checked by clientVersionGate; the room closes the socket if this build is retired later.
  const version = clientVersionOf(c);
  if (version) headers.set(DOC_INTERNAL_HEADERS.clientVersion, version);
  if (checklistId) headers.set(DOC_INTERNAL_HEADERS.checklistId, checklistId);
  const response = await projectDoc(c.env, projectId).fetch(
    new Request(c.req.raw.url, { headers }),
  );
  if (response.status === 404) {
    // [R9] Non-members get NOT_FOUND so a project's existence does not leak; [R17] a checklist
    // the member may not open now answers like one that does not exist.
    if (response.headers.get(DOC_INTERNAL_HEADERS.refused) === 'not-member')
      throw new AppError('NOT_FOUND', 'project not found');
    throw checklistNotOpen();
  }
  return response;
}

/** A checklist document the caller may not open now answers like one that does not exist. */
const checklistNotOpen = () =>
  new AppError('NOT_FOUND', 'no such checklist, or it is not open to you now');
