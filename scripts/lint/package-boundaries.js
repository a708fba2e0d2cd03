// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which workspace packages each package may import (STYLE.md rule 1: dependencies point one way).
 * `workers` and `web` import `shared`, never each other; `shared` imports neither; the benchmarks of
 * both share helpers through `bench-kit`, not through each other's bench folders (`bench-kit` may
 * build documents with `shared`'s model, as both packages do). A package missing here may import no
 * other until it is added.
 */
export const MAY_IMPORT = {
  shared: [],
  'bench-kit': ['shared'],
  workers: ['shared', 'bench-kit'],
  web: ['shared', 'bench-kit'],
};

const packagesDir = fileURLToPath(new URL('../../packages', import.meta.url));

/** The workspace package a file lies in (`web` for packages/web/src/x.ts), or undefined. */
function packageOf(file) {
  const rel = path.relative(packagesDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep)[0];
}

/**
 * The package an import names: `@corates/<name>` by name, or the package a relative path lands in
 * (resolved against the importing file, so a folder that merely shares a package's name is not
 * mistaken for it).
 */
function targetOf(source, fromFile) {
  const named = /^@corates\/([^/]+)/.exec(source);
  if (named) return named[1];
  if (source.startsWith('.')) return packageOf(path.resolve(path.dirname(fromFile), source));
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const packageBoundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep workspace packages from importing the ones they must not depend on.',
    },
    schema: [],
    messages: {
      forbidden:
        'packages/{{from}} may not import packages/{{to}} ("{{source}}"): workers and web import shared and bench-kit, never each other; bench-kit imports only shared; shared imports neither (MAY_IMPORT in scripts/lint/package-boundaries.js).',
    },
  },
  create(context) {
    const from = packageOf(context.filename);
    if (!from) return {};
    const allowed = /** @type {Record<string, string[]>} */ (MAY_IMPORT)[from] ?? [];
    /** @param {import('estree').Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string') return;
      const to = targetOf(source, context.filename);
      if (!to || to === from || allowed.includes(to)) return;
      context.report({ node, messageId: 'forbidden', data: { from, to, source } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
