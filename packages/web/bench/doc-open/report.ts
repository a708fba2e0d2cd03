import { table } from '@corates/bench-kit/markdown';
import { median, ratio } from '@corates/bench-kit/stats';
import { count, describeRun, fixed, times } from '../format.ts';
import type { RunInfo } from '../run-record.ts';
import type { PageLoad } from '../first-load/browser-load.ts';

export const DOC_OPEN_SECTION_ID = 'doc-open';

/** The cold opens of one build under one throttling profile. */
export interface ProfileLoads {
  profile: string;
  v1: PageLoad[];
  v2: PageLoad[];
}

export interface DocOpenResults {
  studies: number;
  v1Rev: string;
  /** Encoded sizes of the fixture's documents (one update each). */
  sizes: { v1: number; v2Project: number; v2Checklist: number };
  profiles: ProfileLoads[];
}

const kB = (bytes: number) => fixed(bytes / 1000, 1);
const seconds = (ms: number) => fixed(ms / 1000, 2);

function profileRows(p: ProfileLoads): string[][] {
  const row = (label: string, pick: (l: PageLoad) => number, format: (n: number) => string) => {
    const v1 = median(p.v1.map(pick));
    const v2 = median(p.v2.map(pick));
    return [label, format(v1), format(v2), times(ratio(v2, v1))];
  };
  return [
    row('Checklist shown with its answers (s)', (l) => l.readyAt, seconds),
    row('Time to interactive (s)', (l) => l.interactiveAt, seconds),
    row(
      'Document bytes received over the sockets until then (kB)',
      (l) => l.transfer.websocket,
      kB,
    ),
    row('All bytes until then (kB)', (l) => l.transfer.total, kB),
    row('Requests until then', (l) => l.transfer.requests, count),
  ];
}

export function renderDocOpenSection(info: RunInfo, r: DocOpenResults): string {
  const perChecklist = r.sizes.v2Project + r.sizes.v2Checklist;
  return [
    `## Opening a ${count(r.studies)}-study project: document model v1 vs v2`,
    '',
    'Written by `pnpm bench` (`packages/web/bench/doc-open.ts`; alone: `pnpm bench doc-open`); rerunning it rewrites only this section.',
    '',
    `${describeRun(info)} Server: ${info.server}.`,
    '',
    `The same finished project (${count(r.studies)} studies × two reviewer checklists and a reconciled one, each with 30 answers, 10 notes and support texts; \`@corates/bench-kit/project-fixture\`) in each build's layout: **v1** is the app at \`${r.v1Rev}\` (one project document with every answer and note: ${kB(r.sizes.v1)} kB encoded), **v2** this tree (a project document of headers, ${kB(r.sizes.v2Project)} kB, and one document per checklist, ${kB(r.sizes.v2Checklist)} kB for the one opened: ${kB(perChecklist)} kB together; the v2 server is given those two, all that the open reads). Both apps run side by side as \`npm start\` serves them (\`scripts/start.sh\`, throwaway state), the v1 one from a temporary worktree of that commit; the runs alternate between them.`,
    '',
    `Each open is cold — a new Chromium context (no cache, no IndexedDB, service workers blocked) signed in as the project's owner — straight to a reconciled checklist of the first study; "shown" is when an answered option is on the page. Bytes are the sockets' received frames (the documents' sync) plus HTTP on the wire; medians of ${count(r.profiles[0]?.v1.length ?? 0)} opens. Time to interactive as in the first-load section.`,
    '',
    ...r.profiles.flatMap((p) => [
      `### ${p.profile}`,
      '',
      table(['figure', 'v1', 'v2', 'v2 ÷ v1'], profileRows(p)),
      '',
    ]),
  ].join('\n');
}
