import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Two runtimes, named by suffix: `*.test.ts` are pure modules in Node; `*.worker.test.ts` run in
// workerd with the real D1/R2/Durable Object bindings from wrangler.jsonc.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'drizzle'));
  return {
    test: {
      projects: [
        {
          test: {
            name: 'node',
            include: [
              'src/**/*.test.ts',
              'test/**/*.test.ts',
              'scripts/**/*.test.ts',
              'bench/**/*.test.ts',
            ],
            exclude: ['**/*.worker.test.ts'],
            // Property tests: every package's tests run at once on two cores under `npm test`.
            testTimeout: 30_000,
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.jsonc' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  // Property and fuzz suites run a bounded number of cases by default; set
                  // CORATES_FUZZ_RUNS for a longer run (workerd tests cannot read process.env).
                  FUZZ_RUNS: process.env.CORATES_FUZZ_RUNS ?? '',
                  // The server's federation key (a Worker secret deployed; docs/federation.md).
                  FEDERATION_PRIVATE_KEY: randomBytes(32).toString('base64url'),
                },
              },
            }),
          ],
          test: {
            name: 'workerd',
            include: ['src/**/*.worker.test.ts', 'test/**/*.worker.test.ts'],
            setupFiles: ['./test/apply-migrations.ts'],
          },
        },
      ],
    },
  };
});
