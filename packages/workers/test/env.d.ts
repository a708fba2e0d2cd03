import type { D1Migration } from '@cloudflare/vitest-pool-workers';

declare global {
  namespace Cloudflare {
    interface Env {
      /** Drizzle's migrations, read in vitest.config.ts and applied before each test file. */
      TEST_MIGRATIONS: D1Migration[];
      /** CORATES_FUZZ_RUNS from the shell: cases per property in the fuzz suites ('' = default). */
      FUZZ_RUNS: string;
    }
  }
}
