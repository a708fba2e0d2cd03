import { createRoute } from '@hono/zod-openapi';
import { DOC_SCHEMA_VERSION, PROTOCOL_VERSION, metadataSchema } from '@corates/shared';
import { createRouter } from '../lib/router.ts';
import { errorResponses, jsonContent } from '../openapi/responses.ts';
import { inventory } from '../openapi/inventory.ts';
import { readRuntimeConfig } from '../domain/runtime-config.ts';

/** Capabilities this server offers; clients may branch on them. */
export const FEATURES = [
  'auth.email-password',
  'projects',
  'members',
  'user-settings',
  'project-doc',
  'sync-ops',
  'telemetry',
] as const;

const getMetadata = createRoute({
  method: 'get',
  path: '/',
  ...inventory({ primitive: 'rest', caller: 'anonymous' }),
  tags: ['metadata'],
  summary: 'Server and protocol versions, the oldest client it accepts, and the cache version',
  description:
    'Public, never cached. Exempt from the client version gate so an old client can learn it must upgrade.',
  responses: {
    200: jsonContent(metadataSchema.openapi('Metadata'), 'Server metadata'),
    ...errorResponses('INTERNAL'),
  },
});

export const metadataRoutes = createRouter().openapi(getMetadata, async (c) => {
  const config = await readRuntimeConfig(c.var.db, c.env);
  c.header('Cache-Control', 'no-store');
  return c.json(
    {
      ...config,
      features: [...FEATURES],
      protocolVersion: PROTOCOL_VERSION,
      docSchemaVersion: DOC_SCHEMA_VERSION,
    },
    200,
  );
});
