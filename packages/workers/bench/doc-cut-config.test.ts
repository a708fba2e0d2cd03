import { describe, expect, it } from 'vitest';
import { readDocCutConfig } from './doc-cut-config.ts';

describe('readDocCutConfig', () => {
  it('measures 200 studies under every cut and writes the record by default', () => {
    const config = readDocCutConfig({});
    expect(config.studies).toBe(200);
    expect(config.cuts).toEqual(['v1', 'a', 'b']);
    expect(config.writers).toEqual([2, 10]);
    expect(config.out).toBe('docs/benchmarks.md');
  });

  it('a smaller run prints only, unless told where to write', () => {
    expect(readDocCutConfig({ DOC_CUT_STUDIES: '10' }).out).toBeUndefined();
    expect(readDocCutConfig({ DOC_CUT_CUTS: 'a,b' }).out).toBeUndefined();
    expect(readDocCutConfig({ DOC_CUT_STUDIES: '10', DOC_CUT_OUT: '/tmp/x.md' }).out).toBe(
      '/tmp/x.md',
    );
    expect(readDocCutConfig({ DOC_CUT_OUT: 'none' }).out).toBeUndefined();
  });

  it('refuses a cut it does not know', () => {
    expect(() => readDocCutConfig({ DOC_CUT_CUTS: 'a,c' })).toThrow(/bad benchmark setting/);
  });
});
