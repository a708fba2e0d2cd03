import { describe, expect, it } from 'vitest';
import { signUpSchema, updateProjectSchema } from '@corates/shared';
import { validate } from './validate.ts';

describe('validate', () => {
  it('returns the parsed (normalised) data when valid', () => {
    const result = validate(signUpSchema, {
      name: ' Ada ',
      email: 'Ada@Example.org',
      password: 'long enough',
    });
    expect(result).toEqual({
      ok: true,
      data: { name: 'Ada', email: 'ada@example.org', password: 'long enough' },
    });
  });

  it('keeps one message per field, preferring the screen wording', () => {
    const result = validate(
      signUpSchema,
      { name: '', email: 'not-an-email', password: 'short' },
      { password: 'Use at least 8 characters.' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['email', 'name', 'password']);
    expect(result.errors.password).toBe('Use at least 8 characters.');
  });

  it('files issues without a field under "form"', () => {
    const result = validate(updateProjectSchema, {});
    expect(result.ok ? {} : result.errors).toEqual({
      form: 'nothing to update: give name or description',
    });
  });
});
