// A SPEC's rules and the tests that cite them stay in step: every rule a SPEC defines (`**[B1]**`)
// is cited by some test title, and every id a test title cites is a rule of that SPEC. A title
// cites a rule by starting with its id(s): `it('[B8] [B9] stored op ids …')`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/** The SPECs checked here: where each is, and the letter its rule ids start with. */
const SPECS = [{ spec: 'src/domain/mutations/SPEC.md', prefix: 'B' }];

/** The ids a SPEC defines: each rule's bold id at the start of its entry. */
function definedRules(spec: string, prefix: string): string[] {
  const ids = [...spec.matchAll(new RegExp(String.raw`\*\*\[(${prefix}\d+)\]\*\*`, 'g'))];
  return ids.map((m) => m[1]!);
}

/**
 * The ids test titles in `source` cite: the ids a string literal starts with. Only titles start
 * with a rule id in a test file; a mention elsewhere (a comment, "see [B8]") is not a citation.
 */
function citedRules(source: string, prefix: string): string[] {
  const cited: string[] = [];
  const titles = source.matchAll(new RegExp(String.raw`['"\`]((?:\[${prefix}\d+\]\s*)+)`, 'g'));
  for (const [, ids] of titles)
    for (const [, id] of ids!.matchAll(new RegExp(String.raw`\[(${prefix}\d+)\]`, 'g')))
      cited.push(id!);
  return cited;
}

/** Every test file of this package (Node and workerd), relative to it. */
function testFiles(): string[] {
  return ['src', 'test', 'scripts', 'bench'].flatMap((dir) =>
    readdirSync(path.join(pkg, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.test\.ts$/.test(f) && !f.includes('node_modules'))
      .map((f) => path.join(dir, f)),
  );
}

describe('SPEC rules and the tests that cite them', () => {
  it('reads definitions and title citations, not mentions', () => {
    const spec = '- **[B1]** one.\n- **[B2]** two, see [B1].\n';
    expect(definedRules(spec, 'B')).toEqual(['B1', 'B2']);
    const source = `it('[B2] [B10] title', () => {}); // [B3]\nit("see [B4]", f); it.each(x)(\`[B5] %s\`, f);`;
    expect(citedRules(source, 'B')).toEqual(['B2', 'B10', 'B5']);
  });

  it.each(SPECS)('$spec: every rule is cited by a test, and every citation is a rule', (s) => {
    const defined = definedRules(readFileSync(path.join(pkg, s.spec), 'utf8'), s.prefix);
    expect(defined.length).toBeGreaterThan(0);
    expect(new Set(defined).size).toBe(defined.length);
    const citations = new Map<string, string[]>();
    for (const file of testFiles()) {
      // This file's own examples cite made-up rules.
      if (file === path.join('scripts', 'spec-rules.test.ts')) continue;
      for (const id of citedRules(readFileSync(path.join(pkg, file), 'utf8'), s.prefix))
        citations.set(id, [...(citations.get(id) ?? []), file]);
    }
    expect(defined.filter((id) => !citations.has(id))).toEqual([]);
    expect([...citations.keys()].filter((id) => !defined.includes(id))).toEqual([]);
  });
});
