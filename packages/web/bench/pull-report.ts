import { table } from '@corates/bench-kit/markdown';
import { median, ratio } from '@corates/bench-kit/stats';
import type { EnginePull } from './engine-peer.ts';
import { count, describeRun, fixed, times } from './format.ts';
import type { RunInfo } from './run-record.ts';

export const PULL_SECTION_ID = 'pull';

/** Issue 18: 10,000 rows into an empty cache in at most this long. */
export const PULL_GOAL_MS = 3_000;

/**
 * D1 statements the server spends on one page, from `packages/workers/src/domain/pull.ts`
 * (pinned by `test/pull-batching.worker.test.ts`): the page and its upper bound in one batch,
 * then, when the page holds an upsert, one batch hydrating every table at once.
 */
export const BATCHED_STATEMENTS = { read: 2, hydrate: 4 } as const;

/**
 * This harness on the code before issue 18 (per-row hydration, pages of 500, member counts
 * recomputed per change), run once on this machine before the change: the reference every run
 * is compared with. A record of that run, not a figure of this one.
 */
export const BEFORE = {
  commit: '29a7aa1',
  date: '2026-12-07',
  rows: 9_999,
  totalMs: 14_940,
  waitingMs: 13_370,
  load: 3,
} as const;

/** One page of the feed as a client walked it: its changes, and how many of them are upserts. */
export interface PageShape {
  changes: number;
  upserts: number;
}

export interface PullBenchResults {
  /** Rows the account owns on the server, which every pull must leave in the cache. */
  rows: number;
  /** Change-log entries per page (the client's page size). */
  pageSize: number;
  /** Each timed pull from cursor 0 into a new empty cache. */
  pulls: EnginePull[];
  /**
   * After each pull, as many `GET /api/me/settings` as it made requests, one after another: the
   * server's cost of that many signed-in requests before any pull work.
   */
  floorMs: number[];
  /** The pages of one more, untimed walk of the same feed. */
  pages: PageShape[];
  /** Anything that went wrong, one line each. */
  errors: string[];
}

/**
 * Statements per page: per-row hydration (before issue 18: the upper bound, the page and the
 * caller's memberships, then one query per upserted row) and batched hydration (now).
 */
export function statementsPerPage(pages: readonly PageShape[]) {
  const perRow = pages.map((p) => 3 + p.upserts);
  const batched = pages.map(
    (p) => BATCHED_STATEMENTS.read + (p.upserts > 0 ? BATCHED_STATEMENTS.hydrate : 0),
  );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    perRow: { total: sum(perRow), max: Math.max(0, ...perRow) },
    batched: { total: sum(batched), max: Math.max(0, ...batched) },
  };
}

/** Median figures over the repeats, and whether the goal was met by pulls that got every row. */
export function pullGoal(r: PullBenchResults) {
  const totalMs = median(r.pulls.map((p) => p.totalMs));
  const complete = r.pulls.length > 0 && r.pulls.every((p) => p.rows === r.rows);
  return {
    totalMs,
    waitingMs: median(r.pulls.map((p) => p.waitingMs)),
    floorMs: median(r.floorMs),
    requests: median(r.pulls.map((p) => p.requests)),
    complete,
    ratio: ratio(totalMs, PULL_GOAL_MS),
    met: complete && r.errors.length === 0 && totalMs <= PULL_GOAL_MS,
  };
}

export function pullRows(r: PullBenchResults): string[][] {
  const g = pullGoal(r);
  const s = (ms: number) => fixed(ms / 1000, 2);
  const stmts = statementsPerPage(r.pages);
  return [
    [
      `Pull of ${count(r.rows)} rows into an empty cache (s)`,
      s(g.totalMs),
      s(PULL_GOAL_MS),
      times(g.ratio),
    ],
    ['… of which waiting for the server (s)', s(g.waitingMs), '', ''],
    ['… of those, what as many `GET /api/me/settings` take (s)', s(g.floorMs), '', ''],
    ["… of which the client's own work (s)", s(g.totalMs - g.waitingMs), '', ''],
    ['Requests to `GET /api/sync/pull`', count(g.requests), '', ''],
    [
      'Rows in the cache after each pull',
      r.pulls.map((p) => count(p.rows)).join(', ') || '—',
      count(r.rows),
      '',
    ],
    ['D1 statements per page, most (batched hydration)', count(stmts.batched.max), '', ''],
  ];
}

