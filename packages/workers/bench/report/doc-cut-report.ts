import { table } from '@corates/bench-kit/markdown';
import { median, ratio, summarize } from '@corates/bench-kit/stats';
import type {
  BackgroundSyncSample,
  JoinResult,
  JoinSample,
  LatencyResult,
  RevokeSample,
} from '../scenarios/doc-cut-scenarios.ts';

export const SECTION_ID = 'doc-cut';

/** How the documents were cut: today's single document, one object per project, per document. */
export type CutName = 'v1' | 'a' | 'b';

/** Everything one cut produced; a scenario that failed leaves its field unset and an error. */
export interface CutRun {
  cut: CutName;
  seedS?: number;
  /** workerd RSS in bytes: after start, with one member's join held, with the active members', after a cold background sync. */
  memory: { idle?: number; one?: number; active?: number; afterSync?: number };
  joins?: JoinResult;
  syncs: { cold: BackgroundSyncSample[]; warm: BackgroundSyncSample[] };
  latency: LatencyResult[];
  revokes: RevokeSample[];
  errors: string[];
}

export interface DocCutInfo {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  durationS: number;
  /** 1-minute load average when the run started and ended (other work on the machine). */
  load: [number, number];
  studies: number;
  checklists: number;
  /** Checklists assigned to the reviewer whose background sync is timed. */
  assigned: number;
  docBytes: { v1: number; project: number; checklistMedian: number };
  perChecklist: { answers: number; notes: number; noteChars: number };
  joins: number;
  syncs: number;
  syncConcurrency: number;
  active: number;
  writes: number;
  revokes: number;
  paceMs: number;
}

/** One row of the table: a value per cut (undefined: not measured or not applicable). */
export interface Row {
  label: string;
  values: Record<CutName, number | undefined>;
  digits: number;
}

const MIB = 1024 * 1024;
const CUTS: readonly CutName[] = ['v1', 'a', 'b'];

const medianOf = (xs: readonly number[] | undefined) =>
  xs && xs.length > 0 ? median(xs) : undefined;

function row(
  label: string,
  runs: readonly CutRun[],
  value: (run: CutRun) => number | undefined,
  digits: number,
): Row {
  const values = { v1: undefined, a: undefined, b: undefined } as Row['values'];
  for (const run of runs) values[run.cut] = value(run);
  return { label, values, digits };
}

/** The rows of the table, in order. */
export function docCutRows(info: DocCutInfo, runs: readonly CutRun[]): Row[] {
  const join = (kind: 'cold' | 'warm', pick: (s: JoinSample) => number) => (run: CutRun) =>
    medianOf(run.joins?.[kind].map(pick));
  const sync =
    (kind: 'cold' | 'warm', pick: (s: BackgroundSyncSample) => number) => (run: CutRun) =>
      medianOf(run.syncs[kind].map(pick));
  const rss = (pick: (m: CutRun['memory']) => number | undefined) => (run: CutRun) => {
    const v = pick(run.memory);
    return v === undefined ? undefined : v / MIB;
  };
  const over = (pick: (m: CutRun['memory']) => number | undefined) => (run: CutRun) => {
    const v = pick(run.memory);
    return v === undefined || run.memory.idle === undefined
      ? undefined
      : (v - run.memory.idle) / MIB;
  };
  const latency = (writers: number, p: 'p50' | 'p95') => (run: CutRun) => {
    const l = run.latency.find((x) => x.writers === writers);
    return l && l.samples.length > 0 ? summarize(l.samples)[p] : undefined;
  };
  const writerCounts = [...new Set(runs.flatMap((r) => r.latency.map((l) => l.writers)))].sort(
    (x, y) => x - y,
  );
  const n = info.assigned;
  return [
    row(
      'Join, cold: median (ms)',
      runs,
      join('cold', (s) => s.ms),
      0,
    ),
    row('Join, cold: slowest (ms)', runs, (r) => maxOf(r.joins?.cold.map((s) => s.ms)), 0),
    row(
      'Join, warm: median (ms)',
      runs,
      join('warm', (s) => s.ms),
      1,
    ),
    row(
      'Bytes a joiner receives (kB)',
      runs,
      join('cold', (s) => s.bytes / 1000),
      1,
    ),
    row(
      'Objects started by a cold join',
      runs,
      join('cold', (s) => s.coldStarts),
      0,
    ),
    row(
      `Background sync of ${n} checklists, cold (s)`,
      runs,
      sync('cold', (s) => s.ms / 1000),
      2,
    ),
    row(
      `Background sync of ${n} checklists, warm (s)`,
      runs,
      sync('warm', (s) => s.ms / 1000),
      2,
    ),
    row(
      'Objects started by a cold background sync',
      runs,
      sync('cold', (s) => s.coldStarts),
      0,
    ),
    row(
      'Bytes of a background sync (kB)',
      runs,
      sync('cold', (s) => s.bytes / 1000),
      0,
    ),
    row(
      'workerd RSS, idle after restart (MiB)',
      runs,
      rss((m) => m.idle),
      0,
    ),
    row(
      'RSS over idle, 1 member active (MiB)',
      runs,
      over((m) => m.one),
      1,
    ),
    row(
      `RSS over idle, ${info.active} members active (MiB)`,
      runs,
      over((m) => m.active),
      1,
    ),
    row(
      'RSS over idle, after a cold background sync (MiB)',
      runs,
      over((m) => m.afterSync),
      1,
    ),
    row(
      'Revoke: until the member’s sockets are closed (ms)',
      runs,
      (r) => medianOf(r.revokes.map((s) => s.ms)),
      0,
    ),
    row(
      'Objects started by a revoke',
      runs,
      (r) => medianOf(r.revokes.map((s) => s.coldStarts)),
      0,
    ),
    ...writerCounts.flatMap((w) => [
      row(`Update round trip p50, ${w} writers (ms)`, runs, latency(w, 'p50'), 1),
      row(`Update round trip p95, ${w} writers (ms)`, runs, latency(w, 'p95'), 1),
    ]),
  ];
}

