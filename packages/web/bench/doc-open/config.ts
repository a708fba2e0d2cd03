import { z } from 'zod';

/**
 * The last commit whose app keeps a project in one document (document model v1): the build the
 * "v1" column runs. Commits before document model v2 landed on main.
 */
export const LAST_V1_COMMIT = 'c011396';

const envSchema = z.object({
  /** Studies in the project opened (each with two reviewer checklists and a reconciled one). */
  DOC_OPEN_STUDIES: z.coerce.number<string>().int().positive().default(200),
  /** Cold opens per build and profile; the section reports their medians. */
  DOC_OPEN_RUNS: z.coerce.number<string>().int().positive().default(3),
  /** The v1 build to compare with (any commit-ish of this repository). */
  DOC_OPEN_V1_REV: z.string().min(1).default(LAST_V1_COMMIT),
  /** Markdown file to write the section to, or `none` for a print-only run. */
  BENCH_OUT: z.string().default('docs/benchmarks.md'),
});

/** The "doc-open" group's settings, e.g. `DOC_OPEN_RUNS=5 pnpm bench doc-open`. */
export function readDocOpenConfig(env: NodeJS.ProcessEnv) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`bad benchmark setting: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  return {
    studies: c.DOC_OPEN_STUDIES,
    runs: c.DOC_OPEN_RUNS,
    v1Rev: c.DOC_OPEN_V1_REV,
    out: c.BENCH_OUT === 'none' ? undefined : c.BENCH_OUT,
  };
}
