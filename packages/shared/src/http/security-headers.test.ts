import { describe, expect, it } from 'vitest';
import { assetHeadersFile, CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers.ts';

describe('security headers', () => {
  it('the CSP holds the directives DESIGN.md names', () => {
    const directives = CONTENT_SECURITY_POLICY.split('; ');
    expect(directives).toContain("default-src 'self'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(directives).toContain("object-src 'none'");
    // Never a directive that would re-open script injection.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });

  it('the assets file applies every header to every path', () => {
    const file = assetHeadersFile();
    expect(file.split('\n')[0]).toBe('/*');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(file).toContain(`  ${name}: ${value}\n`);
    }
  });
});
