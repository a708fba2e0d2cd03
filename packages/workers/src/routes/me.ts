import { createRoute } from '@hono/zod-openapi';
import { sessionSchema, updateUserSettingsSchema, userSettingsSchema } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { COMMON_ERRORS, errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { requireSession, sessionOf } from '../auth/session.ts';
import type { UserSettings as UserSettingsDto } from '@corates/shared';
import { getUserSettings } from '../domain/settings.ts';
import { runMutation } from '../domain/mutations/run-mutations.ts';
import { mutationContext } from './mutation-context.ts';

const UserSettings = userSettingsSchema.openapi('UserSettings');

const getMe = createRoute({
  method: 'get',
  path: '/',
  ...inventory({ primitive: 'rest', caller: 'signed-in' }),
  tags: ['me'],
  summary: 'The signed-in user',
  responses: {
    200: jsonContent(sessionSchema.openapi('Session'), 'The session'),
    ...errorResponses(...COMMON_ERRORS),
  },
});

const getSettings = createRoute({
  method: 'get',
  path: '/settings',
  ...inventory({ primitive: 'rest', caller: 'signed-in' }),
  tags: ['me'],
  summary: "The signed-in user's settings, defaults filled in",
  responses: { 200: jsonContent(UserSettings, 'Settings'), ...errorResponses(...COMMON_ERRORS) },
});

const patchSettings = createRoute({
  method: 'patch',
  path: '/settings',
  ...inventory({ primitive: 'rest', caller: 'signed-in' }),
  tags: ['me'],
  summary: 'Change some settings; the keys not given keep their values. Unknown keys are rejected.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: updateUserSettingsSchema.openapi('UpdateUserSettings') },
      },
    },
  },
  responses: {
    200: jsonContent(UserSettings, 'The settings after the change'),
    ...errorResponses(...COMMON_ERRORS),
  },
});

export const meRoutes = createRouter();
meRoutes.use('*', requireSession);
meRoutes
  .openapi(getMe, (c) => c.json(sessionOf(c.var.user), 200))
  .openapi(getSettings, async (c) => c.json(await getUserSettings(c.var.db, c.var.user.id), 200))
  .openapi(patchSettings, async (c) => {
    const { row } = await runMutation(mutationContext(c), {
      type: 'settings.update',
      payload: { changes: c.req.valid('json') },
    });
    return c.json(row as UserSettingsDto, 200);
  });
