import createClient, { type Middleware } from 'openapi-fetch';
import { CLIENT_VERSION_HEADER } from '@corates/shared';
import { APP_VERSION } from '../env.ts';
import { blockForUpgrade } from '../boot/version-gate.ts';
import { ApiError, networkError, toApiError } from './api-error.ts';
import type { paths } from './openapi.d.ts';

export interface ApiClientOptions {
  /** Sent as `X-Client-Version` on every request. */
  clientVersion: string;
  /** Origin to call; '' (the default) means the page's own origin, where the Worker serves /api. */
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  /** Called before the 426 error is thrown, so the app can show its blocking upgrade screen. */
  onClientTooOld?: (error: ApiError) => void;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Stamps the client version on every request and turns every non-2xx answer into a thrown
 * `ApiError`, so callers (and TanStack Query) see one failure type and `data` on success.
 */
export function apiMiddleware(options: ApiClientOptions): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set(CLIENT_VERSION_HEADER, options.clientVersion);
      return request;
    },
    async onResponse({ response }) {
      if (response.ok) return undefined;
      const error = toApiError(response.status, await readBody(response));
      if (error.status === 426) options.onClientTooOld?.(error);
      throw error;
    },
    onError({ error }) {
      return error instanceof ApiError ? error : networkError(error);
    },
  };
}

/** A typed client over the generated OpenAPI paths; every failure rejects with `ApiError`. */
export function createApiClient(options: ApiClientOptions) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    // Same origin today; 'include' keeps the session cookie flowing if the API moves to its own host.
    credentials: 'include',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(apiMiddleware(options));
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * The success payload of a call. The middleware already threw for non-2xx, so an undefined body
 * here means the server answered 2xx without the JSON the contract promises.
 */
export function dataOf<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new ApiError({
      code: 'INTERNAL',
      status: result.response.status,
      message: 'The server answered without a body',
    });
  }
  return result.data;
}

function minSupportedClientOf(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const value = (details as { minSupportedClient?: unknown }).minSupportedClient;
  return typeof value === 'string' ? value : undefined;
}

/** The app's client: same origin, this build's version, 426 wired to the version gate. */
export const api: ApiClient = createApiClient({
  clientVersion: APP_VERSION,
  onClientTooOld: (error) => blockForUpgrade(minSupportedClientOf(error.details)),
});
