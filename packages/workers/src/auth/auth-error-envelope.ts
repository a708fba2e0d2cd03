import { ERROR_STATUS, type ErrorCode, type ErrorEnvelope } from '@corates/shared';
import { codeForStatus } from '../lib/error-handler.ts';

/**
 * better-auth answers its errors as `{code, message}` with codes of its own; the API contract is
 * the envelope with one of ours. This maps them: the few codes a client must tell apart get
 * codes of their own, the rest go by status (the table the error handler uses); better-auth's code stays in `details.authCode`.
 * The status is the one our code is answered with everywhere, so a client reads one table.
 */
const BY_AUTH_CODE: Readonly<Record<string, ErrorCode>> = {
  INVALID_EMAIL_OR_PASSWORD: 'INVALID_CREDENTIALS',
  // The current password given to a signed-in account change (never sign-in's answer).
  INVALID_PASSWORD: 'WRONG_PASSWORD',
  INVALID_TOKEN: 'RESET_LINK_INVALID',
  USER_ALREADY_EXISTS: 'ACCOUNT_EXISTS',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'ACCOUNT_EXISTS',
  MISSING_OR_NULL_ORIGIN: 'FORBIDDEN_ORIGIN',
  INVALID_ORIGIN: 'FORBIDDEN_ORIGIN',
};

export function authErrorEnvelope(
  status: number,
  body: { code?: unknown; message?: unknown },
): { status: number; envelope: ErrorEnvelope } {
  const authCode = typeof body.code === 'string' ? body.code : undefined;
  const code: ErrorCode =
    (authCode === undefined ? undefined : BY_AUTH_CODE[authCode]) ??
    codeForStatus(status) ??
    'VALIDATION_FAILED';
  const message = typeof body.message === 'string' && body.message ? body.message : code;
  return {
    status: ERROR_STATUS[code],
    envelope: {
      error: { code, message, ...(authCode ? { details: { authCode } } : {}) },
    },
  };
}
