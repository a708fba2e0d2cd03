import { describe, expect, it } from 'vitest';
import { isDocSocketPath, isVersionExempt } from './client-version.ts';

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

describe('isDocSocketPath', () => {
  it.each([
    ['/api/projects/p1/doc', true],
    ['/api/projects/p1/checklists/s1%3Aamstar2%3Au1/doc', true],
    ['/api/projects/p1/docs', false],
    ['/api/projects/p1/checklists/doc', false],
    ['/api/projects/p1/checklists/a/b/doc', false],
    ['/api/reconcile/doc/p1', false],
  ])('%s → %s', (path, socket) => {
    expect(isDocSocketPath(path)).toBe(socket);
  });
});
