import { createRoute } from '@hono/zod-openapi';
import { adminAlertsSchema, alertThresholdsSchema } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireAdmin, requireSession } from '../auth/session.ts';
import { listAlerts, readThresholds, replaceThresholds } from '../alerts/alert-store.ts';
import { runAlertCheck } from '../alerts/check.ts';
import { readFigures } from '../alerts/read-figures.ts';
import { readRuntimeConfig } from '../domain/runtime-config.ts';
import type { AppContext } from '../env.ts';

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

async function adminAlerts(c: AppContext) {
  const db = c.var.db;
  const [thresholds, config, alerts] = await Promise.all([
    readThresholds(db),
    readRuntimeConfig(db, c.env),
    listAlerts(db),
  ]);
  const nearMin = thresholds.find((t) => t.metric === 'nearMinShare')?.minorVersions ?? 0;
  const figures = await readFigures(db, config.minSupportedClient, nearMin);
  return {
    thresholds,
    minSupportedClient: config.minSupportedClient,
    figures: Object.fromEntries(Object.entries(figures).map(([m, f]) => [m, f.value])) as Record<
      keyof typeof figures,
      number | null
    >,
    ...alerts,
  };
}

export const alertRoutes = createRouter();
alertRoutes.use('/admin/alerts', requireSession, requireAdmin);
alertRoutes.use('/admin/alerts/*', requireSession, requireAdmin);
alertRoutes
  .openapi(getAlerts, async (c) => c.json(await adminAlerts(c), 200))
  .openapi(putThresholds, async (c) => {
    await replaceThresholds(c.var.db, c.req.valid('json').thresholds);
    return c.json(await adminAlerts(c), 200);
  })
  .openapi(postCheck, async (c) => {
    await runAlertCheck(c.var.db, c.env);
    return c.json(await adminAlerts(c), 200);
  });
