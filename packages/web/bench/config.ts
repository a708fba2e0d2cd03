import { z } from 'zod';

const positiveInt = z.coerce.number<string>().int().positive();
/** Markdown file to write the section to, or `none` for a print-only run (as the relay group). */
const benchOut = z.string().default('docs/benchmarks.md');

function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`bad benchmark setting: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const outFile = (out: string) => (out === 'none' ? undefined : out);

/** Every knob is an environment variable, e.g. `SYNC_BENCH_OPS=1000 pnpm bench`. */
const syncEnvSchema = z.object({
  /** Mutations replayed by each side (and enqueued by the engine). */
  SYNC_BENCH_OPS: positiveInt.default(10_000),
  /** Rows in the data set the pull scenario reads back (1 settings row + 3 per project). */
  SYNC_BENCH_PULL_ROWS: positiveInt.min(4).default(10_000),
  BENCH_OUT: benchOut,
});

export type SyncBenchConfig = ReturnType<typeof readConfig>;

/** The "sync-vs-rest" group's settings. */
export function readConfig(env: NodeJS.ProcessEnv) {
  const c = parse(syncEnvSchema, env);
  return { ops: c.SYNC_BENCH_OPS, pullRows: c.SYNC_BENCH_PULL_ROWS, out: outFile(c.BENCH_OUT) };
}

const pullEnvSchema = z.object({
  /** Rows the account owns and every pull reads back (settings, projects, memberships, PDFs). */
  PULL_BENCH_ROWS: positiveInt.min(4).default(10_000),
  /** Pulls from cursor 0, each into a new empty cache; the section reports their median. */
  PULL_BENCH_REPEATS: positiveInt.default(5),
  BENCH_OUT: benchOut,
});

/** The "pull" group's settings, e.g. `PULL_BENCH_REPEATS=5 pnpm bench pull`. */
export function readPullConfig(env: NodeJS.ProcessEnv) {
  const c = parse(pullEnvSchema, env);
  return { rows: c.PULL_BENCH_ROWS, repeats: c.PULL_BENCH_REPEATS, out: outFile(c.BENCH_OUT) };
}

const federationEnvSchema = z.object({
  /** Records A's share covers when B first catches up (studies and checklist headers). */
  FEDERATION_BENCH_RECORDS: positiveInt.min(10).default(10_000),
  /** Changes at A before B's second catch-up. */
  FEDERATION_BENCH_CHANGES: positiveInt.default(100),
  BENCH_OUT: benchOut,
});

/** The "federation" group's settings, e.g. `FEDERATION_BENCH_RECORDS=500 pnpm bench federation`. */
export function readFederationConfig(env: NodeJS.ProcessEnv) {
  const c = parse(federationEnvSchema, env);
  return {
    records: c.FEDERATION_BENCH_RECORDS,
    changes: c.FEDERATION_BENCH_CHANGES,
    out: outFile(c.BENCH_OUT),
  };
}
