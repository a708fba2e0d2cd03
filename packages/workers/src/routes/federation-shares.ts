import { createRoute, z } from '@hono/zod-openapi';
import {
  createShareSchema,
  inviteCreatedSchema,
  projectIdSchema,
  shareIdSchema,
  shareDetailSchema,
  shareGraphSchema,
  shareListSchema,
  shareSchema,
  updateShareSchema,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireSession } from '../auth/session.ts';
import { serverKey } from '../federation/identity.ts';
import {
  createInvite,
  createShare,
  listShares,
  revokeShare,
  updateShare,
  shareDetail,
  shareGraph,
} from '../federation/shares.ts';

const Share = shareSchema.openapi('Share');
const projectParams = z.object({ projectId: projectIdSchema });
const shareParams = z.object({ shareId: shareIdSchema });
const OWNER_ERRORS = [...COMMON_ERRORS, 'FORBIDDEN', 'NOT_FOUND'] as const;

const create = createRoute({
  method: 'post',
  path: '/projects/{projectId}/shares',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['federation'],
  summary: 'Share the project, or some of its studies, read-only with other servers',
  description:
    '`{"mode":"read"}` shares the whole project; `{"mode":"read","studyIds":[…]}` only those studies (and what depends on them); a study id the project does not have is 400 VALIDATION_FAILED with an issue at its path. Owners only: 403 FORBIDDEN for other members, 404 for non-members.',
  request: {
    params: projectParams,
    body: { required: true, content: { 'application/json': { schema: createShareSchema } } },
  },
  responses: {
    201: jsonContent(Share, 'Created'),
    ...errorResponses(...OWNER_ERRORS),
  },
});

const list = createRoute({
  method: 'get',
  path: '/projects/{projectId}/shares',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['federation'],
  summary: "The project's shares, revoked ones included",
  request: { params: projectParams },
  responses: {
    200: jsonContent(shareListSchema.openapi('ShareList'), 'The shares'),
    ...errorResponses(...OWNER_ERRORS),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/shares/{shareId}',
  ...inventory({
    primitive: 'rest',
    caller: 'owner',
    idempotent: 'revoking a revoked share answers it unchanged',
  }),
  tags: ['federation'],
  summary: 'Revoke a share: its subscribers are refused from now on',
  description:
    "Owners of the share's project only. The share stays listed, as revoked. Revoking again answers the same share.",
  request: { params: shareParams },
  responses: {
    200: jsonContent(Share, 'Revoked'),
    ...errorResponses(...OWNER_ERRORS),
  },
});

const invite = createRoute({
  method: 'post',
  path: '/shares/{shareId}/invites',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['federation'],
  summary: 'A signed, expiring, single-use invite to the share, for another server',
  description:
    "Owners of the share's project only. The invite is a compact token signed with this server's key, carrying its origin and id, the share, the supported schema versions, the expiry and a single-use id. 410 SHARE_REVOKED for a revoked share; 503 FEDERATION_NOT_CONFIGURED without a server key.",
  request: { params: shareParams },
  responses: {
    201: jsonContent(inviteCreatedSchema.openapi('InviteCreated'), 'Created'),
    ...errorResponses(...OWNER_ERRORS, 'SHARE_REVOKED', 'FEDERATION_NOT_CONFIGURED'),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/shares/{shareId}',
  ...inventory({
    primitive: 'rest',
    caller: 'owner',
    idempotent: 'setting what a share already has answers it unchanged',
  }),
  tags: ['federation'],
  summary: 'Pause or resume a share, or change the studies a study share shares',
  description:
    'Owners of the share\'s project only. `{"status":"paused"}`: its subscribers are refused with 409 SHARE_PAUSED (they ask again later) until `{"status":"active"}`; its changes are kept meanwhile, so they resume where they were. `{"studyIds":[…]}` (a study share only) replaces the studies it shares: a study taken out leaves the share with what it covered; unknown studies, or studyIds on a whole-project share, are 400 VALIDATION_FAILED. 410 SHARE_REVOKED for a revoked share.',
  request: {
    params: shareParams,
    body: {
      required: true,
      content: { 'application/json': { schema: updateShareSchema.openapi('UpdateShare') } },
    },
  },
  responses: {
    200: jsonContent(Share, 'The share'),
    ...errorResponses(...OWNER_ERRORS, 'SHARE_REVOKED'),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/shares/{shareId}',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['federation'],
  summary: 'A share with its subscribers: acknowledged position, lag, last pull, last error',
  description:
    "Owners of the share's project only. `lastSeq` is the share's last change; a subscriber's `lag` is `lastSeq` minus what it acknowledged (`ackedSeq`); `schemaRefusals` counts its pulls refused for a schema mismatch; `recordCount` the records the share covers now (its DAG's nodes).",
  request: { params: shareParams },
  responses: {
    200: jsonContent(shareDetailSchema.openapi('ShareDetail'), 'The share'),
    ...errorResponses(...OWNER_ERRORS),
  },
});

const graph = createRoute({
  method: 'get',
  path: '/shares/{shareId}/graph',
  ...inventory({ primitive: 'rest', caller: 'owner' }),
  tags: ['federation'],
  summary: "The share's DAG: the records it covers and why",
  description:
    "Owners of the share's project only. Nodes are the records the share covers now (`key` = `<entity>:<id>`; the project and each PDF's file too), edges go from a record to one it covers (project → study, outcome; study → checklist, pdf; checklist → outcome; pdf → file), each with when it joined. A share not refreshed yet is refreshed first.",
  request: { params: shareParams },
  responses: {
    200: jsonContent(shareGraphSchema.openapi('ShareGraph'), 'The graph'),
    ...errorResponses(...OWNER_ERRORS),
  },
});

/** An owner's shares of a project with other servers (docs/federation.md). */
export const federationShareRoutes = createRouter();
federationShareRoutes.use('/projects/:projectId/shares', requireSession);
federationShareRoutes.use('/shares/:shareId', requireSession);
federationShareRoutes.use('/shares/:shareId/*', requireSession);
federationShareRoutes.openapi(create, async (c) => {
  const { projectId } = c.req.valid('param');
  const input = c.req.valid('json');
  return c.json(await createShare(c.var.db, c.env, projectId, c.var.user.id, input), 201);
});
federationShareRoutes.openapi(list, async (c) => {
  const shares = await listShares(c.var.db, c.req.valid('param').projectId, c.var.user.id);
  return c.json({ shares }, 200);
});
federationShareRoutes.openapi(revoke, async (c) => {
  return c.json(await revokeShare(c.var.db, c.req.valid('param').shareId, c.var.user.id), 200);
});
federationShareRoutes.openapi(update, async (c) => {
  const { shareId } = c.req.valid('param');
  const input = c.req.valid('json');
  return c.json(await updateShare(c.var.db, c.env, shareId, c.var.user.id, input), 200);
});
federationShareRoutes.openapi(detail, async (c) => {
  return c.json(await shareDetail(c.var.db, c.req.valid('param').shareId, c.var.user.id), 200);
});
federationShareRoutes.openapi(graph, async (c) => {
  const { shareId } = c.req.valid('param');
  return c.json(await shareGraph(c.var.db, c.env, shareId, c.var.user.id), 200);
});
federationShareRoutes.openapi(invite, async (c) => {
  const { shareId } = c.req.valid('param');
  const key = await serverKey(c.env);
  const origin = new URL(c.req.url).origin;
  return c.json(await createInvite(c.var.db, key, origin, shareId, c.var.user.id), 201);
});
