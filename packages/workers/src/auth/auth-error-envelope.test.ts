import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, parseErrorEnvelope } from '@corates/shared';
import { authErrorEnvelope } from './auth-error-envelope.ts';

describe("better-auth's errors in the envelope", () => {
  it('gives the codes a client tells apart codes of their own, keeping better-auth’s', () => {
    expect(
      authErrorEnvelope(401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid' }),
    ).toEqual({
      status: 401,
      envelope: {
        error: {
          code: 'INVALID_CREDENTIALS',
          message: 'Invalid',
          details: { authCode: 'INVALID_EMAIL_OR_PASSWORD' },
        },
      },
    });
    expect(authErrorEnvelope(422, { code: 'USER_ALREADY_EXISTS' }).envelope.error.code).toBe(
      'ACCOUNT_EXISTS',
    );
    expect(authErrorEnvelope(403, { code: 'MISSING_OR_NULL_ORIGIN' }).status).toBe(403);
    // A signed-in account change with the wrong current password: not a failed sign-in (401).
    expect(authErrorEnvelope(400, { code: 'INVALID_PASSWORD' }).envelope.error.code).toBe(
      'WRONG_PASSWORD',
    );
    expect(authErrorEnvelope(400, { code: 'INVALID_TOKEN' })).toMatchObject({
      status: 410,
      envelope: { error: { code: 'RESET_LINK_INVALID' } },
    });
  });

  it('maps the rest by status, always to an envelope whose status matches its code', () => {
    for (const status of [400, 401, 403, 404, 405, 413, 415, 422, 429]) {
      const { status: answered, envelope } = authErrorEnvelope(status, { code: 'SOMETHING_NEW' });
      expect(parseErrorEnvelope(envelope)).toBeDefined();
      expect(ERROR_STATUS[envelope.error.code]).toBe(answered);
    }
    expect(authErrorEnvelope(400, { code: 'VALIDATION_ERROR' }).envelope.error.code).toBe(
      'VALIDATION_FAILED',
    );
  });
});
