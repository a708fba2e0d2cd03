import { describe, expect, it } from 'vitest';
import { FIRST_DOC_V2_CLIENT } from '@corates/shared/doc';
import { isDocSocketPath, isVersionExempt, minimumClientFor } from './client-version.ts';

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

describe('minimumClientFor', () => {
  it('is the first document model v2 build on a document socket while the minimum is below it', () => {
    expect(FIRST_DOC_V2_CLIENT).toBe('0.3.0');
    expect(minimumClientFor('/api/projects/p1/doc', '0.1.0')).toBe('0.3.0');
    expect(minimumClientFor('/api/projects/p1/checklists/c1/doc', '0.2.9')).toBe('0.3.0');
  });

  it('is minSupportedClient on a document socket once that is at least v2', () => {
    expect(minimumClientFor('/api/projects/p1/doc', '0.3.0')).toBe('0.3.0');
    expect(minimumClientFor('/api/projects/p1/doc', '1.2.0')).toBe('1.2.0');
  });

  it('is minSupportedClient everywhere else: an old build’s queued ops still replay', () => {
    expect(minimumClientFor('/api/sync/ops', '0.1.0')).toBe('0.1.0');
    expect(minimumClientFor('/api/projects', '0.1.0')).toBe('0.1.0');
    expect(minimumClientFor('/api/reconcile/doc/p1', '0.1.0')).toBe('0.1.0');
  });
});
