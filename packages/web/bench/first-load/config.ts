import { z } from 'zod';

const envSchema = z.object({
  /** Cold loads of each page in Chromium; the section reports their medians. */
  FIRST_LOAD_RUNS: z.coerce.number<string>().int().positive().default(3),
  /** Markdown file to write the section to, or `none` for a print-only run. */
  BENCH_OUT: z.string().default('docs/benchmarks.md'),
});

/** The "first-load" group's settings, e.g. `FIRST_LOAD_RUNS=5 pnpm bench first-load`. */
export function readFirstLoadConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`bad benchmark setting: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  return { runs: c.FIRST_LOAD_RUNS, out: c.BENCH_OUT === 'none' ? undefined : c.BENCH_OUT };
}
