import { createRoute } from '@hono/zod-openapi';
import { adminAlertsSchema, alertThresholdsSchema } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireAdmin, requireSession } from '../auth/session.ts';
import { replaceThresholds } from '../alerts/alert-store.ts';
import { runAlertCheck } from '../alerts/check.ts';
import { alertsOverview } from '../alerts/overview.ts';

const getAlerts = createRoute({
  method: 'get',
  path: '/admin/alerts',
  ...inventory({ primitive: 'rest', caller: 'platform-admin' }),
  tags: ['alerts'],
  summary: 'Alert thresholds, the figures now, open alerts and the latest past ones (admins only)',
  responses: {
    200: jsonContent(adminAlertsSchema.openapi('AdminAlerts'), 'Thresholds, figures and alerts'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN'),
  },
});

const putThresholds = createRoute({
  method: 'put',
  path: '/admin/alerts/thresholds',
  ...inventory({
    primitive: 'rest',
    caller: 'platform-admin',
    idempotent: 'the body is the whole set: sending it again stores the same',
  }),
  tags: ['alerts'],
  summary: 'Replace the alert thresholds (admins only)',
  description:
    'The whole set: a metric left out is no longer watched, and its open alert resolves at the next check.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: alertThresholdsSchema.openapi('AlertThresholds') },
      },
    },
  },
  responses: {
    200: jsonContent(adminAlertsSchema.openapi('AdminAlerts'), 'Stored'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN'),
  },
});

const postCheck = createRoute({
  method: 'post',
  path: '/admin/alerts/check',
  ...inventory({
    primitive: 'rest',
    caller: 'platform-admin',
    idempotent: 'an open alert is not opened again; a check right after another changes nothing',
  }),
  tags: ['alerts'],
  summary: 'Run the alert check now, as the Cron Trigger does (admins only)',
  description: 'Opens, de-duplicates and resolves alerts and sends what changed.',
  responses: {
    200: jsonContent(adminAlertsSchema.openapi('AdminAlerts'), 'After the check'),
    ...errorResponses(...COMMON_ERRORS, 'FORBIDDEN'),
  },
});

export const alertRoutes = createRouter();
alertRoutes.use('/admin/alerts', requireSession, requireAdmin);
alertRoutes.use('/admin/alerts/*', requireSession, requireAdmin);
alertRoutes
  .openapi(getAlerts, async (c) => c.json(await alertsOverview(c.var.db, c.env), 200))
  .openapi(putThresholds, async (c) => {
    await replaceThresholds(c.var.db, c.req.valid('json').thresholds);
    return c.json(await alertsOverview(c.var.db, c.env), 200);
  })
  .openapi(postCheck, async (c) => {
    await runAlertCheck(c.var.db, c.env);
    return c.json(await alertsOverview(c.var.db, c.env), 200);
  });
