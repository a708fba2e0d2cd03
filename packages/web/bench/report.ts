import { table } from '@corates/bench-kit/markdown';
import { ratio, type Summary } from '@corates/bench-kit/stats';
import { PULL_PAGE_SIZE } from '../src/sync/offline/pull.ts';
import { count, describeRun, fixed, times } from './format.ts';
import type { RunInfo } from './run-record.ts';

export const SECTION_ID = 'sync-vs-rest';

/** The goal for the replay (issue 4): absolute throughput and the lead over REST. */
export const GOAL = { opsPerSecond: 1_000, speedup: 10 } as const;

/** One side's replay of the same number of mutations. */
export interface ReplayFigures {
  /** Start → every mutation answered by the server. */
  totalMs: number;
  requests: number;
  /** Of `totalMs`, waiting for the server's answers. */
  waitingMs?: number;
  /** Mutations the server did not apply. */
  failed: number;
  /** Projects on the server afterwards that match what the mix should leave, of those expected. */
  verified: { matching: number; expected: number };
}

export interface PullFigures {
  totalMs: number;
  requests: number;
  rows: number;
}

export interface SyncBenchResults {
  ops: number;
  /** Rows on the server that the pull scenario reads back. */
  pullRows: number;
  enqueue: Summary;
  restCall: Summary;
  engine: ReplayFigures & { cycleMs: number };
  rest: ReplayFigures;
  pull: { engine: PullFigures; rest: PullFigures };
  /** Anything that went wrong, one line each. */
  errors: string[];
}

export function opsPerSecond(ops: number, ms: number): number {
  return ms > 0 ? ops / (ms / 1000) : Number.NaN;
}

/** Whether the replay met the goal, and by what figures. */
export function replayGoal(r: SyncBenchResults) {
  const rate = opsPerSecond(r.ops, r.engine.totalMs);
  const speedup = ratio(r.rest.totalMs, r.engine.totalMs);
  const clean = r.engine.failed === 0 && r.rest.failed === 0;
  return {
    rate,
    speedup,
    rateMet: clean && rate >= GOAL.opsPerSecond,
    speedupMet: clean && speedup >= GOAL.speedup,
  };
}

/**
 * The figures as table rows: engine, naive peer, and the engine's advantage (naive ÷ engine for
 * times and request counts, engine ÷ naive for throughput: above 1 the engine is ahead).
 */
export function rows(r: SyncBenchResults): string[][] {
  const n = count(r.ops);
  const ms = (v: number) => fixed(v, 2);
  const s = (v: number) => fixed(v / 1000, 1);
  const goal = replayGoal(r);
  return [
    [
      'Enqueue vs one REST call, p50 (ms)',
      ms(r.enqueue.p50),
      ms(r.restCall.p50),
      times(ratio(r.restCall.p50, r.enqueue.p50)),
    ],
    [
      'Enqueue vs one REST call, p95 (ms)',
      ms(r.enqueue.p95),
      ms(r.restCall.p95),
      times(ratio(r.restCall.p95, r.enqueue.p95)),
    ],
    [`Replay of ${n} mutations (s)`, s(r.engine.totalMs), s(r.rest.totalMs), times(goal.speedup)],
    [
      'Replay throughput (ops/s)',
      fixed(goal.rate, 0),
      fixed(opsPerSecond(r.ops, r.rest.totalMs), 0),
      times(goal.speedup),
    ],
    [
      'Replay requests',
      count(r.engine.requests),
      count(r.rest.requests),
      times(ratio(r.rest.requests, r.engine.requests)),
    ],
    [
      `Pull of ${count(r.pullRows)} rows into an empty cache (s)`,
      s(r.pull.engine.totalMs),
      s(r.pull.rest.totalMs),
      times(ratio(r.pull.rest.totalMs, r.pull.engine.totalMs)),
    ],
    [
      'Pull requests',
      count(r.pull.engine.requests),
      count(r.pull.rest.requests),
      times(ratio(r.pull.rest.requests, r.pull.engine.requests)),
    ],
    ['Rows in the cache after the pull', count(r.pull.engine.rows), count(r.pull.rest.rows), ''],
  ];
}

