/**
 * `pnpm bench` group "pull" (issue 18; alone: `pnpm bench pull`): one account's rows pulled from
 * cursor 0 into an empty cache by the app's sync engine, page by page as the app does on a new
 * device, from the app as `npm start` serves it (scripts/start.sh on a free port, throwaway state).
 * Prints the section and rewrites it in docs/benchmarks.md. Settings: see config.ts.
 */
import { CLIENT_VERSION_HEADER } from '@corates/shared';
import { appVersion } from '../app-version.ts';
import { startApp } from '../e2e/support/app-server.ts';
import { PULL_PAGE_SIZE } from '../src/sync/offline/pull.ts';
import { pullPage } from '../src/sync/offline/transport.ts';
import { signUp, type Account } from './accounts.ts';
import { readPullConfig } from './config.ts';
import { pullWithEngine, seedOverSync } from './engine-peer.ts';
import { pullSeed } from './mutation-script.ts';
import { uploadPdfs } from './pdf-uploads.ts';
import {
  PULL_SECTION_ID,
  renderPullSection,
  type PageShape,
  type PullBenchResults,
} from './pull-report.ts';
import { log, publishSection, startRun } from './run-record.ts';

/** The feed's pages as the client sees them, walked once more without timing. */
async function walkPages(base: string, account: Account): Promise<PageShape[]> {
  const transport = {
    fetch,
    baseUrl: base,
    clientVersion: appVersion,
    headers: () => ({ cookie: account.cookie }),
  };
  const pages: PageShape[] = [];
  let since = '0';
  for (;;) {
    const page = await pullPage(transport, since, PULL_PAGE_SIZE);
    if (page.kind !== 'ok') throw new Error(`walking the feed: ${JSON.stringify(page)}`);
    const { changes, checkpoint, hasMore } = page.body;
    pages.push({
      changes: changes.length,
      upserts: changes.filter((c) => c.op === 'upsert').length,
    });
    if (!hasMore) return pages;
    since = checkpoint;
  }
}

/**
 * `rows` rows for one account, every table of the feed among them: the settings row, projects
 * with the owner's membership each (as `pullSeed` shapes them), and about one row in a hundred a
 * PDF's metadata, as many as make the total exact.
 */
async function seed(base: string, account: Account, rows: number): Promise<number> {
  const mutations = pullSeed(rows - Math.max(1, Math.floor(rows / 100)), () => crypto.randomUUID());
  const projectIds = mutations.flatMap((m) => (m.type === 'project.create' ? [m.payload.id] : []));
  const pdfs = rows - (1 + 2 * projectIds.length);
  log(
    `seeding ${rows} rows: ${projectIds.length} projects over /api/sync/ops, ${pdfs} PDF uploads`,
  );
  await seedOverSync(base, account, mutations, appVersion);
  await uploadPdfs(base, account, projectIds, pdfs, appVersion);
  return rows;
}

/**
 * `requests` of the cheapest signed-in call, `GET /api/me/settings` (session, version gate and
 * census, then one row), one after another: what that many requests cost the server before any
 * pull work, measured beside each pull so both see the same load.
 */
async function requestFloor(base: string, account: Account, requests: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const res = await fetch(`${base}/api/me/settings`, {
      headers: { [CLIENT_VERSION_HEADER]: appVersion, Cookie: account.cookie },
    });
    if (!res.ok) throw new Error(`GET /api/me/settings: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  return performance.now() - started;
}

async function measure(base: string, rows: number, repeats: number): Promise<PullBenchResults> {
  const account = await signUp(base, 'pull-owner');
  const owned = await seed(base, account, rows);

  const errors: string[] = [];
  const pulls = [];
  const floorMs = [];
  for (let i = 1; i <= repeats; i++) {
    const pull = await pullWithEngine(base, account, appVersion);
    floorMs.push(await requestFloor(base, account, pull.requests));
    log(
      `pull ${i}/${repeats}: ${(pull.totalMs / 1000).toFixed(2)} s (server ${(pull.waitingMs / 1000).toFixed(2)} s; ${pull.requests} settings reads ${(floorMs.at(-1)! / 1000).toFixed(2)} s), ${pull.rows} rows`,
    );
    if (pull.rows !== owned)
      errors.push(`pull ${i} left ${pull.rows} of ${owned} rows in the cache`);
    pulls.push(pull);
  }
  log('walking the feed once more to count its pages');
  const pages = await walkPages(base, account);
  return {
    rows: owned,
    pageSize: PULL_PAGE_SIZE,
    pulls,
    floorMs,
    pages,
    errors,
  };
}

async function main() {
  const config = readPullConfig(process.env);
  const run = startRun();
  log('starting the app as `npm start` does (scripts/start.sh, free port, throwaway state)');
  const app = await startApp();
  // Ctrl+C must not leave wrangler running: the app runs in a process group of its own.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.stop().then(() => process.exit(130)));
  }
  let results: PullBenchResults;
  try {
    results = await measure(app.url, config.rows, config.repeats);
  } finally {
    log('stopping the app');
    await app.stop();
    log('app stopped');
  }
  const server = `the app as \`npm start\` serves it (\`scripts/start.sh\`: \`wrangler dev\`, local workerd behind its dev proxy, state in a fresh directory under /tmp) on a free port`;
  publishSection(config.out, PULL_SECTION_ID, renderPullSection(run.finish(server), results));
}

main().then(
  // The engine's Dexie live queries may keep timers; the run is over.
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
