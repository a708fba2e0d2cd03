import { createRoute } from '@hono/zod-openapi';
import {
  pullQuerySchema,
  pullResponseSchema,
  syncOpsRequestSchema,
  syncOpsResponseSchema,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireSession } from '../auth/session.ts';
import { runOps } from '../domain/ops.ts';
import { mutationContext } from './mutation-context.ts';
import { pullChanges } from '../domain/pull.ts';
import { currentCheckpoint } from '../domain/change-log.ts';

const ops = createRoute({
  method: 'post',
  path: '/ops',
  ...inventory({ primitive: 'op', caller: 'per-op' }),
  tags: ['sync'],
  summary: 'Apply a batch of queued offline mutations, in order, each exactly once',
  description:
    'At most 100 ops / 256 KiB. A malformed batch is a 400 and applies nothing; a bad op is `rejected` with its code while the rest apply. The same op id again returns the first result as `duplicate`. `ifVersion` on an update turns a stale write into `conflict` with the current row.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: syncOpsRequestSchema.openapi('SyncOpsRequest') } },
    },
  },
  responses: {
    200: jsonContent(
      syncOpsResponseSchema.openapi('SyncOpsResponse'),
      'One result per op, in order',
    ),
    ...errorResponses(...COMMON_ERRORS, 'PAYLOAD_TOO_LARGE'),
  },
});

const pull = createRoute({
  method: 'get',
  path: '/pull',
  ...inventory({ primitive: 'pull', caller: 'signed-in' }),
  tags: ['sync'],
  summary: 'Changes since a cursor, for rows the caller may read (deletes as tombstones)',
  request: { query: pullQuerySchema },
  responses: {
    200: jsonContent(pullResponseSchema.openapi('PullResponse'), 'A page of changes'),
    ...errorResponses(...COMMON_ERRORS),
  },
});

export const syncRoutes = createRouter();
syncRoutes.use('*', requireSession);
syncRoutes
  .openapi(ops, async (c) => {
    const results = await runOps(mutationContext(c), c.req.valid('json').ops);
    return c.json({ results, checkpoint: await currentCheckpoint(c.var.db) }, 200);
  })
  .openapi(pull, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json(await pullChanges(c.var.db, c.var.user.id, Number(since), limit), 200);
  });