export function renderSection(info: RunInfo, r: SyncBenchResults): string {
  const n = count(r.ops);
  const goal = replayGoal(r);
  const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
  const verified = (v: ReplayFigures['verified']) =>
    `${count(v.matching)} of ${count(v.expected)} projects`;
  const waiting = r.engine.waitingMs ?? Number.NaN;
  return [
    '## Offline metadata sync vs one REST call per mutation',
    '',
    'Written by `pnpm bench` (`packages/web/bench/sync-vs-rest.ts`); rerunning it rewrites only this section.',
    '',
    `${describeRun(info)} Server: ${info.server}, one fresh instance for the whole run, on 127.0.0.1.`,
    '',
    "- **engine**: the app's sync engine (`packages/web/src/sync/offline`) in Node, its Dexie cache on **fake-indexeddb** (an in-memory JavaScript IndexedDB, slower than a browser's). Mutations are enqueued while it is stopped (offline); then it starts and drains the queue through `POST /api/sync/ops` in batches of up to 100, then pulls.",
    "- **naive peer**: a client without the queue, sending each mutation as its own REST call (`POST /api/projects`, `PATCH /api/projects/{id}`, `POST …/members`, `PATCH /api/me/settings`) and waiting for each answer before the next. The same server and domain functions; a different account, so neither side sees the other's rows.",
    `- **mix** (both sides, ${n} mutations): per project, in order: create, invite the collaborator as viewer, 3 renames, 3 re-invitations of the collaborator with another role (editor/viewer; inviting again renews the pending invitation), 2 settings changes spread among them (10 % creates, 40 % invitations, 30 % renames, 20 % settings). The naive peer runs first, so the engine replays against the larger database.`,
    `- **pull**: another account owns ${count(r.pullRows)} rows (1 settings row; per project the project and its owner's membership), written through \`/api/sync/ops\` beforehand, untimed. The engine pulls them into an empty cache (\`GET /api/sync/pull\`, pages of ${count(PULL_PAGE_SIZE)} change-log entries, each page applied in one transaction, then one more pull that finds nothing). The naive peer, having no change feed, reads everything again: \`GET /api/me/settings\`, \`GET /api/projects\`, then \`GET /api/projects/{id}/members\` per project, storing each answer in the same Dexie tables.`,
    '- **enqueue latency**: `engine.enqueue` (validate, queue, apply to the cache in one transaction) per op, beside one REST call of the naive peer (request → answer read) per op.',
    '',
    table(['figure', 'engine', 'naive peer', 'engine advantage'], rows(r)),
    '',
    `Engine advantage: naive ÷ engine for times and requests, engine ÷ naive for throughput; above 1× the engine is ahead. Of the engine's ${fixed(r.engine.totalMs / 1000, 1)} s drain, ${fixed(waiting / 1000, 1)} s were spent waiting for the server's answers and the rest in the client's own work on the queue (fake-indexeddb); the drain plus the pull after it took ${fixed(r.engine.cycleMs / 1000, 1)} s.`,
    '',
    `Goal (issue 4): replay ≥ ${count(GOAL.opsPerSecond)} ops/s locally — ${met(goal.rateMet)} (${fixed(goal.rate, 0)} ops/s); ≥ ${GOAL.speedup}× the naive peer — ${met(goal.speedupMet)} (${times(goal.speedup)}).`,
    '',
    `Checked afterwards on the server: engine ${verified(r.engine.verified)}, naive peer ${verified(r.rest.verified)} with their last name and 2 members; mutations not applied: engine ${count(r.engine.failed)}, naive peer ${count(r.rest.failed)}.`,
    ...(r.errors.length > 0 ? ['', '**Errors:**', '', ...r.errors.map((e) => `- ${e}`)] : []),
  ].join('\n');
}
