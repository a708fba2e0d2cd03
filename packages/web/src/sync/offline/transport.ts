import {
  CLIENT_VERSION_HEADER,
  type OpEnvelope,
  type PullResponse,
  type SyncOpsResponse,
  parseErrorEnvelope,
  pullResponseSchema,
  syncOpsResponseSchema,
} from '@corates/shared';

/** Anything shaped like `fetch`: the browser's, Node's, or a test's fault-injecting wrapper. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchLike;
  /** Origin of the API, e.g. `http://127.0.0.1:8787`; '' for the page's own origin. */
  baseUrl: string;
  clientVersion: string;
  /** Extra headers per request (Node callers send the session cookie this way). */
  headers?: () => Record<string, string>;
}

/** Every way a sync request can end; the loops branch on `kind` (SPEC.md [Q4]–[Q6]). */
export type SendResult<T> =
  | { kind: 'ok'; body: T }
  /** 401: the session is gone; pause until the user signs in again. */
  | { kind: 'unauthenticated' }
  /** 426: this build is too old; pause and hand over to the upgrade flow. */
  | { kind: 'upgrade'; minSupportedClient?: string }
  /** No answer (offline, reset, DNS): wait and try again without spending an attempt. */
  | { kind: 'unreachable'; message: string }
  /** An answer that is not a result: 5xx, 429, 400 on the envelope, or a body that does not parse. */
  | { kind: 'error'; code: string; message: string };

async function send<T>(
  options: TransportOptions,
  path: string,
  init: RequestInit,
  parse: (body: unknown) => { success: true; data: T } | { success: false },
): Promise<SendResult<T>> {
  let response: Response;
  try {
    response = await options.fetch(`${options.baseUrl}${path}`, {
      ...init,
      credentials: 'include',
      headers: {
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        [CLIENT_VERSION_HEADER]: options.clientVersion,
        ...options.headers?.(),
      },
    });
  } catch (e) {
    return { kind: 'unreachable', message: e instanceof Error ? e.message : String(e) };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) return { kind: 'unauthenticated' };
  const envelope = parseErrorEnvelope(body);
  if (response.status === 426) {
    const details = envelope?.error.details as { minSupportedClient?: unknown } | undefined;
    const min = details?.minSupportedClient;
    return { kind: 'upgrade', ...(typeof min === 'string' ? { minSupportedClient: min } : {}) };
  }
  if (!response.ok) {
    return {
      kind: 'error',
      code: envelope?.error.code ?? (response.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR'),
      message: envelope?.error.message ?? `The server answered ${response.status}`,
    };
  }
  const parsed = parse(body);
  return parsed.success
    ? { kind: 'ok', body: parsed.data }
    : { kind: 'error', code: 'INTERNAL', message: 'The server answered with an unexpected body' };
}

/** `POST /api/sync/ops` with one batch. */
export function postOps(
  options: TransportOptions,
  ops: OpEnvelope[],
): Promise<SendResult<SyncOpsResponse>> {
  return send(options, '/api/sync/ops', { method: 'POST', body: JSON.stringify({ ops }) }, (b) =>
    syncOpsResponseSchema.safeParse(b),
  );
}

/** `GET /api/sync/pull` for one page. */
export function pullPage(
  options: TransportOptions,
  since: string,
  limit: number,
): Promise<SendResult<PullResponse>> {
  const query = new URLSearchParams({ since, limit: String(limit) });
  return send(options, `/api/sync/pull?${query}`, { method: 'GET' }, (b) =>
    pullResponseSchema.safeParse(b),
  );
}