export function renderPullSection(info: RunInfo, r: PullBenchResults): string {
  const g = pullGoal(r);
  const stmts = statementsPerPage(r.pages);
  const each = (pick: (p: EnginePull) => number) =>
    r.pulls.map((p) => fixed(pick(p) / 1000, 2)).join(', ');
  const verdict = g.met
    ? `**met**: ${fixed(g.totalMs / 1000, 2)} s, ${times(g.ratio)} the goal`
    : `**not met**: ${fixed(g.totalMs / 1000, 2)} s, ${times(g.ratio)} the goal${g.complete ? '' : ' (a pull left rows out)'}`;
  return [
    '## Pull into an empty cache',
    '',
    'Written by `pnpm bench` (`packages/web/bench/pull-into-empty-cache.ts`); `pnpm bench pull` runs only this group. Rerunning it rewrites only this section.',
    '',
    `${describeRun(info)} Server: ${info.server}.`,
    '',
    `- **data**: one account owns ${count(r.rows)} rows of every table the feed carries: its settings row; projects, each with the owner's membership, written through \`/api/sync/ops\`; and about one in a hundred rows a PDF's metadata, uploaded through \`POST …/pdfs\`. All written beforehand, untimed.`,
    `- **pull**: the app's sync engine (\`packages/web/src/sync/offline\`) in Node starts with an empty cache and pulls from cursor 0 as the app does on a new device: \`GET /api/sync/pull\` page by page, ${count(r.pageSize)} change-log entries a page, each page applied to the Dexie cache in one transaction, until the server says there is no more. The cache is on **fake-indexeddb** (in-memory JavaScript, slower than a browser's IndexedDB), so the client's share is an upper bound.`,
    `- **repeats**: ${r.pulls.length} pulls, each by a new engine into a new empty cache; the table gives the median.`,
    '',
    table(['figure', `median of ${r.pulls.length}`, 'goal', 'median / goal'], pullRows(r)),
    '',
    `Goal (issue 18): ${count(r.rows)} rows into an empty cache in ≤ ${fixed(PULL_GOAL_MS / 1000, 0)} s — ${verdict}.`,
    '',
    `Before issue 18 (commit ${BEFORE.commit}, the same harness on ${BEFORE.date}, load average about ${BEFORE.load}; ${count(BEFORE.rows)} rows without PDFs): ${fixed(BEFORE.totalMs / 1000, 2)} s, ${fixed(BEFORE.waitingMs / 1000, 2)} s of it waiting for the server; this run's median is ${times(ratio(BEFORE.totalMs, g.totalMs))} faster.`,
    '',
    `Each pull (s): ${each((p) => p.totalMs)}; of which waiting for the server: ${each((p) => p.waitingMs)}; as many \`GET /api/me/settings\` right after each: ${r.floorMs.map((ms) => fixed(ms / 1000, 2)).join(', ')}. Those requests (session, version gate, census, one row) are what the server spends on any signed-in request; the rest of the waiting is the pull's own work (reading the change log, hydrating, encoding the page).`,
    '',
    `D1 statements for the ${count(r.pages.length)} pages of this feed, from the code (\`packages/workers/src/domain/pull.ts\`): batched hydration reads a page and its upper bound in one batch of ${BATCHED_STATEMENTS.read}, then hydrates every table in one batch of ${BATCHED_STATEMENTS.hydrate}: ${count(stmts.batched.total)} in all, at most ${count(stmts.batched.max)} a page. The per-row hydration it replaced (before issue 18) spent 3 plus one query per upserted row: ${count(stmts.perRow.total)} in all, up to ${count(stmts.perRow.max)} a page (${times(ratio(stmts.perRow.total, stmts.batched.total))} as many).`,
    ...(r.errors.length > 0 ? ['', '**Errors:**', '', ...r.errors.map((e) => `- ${e}`)] : []),
  ].join('\n');
}
