import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPathFor } from './redirect.ts';

describe('safeNextPath', () => {
  it('keeps in-app paths with their query', () => {
    expect(safeNextPath('/projects/p1?tab=members')).toBe('/projects/p1?tab=members');
  });

  it('refuses anything that could leave the app', () => {
    for (const next of [
      'https://evil.example',
      '//evil.example/x',
      '/\\evil.example',
      'projects',
    ]) {
      expect(safeNextPath(next)).toBe('/');
    }
  });

  it('never sends the user back to the auth pages', () => {
    expect(safeNextPath('/sign-up')).toBe('/');
    expect(safeNextPath('/sign-in?next=%2F')).toBe('/');
  });
});

describe('signInPathFor', () => {
  it('remembers a deep link and drops the home page', () => {
    expect(signInPathFor('/projects/p 1')).toBe('/sign-in?next=%2Fprojects%2Fp%201');
    expect(signInPathFor('/')).toBe('/sign-in');
  });
});
