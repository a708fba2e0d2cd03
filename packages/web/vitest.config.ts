import { defineConfig } from 'vitest/config';
import { appVersion } from './app-version.ts';

// Unit tests of pure modules in Node (the app's, the benchmark's and the e2e support's pure helpers). Browser tests
// live in e2e/ and run through e2e/run.ts. Property tests get 30 s: `npm test` runs every package's
// tests at once on two cores, where vitest's default 5 s is too short for some.
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(appVersion) },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'e2e/support/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
