import { table } from '@corates/bench-kit/markdown';
import { median, ratio } from '@corates/bench-kit/stats';
import { count, describeRun, fixed, times } from '../format.ts';
import type { RunInfo } from '../run-record.ts';
import type { PageLoad, Transfer } from './browser-load.ts';

export const FIRST_LOAD_SECTION_ID = 'first-load';

/** Issue 18: the scripts and styles the sign-in page and the project list need, gzipped. */
export const GOAL_GZIP_BYTES = 150_000;

/** One built file: its size in dist/ and gzipped (zlib's default level, as Vite reports it). */
export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface FirstLoadResults {
  /** The scripts and styles the sign-in page and the project list need. */
  firstLoad: FileSize[];
  html: FileSize;
  /** Each lazily loaded module and the files it adds when first used. */
  whenUsed: { module: string; files: FileSize[] }[];
  /** What the service worker fetches after the first visit, so that every page opens offline. */
  precache: FileSize[];
  profile: string;
  signIn: PageLoad[];
  projectList: PageLoad[];
}

const sum = (files: readonly FileSize[], key: 'bytes' | 'gzip') =>
  files.reduce((total, f) => total + f[key], 0);
const kB = (bytes: number) => fixed(bytes / 1000, 1);
const seconds = (ms: number) => fixed(ms / 1000, 2);

/** Whether the first load is within the goal, and by what ratio. */
export function firstLoadGoal(r: FirstLoadResults) {
  const gzip = sum(r.firstLoad, 'gzip');
  return { gzip, ratio: ratio(gzip, GOAL_GZIP_BYTES), met: gzip <= GOAL_GZIP_BYTES };
}

/** A lazily loaded module by the name a reader knows it by. */
function moduleLabel(module: string): string {
  return module.replace(/^src\//, '').replace(/\.tsx?$/, '');
}

function browserRows(r: FirstLoadResults): string[][] {
  const of = (loads: PageLoad[], pick: (l: PageLoad) => number) => median(loads.map(pick));
  const row = (label: string, pick: (l: PageLoad) => number, format: (n: number) => string) => [
    label,
    format(of(r.signIn, pick)),
    format(of(r.projectList, pick)),
  ];
  const bytes = (pick: (t: Transfer) => number) => (l: PageLoad) => pick(l.transfer);
  return [
    row('First contentful paint (s)', (l) => l.firstContentfulPaint, seconds),
    row('Content shown: the form / the demo project listed (s)', (l) => l.readyAt, seconds),
    row('Time to interactive (s)', (l) => l.interactiveAt, seconds),
    row(
      'Transferred until interactive, all (kB)',
      bytes((t) => t.total),
      kB,
    ),
    row(
      '… scripts and styles (kB)',
      bytes((t) => t.scripts + t.styles),
      kB,
    ),
    row(
      '… HTML (kB)',
      bytes((t) => t.document),
      kB,
    ),
    row(
      '… API calls (kB)',
      bytes((t) => t.api),
      kB,
    ),
    row(
      'Requests until interactive',
      bytes((t) => t.requests),
      count,
    ),
  ];
}

export function renderFirstLoadSection(info: RunInfo, r: FirstLoadResults): string {
  const goal = firstLoadGoal(r);
  const met = goal.met ? '**met**' : '**not met**';
  const fileRows = r.firstLoad.map((f) => [`\`${f.file}\``, kB(f.bytes), kB(f.gzip)]);
  const wire = median(r.projectList.map((l) => l.transfer.scripts + l.transfer.styles));
  const whenUsedRows = r.whenUsed.map((m) => [
    moduleLabel(m.module),
    count(m.files.length),
    kB(sum(m.files, 'bytes')),
    kB(sum(m.files, 'gzip')),
  ]);
  return [
    '## First load: the sign-in page and the project list',
    '',
    'Written by `pnpm bench` (`packages/web/bench/first-load.ts`; alone: `pnpm bench first-load`); rerunning it rewrites only this section.',
    '',
    `${describeRun(info)} Server: ${info.server}.`,
    '',
    `Goal (issue 18): the scripts and styles needed to show the sign-in page and the project list ≤ ${kB(GOAL_GZIP_BYTES)} kB gzipped — ${met}: ${kB(goal.gzip)} kB, ${times(goal.ratio)} the goal.`,
    '',
    '### From the built files',
    '',
    "The app is built (`vite build`), then the files are followed through Vite's build manifest (`dist/.vite/manifest.json`): the entry and the chunks it imports statically, with their styles; the two pages are checked to be inside them through the source maps. Sizes in kB of 1,000 bytes; gzip at zlib's default level, as Vite reports it and as `npm start` serves the files.",
    '',
    table(
      ['file', 'bytes (kB)', 'gzip (kB)'],
      [
        ...fileRows,
        ['**scripts and styles, total**', kB(sum(r.firstLoad, 'bytes')), `**${kB(goal.gzip)}**`],
        [`\`${r.html.file}\` (not counted in the goal)`, kB(r.html.bytes), kB(r.html.gzip)],
      ],
    ),
    '',
    'Loaded when used (a page when first shown, pdf.js when a PDF is opened): what each adds to the first load, its shared chunks counted with each page that needs them.',
    '',
    table(['loaded lazily', 'files', 'bytes (kB)', 'gzip (kB)'], whenUsedRows),
    '',
    `The service worker precaches ${count(r.precache.length)} files after the first visit (${kB(sum(r.precache, 'bytes'))} kB, ${kB(sum(r.precache, 'gzip'))} kB gzipped; pdf.js's worker is most of it), in the background, so that every page opens offline.`,
    '',
    '### In Chromium, throttled',
    '',
    `Each page loaded cold (a new browser context: no cache, no IndexedDB, no service worker) in Debian's Chromium driven by playwright-core, ${r.signIn.length} times each, medians shown. Profile: ${r.profile}, emulated through the DevTools protocol (\`Network.emulateNetworkConditions\`, \`Emulation.setCPUThrottlingRate\`). The project list is loaded signed in as the demo account (\`demo@corates.dev\`, the demo project listed, from an empty cache); the sign-in page signed out. Service workers are blocked during the measurement (once one controls the page, its requests would bypass the page's throttling); the precache download comes after the first visit. Time to interactive is Lighthouse's definition counted from when the content is shown: the end of the last long task (> 50 ms) before the first 5 s with no long task and at most 2 requests in flight. Transfer is bytes on the wire (headers and gzipped bodies) of the requests made until then.`,
    '',
    table(['figure', 'sign-in page', 'project list'], browserRows(r)),
    '',
    `Scripts and styles on the wire for the project list ÷ their gzip size from the built files: ${times(ratio(wire, goal.gzip))} (headers and the server's own gzip settings make the difference).`,
  ].join('\n');
}
