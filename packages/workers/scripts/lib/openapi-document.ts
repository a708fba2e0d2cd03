import { pathToFileURL } from 'node:url';
import type * as AppModule from '../../src/app.ts';

/** The app module whose routes make the document; overridable so the drift check can be tested. */
export const DEFAULT_APP_MODULE = new URL('../../src/app.ts', import.meta.url).href;

/** The OpenAPI document as committed: 2-space JSON with a trailing newline. */
export async function renderOpenApi(appModule = process.env.OPENAPI_APP_MODULE): Promise<string> {
  const url = appModule ? pathToFileURL(appModule).href : DEFAULT_APP_MODULE;
  const { createApp, OPENAPI_INFO } = (await import(url)) as typeof AppModule;
  return `${JSON.stringify(createApp().getOpenAPI31Document(OPENAPI_INFO), null, 2)}\n`;
}
