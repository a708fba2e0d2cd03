import { describe, expect, it } from 'vitest';
import { evaluateVersion } from './version-check.ts';

const meta = (minSupportedClient: string) => ({ minSupportedClient });

describe('evaluateVersion', () => {
  it('accepts a build at exactly the minimum', () => {
    expect(evaluateVersion('1.4.0', meta('1.4.0'))).toBe('ok');
  });

  it('accepts a newer build, comparing numerically rather than as text', () => {
    expect(evaluateVersion('1.10.0', meta('1.9.3'))).toBe('ok');
  });

  it('blocks a build below the minimum', () => {
    expect(evaluateVersion('1.3.9', meta('1.4.0'))).toBe('blocked');
  });

  it('blocks a prerelease of the minimum version (1.4.0-rc.1 < 1.4.0)', () => {
    expect(evaluateVersion('1.4.0-rc.1', meta('1.4.0'))).toBe('blocked');
  });

  it('never blocks on a version it cannot parse; the server 426 gate decides instead', () => {
    expect(evaluateVersion('dev', meta('1.0.0'))).toBe('ok');
    expect(evaluateVersion('1.0.0', meta('latest'))).toBe('ok');
  });
});
