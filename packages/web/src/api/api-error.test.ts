import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from './api-error.ts';
import { errorMessage } from './error-messages.ts';

describe('toApiError', () => {
  it('reads the API error envelope', () => {
    const error = toApiError(409, {
      error: { code: 'LAST_OWNER', message: 'a project needs an owner', details: { userId: 'u1' } },
    });
    expect(error).toMatchObject({
      code: 'LAST_OWNER',
      status: 409,
      message: 'a project needs an owner',
      details: { userId: 'u1' },
    });
    expect(error).toBeInstanceOf(ApiError);
  });

  it("reads better-auth's {code, message} shape", () => {
    expect(
      toApiError(422, { code: 'USER_ALREADY_EXISTS', message: 'User already exists.' }),
    ).toMatchObject({
      code: 'USER_ALREADY_EXISTS',
      status: 422,
    });
  });

  it("maps better-auth's code-less 429 to RATE_LIMITED", () => {
    expect(toApiError(429, { message: 'Too many requests. Please try again later.' }).code).toBe(
      'RATE_LIMITED',
    );
  });

  it('derives a code from the status when the body is not ours (e.g. a proxy page)', () => {
    expect(toApiError(502, '<html>Bad gateway</html>')).toMatchObject({
      code: 'INTERNAL',
      status: 502,
    });
    expect(toApiError(401, '').code).toBe('UNAUTHENTICATED');
  });

  it('does not mistake an envelope with an unknown code for a valid one', () => {
    expect(toApiError(400, { error: { code: 'NOPE', message: 'x' } }).code).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('errorMessage', () => {
  it('uses per-screen wording before the defaults', () => {
    const error = toApiError(404, { error: { code: 'NOT_FOUND', message: 'no such user' } });
    expect(errorMessage(error, { NOT_FOUND: 'No account uses that email.' })).toBe(
      'No account uses that email.',
    );
    expect(errorMessage(error)).toBe('That no longer exists, or you no longer have access to it.');
  });

  it("falls back to the server's message for codes without wording", () => {
    const error = toApiError(400, {
      error: { code: 'VALIDATION_FAILED', message: 'name: too long' },
    });
    expect(errorMessage(error)).toBe('name: too long');
  });
});
