import { ApiError, type ApiErrorCode } from './api-error.ts';

/** Per-screen wording for codes whose meaning depends on what the user was doing. */
export type ErrorMessages = Partial<Record<ApiErrorCode, string>>;

const DEFAULT_MESSAGES: ErrorMessages = {
  NETWORK_ERROR: 'Could not reach the server. Check your connection and try again.',
  RATE_LIMITED: 'Too many attempts. Please wait a minute and try again.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'You do not have permission to do that.',
  NOT_FOUND: 'That no longer exists, or you no longer have access to it.',
  CONFLICT: 'That conflicts with a change made elsewhere. Reload and try again.',
  LAST_OWNER: 'A project needs at least one owner. Make someone else an owner first.',
  CLIENT_TOO_OLD: 'This version of CoRATES is out of date. Reload to update.',
  PAYLOAD_TOO_LARGE: 'That is too large to save.',
  OP_VERSION_RETIRED:
    'This change was made in a version of CoRATES too old for the server to accept. Make it again.',
  INTERNAL: 'Something went wrong on the server. Please try again.',
  WEAK_PASSWORD: 'That password is too common or too easy to guess. Choose another one.',
  INVITATION_EXPIRED: 'This invitation has expired. Ask for a new one.',
  INVITATION_WRONG_ACCOUNT: 'This invitation was sent to another email address.',
  INVALID_CREDENTIALS: 'Wrong email or password.',
  ACCOUNT_EXISTS: 'An account with this email already exists.',
  FORBIDDEN_ORIGIN: 'This request came from another site and was refused.',
  UNSUPPORTED_MEDIA_TYPE: 'The server could not read what was sent.',
  MIRROR_READ_ONLY:
    'This project is a read-only copy of a share from another server: it cannot be changed here.',
  // better-auth's own codes, from servers before they were answered in the envelope.
  INVALID_EMAIL_OR_PASSWORD: 'Wrong email or password.',
  USER_ALREADY_EXISTS: 'An account with this email already exists.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'An account with this email already exists.',
  PASSWORD_TOO_SHORT: 'The password is too short.',
  PASSWORD_TOO_LONG: 'The password is too long.',
  INVALID_EMAIL: 'Enter a valid email address.',
};

/**
 * What to tell the user about a failed call. Known codes get fixed wording (overridable per
 * screen); otherwise the server's message, which for VALIDATION_FAILED names the bad field.
 */
export function errorMessage(error: unknown, overrides: ErrorMessages = {}): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  return overrides[error.code] ?? DEFAULT_MESSAGES[error.code] ?? error.message;
}
