import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, ErrorCode, parseErrorEnvelope } from './errors.ts';

describe('error codes', () => {
  it('every code maps to an HTTP error status', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERROR_STATUS[code], code).toBeGreaterThanOrEqual(400);
    }
  });
  it('the version gate answers 426, as the design contract says', () => {
    expect(ERROR_STATUS.CLIENT_TOO_OLD).toBe(426);
  });
});

describe('parseErrorEnvelope', () => {
  it('accepts the envelope', () => {
    const body = { error: { code: 'LAST_OWNER', message: 'keep one owner', details: { x: 1 } } };
    expect(parseErrorEnvelope(body)).toEqual(body);
  });
  it.each([
    null,
    {},
    { error: 'x' },
    { error: { code: 'NOPE', message: 'm' } },
    { code: 'X', message: 'better-auth shape' },
  ])('returns undefined for %j', (body) => {
    expect(parseErrorEnvelope(body)).toBeUndefined();
  });
});
