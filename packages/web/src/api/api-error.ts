import { type ErrorCode, parseErrorEnvelope } from '@corates/shared';

/**
 * Codes an `ApiError` can carry: the API's stable codes, `NETWORK_ERROR` when no answer arrived,
 * and better-auth's own codes (e.g. `INVALID_EMAIL_OR_PASSWORD`), which are not ours to enumerate.
 */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | (string & {});

/** Every failed API call rejects with one of these; UI code branches on `code`, never on `message`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly details: unknown;

  constructor(init: { code: ApiErrorCode; status: number; message: string; details?: unknown }) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
  }
}

// What a code-less answer most likely means, so callers can still branch on a code when a proxy
// or the platform (not our error handler) produced the response.
const CODE_BY_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  426: 'CLIENT_TOO_OLD',
  429: 'RATE_LIMITED',
};

function codeForStatus(status: number): ApiErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'HTTP_ERROR');
}

function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Turn a non-2xx answer into an `ApiError`. `body` is the parsed JSON (or the raw text when it was
 * not JSON). Our routes answer `{"error":{code,message,details}}`; better-auth under /api/auth
 * answers `{code,message}`, and its rate limiter `{message}` alone with 429.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const envelope = parseErrorEnvelope(body);
  if (envelope) return new ApiError({ status, ...envelope.error });

  const code = stringField(body, 'code');
  const message = stringField(body, 'message');
  // 429 is always "rate limited" whatever code the limiter chose, so the UI has one case for it.
  if (status === 429) {
    return new ApiError({ code: 'RATE_LIMITED', status, message: message ?? 'Too many requests' });
  }
  return new ApiError({
    code: code ?? codeForStatus(status),
    status,
    message: message ?? `Request failed with status ${status}`,
  });
}

/** The request never got an answer: offline, DNS, connection reset, CORS, aborted. */
export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ApiError({ code: 'NETWORK_ERROR', status: 0, message: `Network error: ${detail}` });
}
