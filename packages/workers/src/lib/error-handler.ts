import type { ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError } from './app-error.ts';
import type { AppEnv } from '../env.ts';

/** Zod issues in a stable, JSON-safe shape for `details`. */
export function zodIssues(error: ZodError) {
  return error.issues.map((i) => ({ path: i.path.map(String), code: i.code, message: i.message }));
}

export function validationError(error: ZodError, where: string): AppError {
  return new AppError('VALIDATION_FAILED', `invalid ${where}`, zodIssues(error));
}

/**
 * The stable code for a 4xx that a framework raised (Hono, its validators, @hono/zod-openapi's
 * media-type gate) rather than our code; undefined for a status nothing maps (it stays INTERNAL).
 */
export function frameworkError(status: number): AppError | undefined {
  switch (status) {
    case 400:
      // Hono's JSON body parsing raises this for a malformed body.
      return new AppError('VALIDATION_FAILED', 'malformed request body');
    case 401:
      return new AppError('UNAUTHENTICATED', 'sign in to continue');
    case 403:
      return new AppError('FORBIDDEN', 'not allowed');
    case 404:
      return new AppError('NOT_FOUND', 'not found');
    case 413:
      return new AppError('PAYLOAD_TOO_LARGE', 'request body too large');
    case 415:
      return new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'send the body as application/json (with a matching Content-Type)',
      );
    case 429:
      return new AppError('RATE_LIMITED', 'too many requests; try again later');
    default:
      return status >= 400 && status < 500
        ? new AppError('VALIDATION_FAILED', 'the request could not be processed')
        : undefined;
  }
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
