import { env } from 'cloudflare:test';

/** Cases per property: a bounded default that fits `npm test`, more with CORATES_FUZZ_RUNS. */
export function fuzzRuns(bounded: number): number {
  const asked = Number(env.FUZZ_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : bounded;
}
