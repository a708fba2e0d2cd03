import { pathToFileURL } from 'node:url';
import type * as Sources from '../../src/openapi/inventory-sources.ts';
import { renderEndpointInventory, type OpenApiDocument } from './endpoint-inventory.ts';
import { DEFAULT_APP_MODULE, renderOpenApi } from './openapi-document.ts';

/**
 * docs/endpoints.md as committed, from the app module's `src` (overridable like the OpenAPI
 * document, so the drift check can be tested against a changed copy).
 */
export async function renderEndpoints(appModule = process.env.OPENAPI_APP_MODULE): Promise<string> {
  const app = appModule ? pathToFileURL(appModule).href : DEFAULT_APP_MODULE;
  const sources = (await import(
    new URL('./openapi/inventory-sources.ts', app).href
  )) as typeof Sources;
  return renderEndpointInventory({
    document: JSON.parse(await renderOpenApi(appModule)) as OpenApiDocument,
    undocumented: sources.UNDOCUMENTED_ENDPOINTS,
    opPayloadSchemas: sources.opPayloadSchemas,
    opAccess: sources.OP_ACCESS,
    commonErrors: sources.COMMON_ERRORS,
    socketCloses: sources.DOC_CLOSE_CODES,
    takesIdempotencyKey: sources.takesIdempotencyKey,
  });
}
