import type { ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import type { ErrorCode } from '@corates/shared';
import { AppError } from './app-error.ts';
import type { AppEnv } from '../env.ts';

/** Zod issues in a stable, JSON-safe shape for `details`. */
export function zodIssues(error: ZodError) {
  return error.issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message }));
}

export function validationError(error: ZodError, where: string): AppError {
  return new AppError('VALIDATION_FAILED', `invalid ${where}`, zodIssues(error));
}

/** Our code for a 4xx answered by code we do not own (Hono and its validators, better-auth). */
const CODE_BY_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** The stable code for a foreign 4xx; any other 4xx is a request we could not process. */
export function codeForStatus(status: number): ErrorCode | undefined {
  if (status < 400 || status >= 500) return undefined;
  return CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED';
}

const FRAMEWORK_MESSAGES: Readonly<Partial<Record<ErrorCode, string>>> = {
  // Hono's JSON body parsing raises 400 for a malformed body.
  VALIDATION_FAILED: 'malformed request body',
  UNAUTHENTICATED: 'sign in to continue',
  FORBIDDEN: 'not allowed',
  NOT_FOUND: 'not found',
  PAYLOAD_TOO_LARGE: 'request body too large',
  UNSUPPORTED_MEDIA_TYPE: 'send the body as application/json (with a matching Content-Type)',
  RATE_LIMITED: 'too many requests; try again later',
};

/**
 * A 4xx that a framework raised (Hono, its validators, @hono/zod-openapi's media-type gate) as
 * our error; undefined for a status nothing maps (it stays INTERNAL).
 */
export function frameworkError(status: number): AppError | undefined {
  const code = codeForStatus(status);
  if (!code) return undefined;
  const message = CODE_BY_STATUS[status]
    ? (FRAMEWORK_MESSAGES[code] ?? code)
    : 'the request could not be processed';
  return new AppError(code, message);
}

/** Renders every thrown error as the envelope; unknown errors become INTERNAL without internals. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) {
    return c.json(err.toEnvelope(), err.status as ContentfulStatusCode);
  }
  const mapped =
    err instanceof HTTPException
      ? frameworkError(err.status)
      : err instanceof SyntaxError
        ? frameworkError(400)
        : undefined;
  if (mapped) return c.json(mapped.toEnvelope(), mapped.status as ContentfulStatusCode);
  console.error('unhandled error', err);
  return c.json(new AppError('INTERNAL', 'internal server error').toEnvelope(), 500);
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(new AppError('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`).toEnvelope(), 404);
