import { ApiError } from './api-error.ts';

/** Attempts after the first, for failures worth retrying. */
export const MAX_RETRIES = 2;

/**
 * TanStack Query `retry`: retry only what a retry can fix (no answer, or a 5xx). A 4xx is the
 * server's considered answer (401, 404, 426 …) and retrying it only delays showing it; 429 in
 * particular must not be hammered.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES || !(error instanceof ApiError)) return false;
  return error.status === 0 || error.status >= 500;
}