function maxOf(xs: readonly number[] | undefined) {
  return xs && xs.length > 0 ? Math.max(...xs) : undefined;
}

function cell(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
}

function ratioCell(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined) return '—';
  const r = ratio(a, b);
  if (!Number.isFinite(r)) return '—';
  // Two significant digits below 0.1, so 1 object against 201 does not read as 0.00×.
  return `${r > 0 && r < 0.1 ? r.toPrecision(2) : r.toFixed(2)}×`;
}

/** The figures table: one column per cut, then A/B and each v2 cut over v1. */
export function renderTable(rows: readonly Row[]): string {
  return table(
    [
      'Figure',
      'v1 (one document)',
      'A (object per project)',
      'B (object per document)',
      'A/B',
      'A/v1',
      'B/v1',
    ],
    rows.map((r) => [
      r.label,
      ...CUTS.map((c) => cell(r.values[c], r.digits)),
      ratioCell(r.values.a, r.values.b),
      ratioCell(r.values.a, r.values.v1),
      ratioCell(r.values.b, r.values.v1),
    ]),
  );
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The whole section for docs/benchmarks.md (without its markers). */
export function renderDocCutSection(info: DocCutInfo, runs: readonly CutRun[]): string {
  const errors = runs.flatMap((r) => r.errors.map((e) => `- ${r.cut}: ${e}`));
  const lost = runs.flatMap((r) =>
    r.latency
      .filter((l) => l.lost > 0)
      .map((l) => `- ${r.cut}, ${l.writers} writers: ${l.lost} writes not seen within 10 s`),
  );
  const per = info.perChecklist;
  return [
    '## Durable Object cut for the document split (v2)',
    '',
    `Measured ${info.date} on ${info.cores} cores (${info.cpuModel}), ${info.memoryGiB.toFixed(1)} GiB, Node ${info.node}; ${info.durationS.toFixed(0)} s; 1-minute load average ${info.load[0].toFixed(2)} at the start, ${info.load[1].toFixed(2)} at the end${Math.max(...info.load) > info.cores ? ' (above the core count: other work queued for the CPU)' : ''}. \`npm run bench -- doc-cut\` (packages/workers/bench/doc-cut.ts).`,
    '',
    `The project: ${info.studies} studies × 3 checklists (two reviewers' and the reconciled one, RoB 2 and ROBINS-I alternately), ${info.checklists} checklists of ${per.answers.toFixed(0)} answers and ${per.notes.toFixed(1)} notes of ${per.noteChars.toFixed(0)} characters on average, plus support texts, a judgement and a history event. v1 holds it all in one document of ${kb(info.docBytes.v1)}; v2 splits it into a project document of ${kb(info.docBytes.project)} (studies, outcome, every checklist's header) and one document per checklist (median ${kb(info.docBytes.checklistMedian)}).`,
    '',
    "Each cut runs in its own local workerd (Miniflare), on one Durable Object class that hosts documents in rooms of the real relay code (ProjectRoom on SqlRoomStorage, sockets tagged with their document): **v1** one object per project holding the one document; **A** one object per project holding the project document and every checklist document; **B** one object per document, where the Worker asks the project document's object (an RPC) whether the user may open a checklist before forwarding the socket. Documents are seeded, compacted, and the server restarted before measuring.",
    '',
    `- Join: a reviewer opens the project document and one checklist document at once (v1: the one document), until both are synced. Cold: the objects were reset first (B: both; A, v1: the project's). Warm: another member holds the same documents open. Median of ${info.joins} each, a different checklist each time.`,
    `- Background sync: with the project document open, the reviewer syncs each of their ${info.assigned} assigned checklist documents, ${info.syncConcurrency} sockets at a time, each closed once synced. Cold: after a server restart; warm: straight after. Median of ${info.syncs}. "Objects started" counts constructors run in the isolate, the project document's join included.`,
    `- Memory: workerd RSS after a restart, then with 1 and with ${info.active} members each holding the project document and a different checklist open, and after the first cold background sync (under A a checklist room leaves memory when its last socket closes; under B the idle objects wait for the runtime to evict them).`,
    `- Revoke: reviewer r1 holds a join open and loses access; the server closes their sockets in every document they may have open (A, v1: one call to the project's object; B: the project document's object names their ${info.assigned} checklists and each of those objects is called, since none knows where the sockets are). After a restart, median of ${info.revokes}.`,
    `- Update round trip: each writer edits an answer of their own checklist every ${info.paceMs} ms (all writers at once, ${info.writes} measured writes each), timed until a second client of that checklist (the writer's other device) sees it.`,
    '',
    renderTable(docCutRows(info, runs)),
    ...(lost.length > 0 ? ['', 'Lost writes:', ...lost] : []),
    ...(errors.length > 0 ? ['', 'Failed scenarios (their figures are missing):', ...errors] : []),
    '',
    "Local workerd runs every object of a class in one isolate on one thread, so cut B's objects do not run in parallel here as they may on Cloudflare, and its cold starts cost less here than there (no placement, no isolate per machine); cut A's project object keeps one SQLite table set per document (SqlRoomStorage unchanged, names prefixed).",
  ].join('\n');
}
