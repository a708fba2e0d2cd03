import { errorEnvelopeSchema, type ErrorCode, ERROR_STATUS } from '@corates/shared';
import type { z } from '@hono/zod-openapi';

export const ErrorEnvelope = errorEnvelopeSchema.openapi('ErrorEnvelope');

/** OpenAPI responses for the error codes a route can answer, grouped by status. */
export function errorResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, cs]) => [
      status,
      { description: cs.join(' | '), content: { 'application/json': { schema: ErrorEnvelope } } },
    ]),
  );
}

/**
 * Errors every data route can answer (session, version gate, validation, a write from another
 * site, a body of the wrong type).
 */
export const COMMON_ERRORS = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN_ORIGIN',
  'UNSUPPORTED_MEDIA_TYPE',
  'CLIENT_TOO_OLD',
  'INTERNAL',
] as const;

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
