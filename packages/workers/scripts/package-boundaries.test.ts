// The repository's lint configuration keeps the packages apart (scripts/lint/package-boundaries.js
// at the root, which has no test runner of its own). Linted as text under made-up paths, through
// the real eslint.config.js, so a rule dropped from the config fails here too.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'corates/package-boundaries')
    .map((m) => m.message);
}

describe('package boundaries (lint)', () => {
  it.each([
    ['packages/workers/src/x.ts', "import { a } from '@corates/web';\nexport { a };"],
    ['packages/workers/bench/x.ts', "export * from '../../web/bench/report.ts';"],
    [
      'packages/web/bench/x.ts',
      "import { s } from '../../workers/bench/servers/relay-server.ts';\nexport { s };",
    ],
    [
      'packages/web/src/x.ts',
      "import type { A } from '@corates/workers/src/app.ts';\nexport type { A };",
    ],
    ['packages/shared/src/x.ts', "export const m = () => import('@corates/workers');"],
    ['packages/shared/src/x.ts', "export * from '../../web/src/env.ts';"],
  ])('%s may not import: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['packages/web/src/x.ts', "import { z } from '@corates/shared';\nexport { z };"],
    [
      'packages/workers/bench/x.ts',
      "import { table } from '@corates/bench-kit/markdown';\nexport { table };",
    ],
    // A folder of its own that shares another package's name is not that package.
    ['packages/workers/src/a/b.ts', "import { w } from '../web/w.ts';\nexport { w };"],
  ])('%s may import: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
