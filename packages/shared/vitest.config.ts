import { defineConfig } from 'vitest/config';

// Property tests run hundreds of cases; under `npm test` turbo runs every package's tests at once
// on two cores, where 5 s (vitest's default) has been too short for a property that takes 1 s alone.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 30_000 } });
