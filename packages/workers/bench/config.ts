import { z } from 'zod';
import { LATENCY_MODE_NAMES } from './scenarios/latency-modes.ts';
import { SERVER_NAMES } from './servers/bench-server.ts';

const latencyModeName = z.enum(LATENCY_MODE_NAMES);

const positiveInt = z.coerce.number<string>().int().positive();
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    );

/** Every knob is an environment variable, so a quick run is e.g. `BENCH_CLIENTS=2,10 pnpm bench`. */
const envSchema = z.object({
  /**
   * Which scenarios to run: `latency` (the propagation series, repeated), `connections` and
   * `initial-sync` (the burst, the join during it and the new-client syncs; first repeat only).
   * E.g. `BENCH_PARTS=initial-sync BENCH_REPEATS=1` for the burst figures alone. A run of some
   * parts only prints its figures unless BENCH_OUT names a file: it never replaces the record.
   */
  BENCH_PARTS: list('latency,connections,initial-sync').pipe(
    z.array(z.enum(['latency', 'connections', 'initial-sync'])).min(1),
  ),
  /** Room sizes for the propagation-latency runs. */
  BENCH_CLIENTS: list('2,10,50').pipe(z.array(positiveInt.min(2)).min(1)),
  /**
   * How clients are driven in the latency series, each mode in its own room (see latency-modes.ts):
   * `presence`, the figure of record, is what a user meets (the app's awareness state published,
   * edits paced so every client's 15 s awareness renewal falls inside the series); `bare` is the
   * earlier harness (no awareness state, each edit sent as soon as the last one arrived);
   * `presence-unpaced` between them tells pacing from presence traffic (`bare-paced` too).
   */
  BENCH_LATENCY_MODES: list('presence,presence-unpaced,bare').pipe(z.array(latencyModeName).min(1)),
  /** ms from one paced edit to the next (the room's edit rate: 10 a second by default). */
  BENCH_PACE_MS: positiveInt.default(100),
  /** Measured writes per room size (each one yields N-1 latency samples). */
  BENCH_WRITES: positiveInt.default(200),
  /** Writes before measuring in each room (its Durable Object's first storage writes and alarm). */
  BENCH_WARMUP: z.coerce.number<string>().int().min(0).default(10),
  /**
   * Clients in a discarded room that makes BENCH_WRITES writes on each server before anything is
   * measured, so no server's figures include its JIT warming up (0: none).
   */
  BENCH_WARMUP_CLIENTS: z.coerce.number<string>().int().min(0).default(50),
  /**
   * Times the latency series runs, each time on freshly started servers in alternating order (a
   * shared machine's noise moves single runs by tens of percent); the table gives the median.
   */
  BENCH_REPEATS: positiveInt.default(3),
  /**
   * Clients to hold in one room. They publish no awareness state: with presence, a room this size
   * is an N² broadcast at every join and renewal, which measures the client process, not the
   * server (the latency series carry the presence figures).
   */
  BENCH_CONNECTIONS: z.coerce.number<string>().int().min(0).default(1000),
  /** Time allowed to open and sync them. */
  BENCH_CONNECT_BUDGET_S: positiveInt.default(120),
  /** Separate updates written before a new client syncs the document. */
  BENCH_PRIOR_UPDATES: z.coerce.number<string>().int().min(0).default(10_000),
  /** New clients timed against that document, one after another. */
  BENCH_SYNC_REPEATS: positiveInt.default(3),
  /** Which servers to run; a ratio needs both of its servers. */
  BENCH_SERVERS: list(SERVER_NAMES.join(',')).pipe(z.array(z.enum(SERVER_NAMES)).min(1)),
  /** Markdown file to write the section to, or `none` for a print-only run. */
  BENCH_OUT: z.string().optional(),
});

export type BenchConfig = ReturnType<typeof readConfig>;

export function readConfig(env: Record<string, string | undefined>) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`bad benchmark setting: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  return {
    parts: c.BENCH_PARTS,
    clients: c.BENCH_PARTS.includes('latency') ? c.BENCH_CLIENTS : [],
    latencyModes: c.BENCH_LATENCY_MODES,
    paceMs: c.BENCH_PACE_MS,
    writes: c.BENCH_WRITES,
    warmup: c.BENCH_WARMUP,
    warmupClients: c.BENCH_WARMUP_CLIENTS,
    repeats: c.BENCH_REPEATS,
    connections: c.BENCH_CONNECTIONS,
    connectBudgetMs: c.BENCH_CONNECT_BUDGET_S * 1000,
    priorUpdates: c.BENCH_PRIOR_UPDATES,
    syncRepeats: c.BENCH_SYNC_REPEATS,
    servers: c.BENCH_SERVERS,
    out:
      c.BENCH_OUT === 'none'
        ? undefined
        : (c.BENCH_OUT ?? (new Set(c.BENCH_PARTS).size === 3 ? 'docs/benchmarks.md' : undefined)),
  };
}
