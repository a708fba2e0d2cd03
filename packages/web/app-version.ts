import { readFileSync } from 'node:fs';

const packageVersion = (
  JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/**
 * This build's version, the one the client reports in `X-Client-Version`: package.json's, unless
 * `CORATES_APP_VERSION` overrides it (the upgrade browser test builds an "old" and a "new" client
 * from one tree). Read by both Vite and Vitest configs so tests see what the build bakes in.
 */
export const appVersion: string = process.env.CORATES_APP_VERSION || packageVersion;
