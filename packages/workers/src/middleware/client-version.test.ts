import { describe, expect, it } from 'vitest';
import { isVersionExempt } from './client-version.ts';

describe('isVersionExempt', () => {
  it.each([
    ['/api/metadata', true],
    ['/api/auth/sign-in/email', true],
    ['/api/auth/get-session', true],
    ['/api/metadata/extra', false],
    ['/api/authx', false],
    ['/api/projects', false],
  ])('%s → %s', (path, exempt) => {
    expect(isVersionExempt(path)).toBe(exempt);
  });
});
