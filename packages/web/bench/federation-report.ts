import { table } from '@corates/bench-kit/markdown';
import { ratio } from '@corates/bench-kit/stats';
import { count, describeRun, fixed, times } from './format.ts';
import type { RunInfo } from './run-record.ts';

export const FEDERATION_SECTION_ID = 'federation';

/** Issue 17's goals for a share of 10,000 records. */
export const FEDERATION_GOALS = {
  /** Catch-up from zero, records per second at least. */
  recordsPerSecond: 2_000,
  /** After 100 changes: requests at most, and bytes at least this many times fewer than naive. */
  requestsAfterChanges: 2,
  bytesRatioAfterChanges: 50,
} as const;

/** One catch-up, by the subscriber (B pulling through the counting proxy) or the naive peer. */
export interface Transfer {
  /** Records it left the peer holding (for the naive peer: records in the document it read). */
  records: number;
  ms: number;
  requests: number;
  /** Bytes on the wire both ways (request and answer bodies). */
  bytes: number;
}

export interface FederationBenchResults {
  /** Records the share covers at the start (studies and checklist headers). */
  records: number;
  /** Changes made at A between the two catch-ups. */
  changes: number;
  fromZero: { federation: Transfer; naive: Transfer };
  afterChanges: { federation: Transfer; naive: Transfer };
  errors: string[];
}

const perSecond = (t: Transfer) => (t.ms > 0 ? (t.records * 1000) / t.ms : NaN);

export function federationGoals(r: FederationBenchResults) {
  const rate = perSecond(r.fromZero.federation);
  const requests = r.afterChanges.federation.requests;
  const bytesRatio = ratio(r.afterChanges.naive.bytes, r.afterChanges.federation.bytes);
  const clean = r.errors.length === 0;
  return {
    rate,
    requests,
    bytesRatio,
    rateMet: clean && rate >= FEDERATION_GOALS.recordsPerSecond,
    requestsMet: clean && requests <= FEDERATION_GOALS.requestsAfterChanges,
    bytesMet: clean && bytesRatio >= FEDERATION_GOALS.bytesRatioAfterChanges,
  };
}

const kib = (bytes: number) => fixed(bytes / 1024, 1);
const met = (ok: boolean) => (ok ? '**met**' : '**not met**');

export function renderFederationSection(info: RunInfo, r: FederationBenchResults): string {
  const g = federationGoals(r);
  const row = (label: string, fed: Transfer, naive: Transfer) => [
    [
      `${label}: records/s`,
      fixed(perSecond(fed), 0),
      fixed(perSecond(naive), 0),
      times(ratio(perSecond(fed), perSecond(naive))),
    ],
    [`${label}: time (s)`, fixed(fed.ms / 1000, 2), fixed(naive.ms / 1000, 2), ''],
    [`${label}: requests`, count(fed.requests), count(naive.requests), ''],
    [
      `${label}: KiB on the wire`,
      kib(fed.bytes),
      kib(naive.bytes),
      `${times(ratio(naive.bytes, fed.bytes))} fewer`,
    ],
  ];
  return [
    '## Federation: a share caught up from zero and after changes',
    '',
    'Written by `pnpm bench` (`packages/web/bench/federation.ts`); `pnpm bench federation` runs only this group. Rerunning it rewrites only this section.',
    '',
    `${describeRun(info)} Servers: ${info.server}.`,
    '',
    `- **data**: A's owner shares a project of ${count(r.records)} records (studies, and an in-progress AMSTAR 2 checklist header for every other study), written to its document through the relay's HTTP fallback, untimed; A's ProjectDoc has exported it to D1 before each catch-up starts.`,
    `- **federation**: from zero, B's admin subscribes (the redeem and B's first read of the share) and B pulls by itself — its subscription's Durable Object, pages of 200 signed \`GET …/changes\` into B's D1 — timed from the subscribe request until B's cursor is A's last seq. After the changes, B was down while they were made (so its idle polls do not count) and is timed from its restart answering until its cursor is A's last seq again. Requests and bytes (both ways) are counted by a proxy between B and A that passes everything through; B's records are checked against A's afterwards, untimed.`,
    `- **naive peer**: re-downloads the project's full export each time: the project document, all of it (\`POST /api/reconcile/doc/<projectId>\` from an empty state vector, what a new client of the relay gets; the CSV export holds only finalized appraisals, so it would undercount a share of studies and headers).`,
    `- **after changes**: ${count(r.changes)} changes at A (retitled studies, checklists moved between in-progress and reviewer-completed, studies deleted and added), then each side catches up once more.`,
    '',
    table(
      ['figure', 'federation (B)', 'naive peer', 'federation vs naive'],
      [
        ...row(
          `From zero (${count(r.fromZero.federation.records)} records)`,
          r.fromZero.federation,
          r.fromZero.naive,
        ),
        ...row(
          `After ${count(r.changes)} changes`,
          r.afterChanges.federation,
          r.afterChanges.naive,
        ),
      ],
    ),
    '',
    `Goals (issue 17): catch-up from zero ≥ ${count(FEDERATION_GOALS.recordsPerSecond)} records/s — ${met(g.rateMet)} (${fixed(g.rate, 0)}); after ${count(r.changes)} changes ≤ ${FEDERATION_GOALS.requestsAfterChanges} requests — ${met(g.requestsMet)} (${count(g.requests)}); and ≥ ${FEDERATION_GOALS.bytesRatioAfterChanges}× fewer bytes than the naive peer — ${met(g.bytesMet)} (${times(g.bytesRatio)}).`,
    ...(r.errors.length > 0 ? ['', '**Errors:**', '', ...r.errors.map((e) => `- ${e}`)] : []),
  ].join('\n');
}
