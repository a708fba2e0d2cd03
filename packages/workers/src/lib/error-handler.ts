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

/** Renders every thrown error as the envelope; unknown errors become INTERNAL without internals. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) {
    return c.json(err.toEnvelope(), err.status as ContentfulStatusCode);
  }
  if (err instanceof HTTPException && err.status === 413) {
    return c.json(new AppError('PAYLOAD_TOO_LARGE', 'request body too large').toEnvelope(), 413);
  }
  if (err instanceof SyntaxError || (err instanceof HTTPException && err.status === 400)) {
    // Hono's JSON body parsing throws these for malformed JSON.
    return c.json(new AppError('VALIDATION_FAILED', 'malformed JSON body').toEnvelope(), 400);
  }
  console.error('unhandled error', err);
  return c.json(new AppError('INTERNAL', 'internal server error').toEnvelope(), 500);
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(new AppError('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`).toEnvelope(), 404);
