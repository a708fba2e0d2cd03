/**
 * `pnpm bench` group "doc-open" (issue 15; alone: `pnpm bench doc-open`): a 200-study project
 * opened cold in Chromium at one of its checklists — the project document and that checklist —
 * in document model v1 (the app at the last v1 commit, from a temporary worktree) and v2 (this
 * tree), same run, both as `npm start` serves them. Time until the checklist is shown and
 * interactive, and the bytes received, unthrottled and on a slow profile. Prints the section and
 * rewrites it in docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProjectFixture } from '@corates/bench-kit/project-fixture';
import { type RunningApp, startApp } from '../e2e/support/app-server.ts';
import { launchBrowser } from '../e2e/support/browser.ts';
import {
  FAST_3G_SLOW_CPU,
  type PageLoad,
  type ThrottleProfile,
  measureLoad,
} from './first-load/browser-load.ts';
import { readDocOpenConfig } from './doc-open/config.ts';
import { DOC_OPEN_SECTION_ID, type ProfileLoads, renderDocOpenSection } from './doc-open/report.ts';
import { seedProject } from './doc-open/seed.ts';
import { log, publishSection, startRun } from './run-record.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** The demo account `npm start` seeds in both builds, with the credentials the README prints. */
const DEMO = { email: 'demo@corates.dev', password: 'corates-demo' };
const UNTHROTTLED: ThrottleProfile = {
  name: 'Unthrottled (local network, full CPU)',
  latencyMs: 0,
  downloadBytesPerS: -1,
  uploadBytesPerS: -1,
  cpuSlowdown: 1,
};
/** An answered option of the checklist: its answers came from the document. */
const ANSWER_SHOWN = '[data-testid="checklist-item"] input[type="radio"]:checked';

async function signInCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: url },
    body: JSON.stringify(DEMO),
  });
  if (!res.ok) throw new Error(`demo sign-in at ${url} failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** A worktree of `rev` with its dependencies installed, removed by `remove`. */
function checkoutV1(rev: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'corates-doc-open-v1-'));
  const tree = path.join(dir, 'repo');
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  git('worktree', 'add', '--detach', tree, rev);
  log(`installing the v1 build's dependencies in ${tree}`);
  execFileSync('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], {
    cwd: tree,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    tree,
    remove() {
      git('worktree', 'remove', '--force', tree);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const config = readDocOpenConfig(process.env);
  const run = startRun();
  const projectId = randomUUID();
  const fixture = buildProjectFixture({ studies: config.studies, projectId });
  const opened = fixture.checklists.find((c) => c.reviewerId === null)!;
  log(
    `fixture: ${config.studies} studies, v1 document ${(fixture.v1.length / 1000).toFixed(0)} kB`,
  );

  const v1Tree = checkoutV1(config.v1Rev);
  const apps: { v1?: RunningApp; v2?: RunningApp } = {};
  const browser = await launchBrowser();
  const profiles: ProfileLoads[] = [UNTHROTTLED, FAST_3G_SLOW_CPU].map((p) => ({
    profile: p.name,
    v1: [],
    v2: [],
  }));
  try {
    log(`starting the v1 build (${config.v1Rev}) and this tree's, as npm start does`);
    apps.v1 = await startApp({ root: v1Tree.tree });
    apps.v2 = await startApp();
    for (const layout of ['v1', 'v2'] as const) {
      const url = apps[layout]!.url;
      await seedProject(
        { url, cookie: await signInCookie(url) },
        projectId,
        fixture,
        layout,
        opened,
      );
      log(`${layout}: project seeded at ${url}`);
    }
    for (let i = 1; i <= config.runs; i++) {
      for (const [index, profile] of [UNTHROTTLED, FAST_3G_SLOW_CPU].entries()) {
        for (const layout of ['v1', 'v2'] as const) {
          const url = `${apps[layout]!.url}/projects/${projectId}/checklists/${encodeURIComponent(opened.id)}`;
          const load: PageLoad = await measureLoad(
            browser,
            { url, readySelector: ANSWER_SHOWN, account: DEMO },
            profile,
          );
          log(
            `${layout} ${profile.name.split(' (')[0]} ${i}/${config.runs}: shown ${(load.readyAt / 1000).toFixed(2)} s, ${(load.transfer.websocket / 1000).toFixed(0)} kB over sockets`,
          );
          profiles[index]![layout].push(load);
        }
      }
    }
  } finally {
    await browser.close();
    await apps.v1?.stop();
    await apps.v2?.stop();
    v1Tree.remove();
    log('apps stopped, v1 worktree removed');
  }

  const info = run.finish(
    'both apps as `npm start` serves them (`scripts/start.sh`: wrangler dev, local workerd, on 127.0.0.1 with throwaway state)',
  );
  const section = renderDocOpenSection(info, {
    studies: config.studies,
    v1Rev: config.v1Rev,
    sizes: {
      v1: fixture.v1.length,
      v2Project: fixture.project.length,
      v2Checklist: opened.update.length,
    },
    profiles,
  });
  publishSection(config.out, DOC_OPEN_SECTION_ID, section);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
