import { z } from 'zod';

const positiveInt = z.coerce.number<string>().int().positive();

/** Every knob is an environment variable, so a quick run is e.g. `DOC_CUT_STUDIES=20 pnpm bench doc-cut`. */
const envSchema = z.object({
  /** Studies in the project; each has two reviewer checklists and a reconciled one. */
  DOC_CUT_STUDIES: positiveInt.default(200),
  /** Which cuts to run: today's single document (`v1`), one object per project (`a`), per document (`b`). */
  DOC_CUT_CUTS: z
    .string()
    .default('v1,a,b')
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(z.enum(['v1', 'a', 'b'])).min(1)),
  /** Joins timed cold and warm (each on a different checklist). */
  DOC_CUT_JOINS: positiveInt.default(7),
  /** Background syncs timed cold (each after a restart), each followed by a warm one. */
  DOC_CUT_SYNCS: positiveInt.default(3),
  /** Revocations timed (each after a restart: the member's other checklists not in memory). */
  DOC_CUT_REVOKES: positiveInt.default(3),
  /** Sockets the background sync keeps open at once. */
  DOC_CUT_SYNC_CONCURRENCY: positiveInt.default(6),
  /** Members holding a join open for the memory figure. */
  DOC_CUT_ACTIVE: positiveInt.default(20),
  /** Writer counts for the latency figures. */
  DOC_CUT_WRITERS: z
    .string()
    .default('2,10')
    .transform((s) => s.split(',').map((p) => p.trim()))
    .pipe(z.array(positiveInt).min(1)),
  /** Measured writes per writer, after the warm-up ones. */
  DOC_CUT_WRITES: positiveInt.default(100),
  DOC_CUT_WARMUP: z.coerce.number<string>().int().min(0).default(10),
  /** Time between one writer's writes (a person answering questions). */
  DOC_CUT_PACE_MS: positiveInt.default(100),
  /**
   * Markdown file for the section, or `none` for a print-only run. By default only a run of the
   * full project with every cut writes docs/benchmarks.md: a smaller one never replaces the record.
   */
  DOC_CUT_OUT: z.string().optional(),
});

export type DocCutConfig = ReturnType<typeof readDocCutConfig>;

export function readDocCutConfig(env: Record<string, string | undefined>) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`bad benchmark setting: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  const full = c.DOC_CUT_STUDIES === 200 && new Set(c.DOC_CUT_CUTS).size === 3;
  return {
    studies: c.DOC_CUT_STUDIES,
    cuts: [...new Set(c.DOC_CUT_CUTS)],
    joins: c.DOC_CUT_JOINS,
    syncs: c.DOC_CUT_SYNCS,
    syncConcurrency: c.DOC_CUT_SYNC_CONCURRENCY,
    revokes: c.DOC_CUT_REVOKES,
    active: c.DOC_CUT_ACTIVE,
    writers: c.DOC_CUT_WRITERS,
    writes: c.DOC_CUT_WRITES,
    warmup: c.DOC_CUT_WARMUP,
    paceMs: c.DOC_CUT_PACE_MS,
    out:
      c.DOC_CUT_OUT === 'none'
        ? undefined
        : (c.DOC_CUT_OUT ?? (full ? 'docs/benchmarks.md' : undefined)),
  };
}
