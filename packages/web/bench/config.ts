import { z } from 'zod';

const positiveInt = z.coerce.number<string>().int().positive();

/** Every knob is an environment variable, e.g. `SYNC_BENCH_OPS=1000 pnpm bench`. */
const envSchema = z.object({
  /** Mutations replayed by each side (and enqueued by the engine). */
  SYNC_BENCH_OPS: positiveInt.default(10_000),
  /** Rows in the data set the pull scenario reads back (1 settings row + 3 per project). */
  SYNC_BENCH_PULL_ROWS: positiveInt.min(4).default(10_000),
  /** Markdown file to write the section to, or `none` for a print-only run (as the relay group). */
  BENCH_OUT: z.string().default('docs/benchmarks.md'),
});

export type SyncBenchConfig = ReturnType<typeof readConfig>;

export function readConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`bad benchmark setting: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  return {
    ops: c.SYNC_BENCH_OPS,
    pullRows: c.SYNC_BENCH_PULL_ROWS,
    out: c.BENCH_OUT === 'none' ? undefined : c.BENCH_OUT,
  };
}
