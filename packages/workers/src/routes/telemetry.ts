import { createRoute } from '@hono/zod-openapi';
import {
  adminTelemetryQuerySchema,
  adminTelemetrySchema,
  telemetryAcceptedSchema,
  telemetryBatchSchema,
} from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireAdmin, requireSession } from '../auth/session.ts';
import { ingestReports, telemetryOverview } from '../domain/telemetry.ts';

const postReports = createRoute({
  method: 'post',
  path: '/telemetry/reports',
  ...inventory({
    primitive: 'rest',
    caller: 'signed-in',
    idempotent: 'a report id the server already has changes nothing',
  }),
  tags: ['telemetry'],
  summary: "Store the client's buffered sync reports (backlog, failures, replay time)",
  description:
    'At most 100 reports. A report id the server already has is counted as a duplicate and changes nothing, so clients may resend after a lost response.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: telemetryBatchSchema.openapi('TelemetryBatch') } },
    },
  },
  responses: {
    200: jsonContent(telemetryAcceptedSchema.openapi('TelemetryAccepted'), 'Stored'),
    ...errorResponses(...COMMON_ERRORS, 'PAYLOAD_TOO_LARGE'),
  },
});

const getOverview = createRoute({
  method: 'get',
  path: '/admin/telemetry',
  ...inventory({ primitive: 'rest', caller: 'platform-admin' }),
  tags: ['telemetry'],
  summary: 'Client versions, queued-op backlog, sync failure rate and replay time (admins only)',
  request: { query: adminTelemetryQuerySchema },
  responses: {
    200: jsonContent(adminTelemetrySchema.openapi('AdminTelemetry'), 'The overview'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN'),
  },
});

export const telemetryRoutes = createRouter();
telemetryRoutes.use('/telemetry/*', requireSession);
telemetryRoutes.use('/admin/*', requireSession, requireAdmin);
telemetryRoutes
  .openapi(postReports, async (c) =>
    c.json(await ingestReports(c.var.db, c.var.user.id, c.req.valid('json').reports), 200),
  )
  .openapi(getOverview, async (c) =>
    c.json(await telemetryOverview(c.var.db, c.req.valid('query').days), 200),
  );
