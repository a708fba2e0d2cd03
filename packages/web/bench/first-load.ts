/**
 * `pnpm bench` group "first-load" (issue 18; alone: `pnpm bench first-load`): the scripts and
 * styles the sign-in page and the project list need, from the built files (gzipped, followed
 * through Vite's build manifest), and both pages loaded cold in Chromium on a throttled profile
 * (transfer, time to interactive), from the app as `npm start` serves it (scripts/start.sh on a
 * free port, throwaway state). Prints the section and rewrites it in docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from '../e2e/support/app-server.ts';
import { launchBrowser } from '../e2e/support/browser.ts';
import {
  FAST_3G_SLOW_CPU,
  type LoadTarget,
  type PageLoad,
  measureLoad,
} from './first-load/browser-load.ts';
import { measureBuiltFiles } from './first-load/built-files.ts';
import { readFirstLoadConfig } from './first-load/config.ts';
import { FIRST_LOAD_SECTION_ID, renderFirstLoadSection } from './first-load/report.ts';
import { log, publishSection, startRun } from './run-record.ts';

const webDir = fileURLToPath(new URL('..', import.meta.url));

/** The two pages the goal is about, as the route table (src/App.tsx) names their modules. */
const PAGES = ['src/auth/SignInPage.tsx', 'src/projects/ProjectsPage.tsx'];
/** The demo account `npm start` seeds, with the credentials the README prints. */
const DEMO = { email: 'demo@corates.dev', password: 'corates-demo' };

const describeLoad = (l: PageLoad) =>
  `interactive ${(l.interactiveAt / 1000).toFixed(2)} s, ${(l.transfer.total / 1000).toFixed(1)} kB in ${l.transfer.requests} requests`;

async function main() {
  const config = readFirstLoadConfig(process.env);
  const run = startRun();
  // Built here rather than left to scripts/start.sh (which rebuilds only when sources are newer),
  // so the files measured are this tree's and the ones the server then serves.
  log('building the web app (vite build)');
  execFileSync(process.execPath, [path.join(webDir, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: webDir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const built = measureBuiltFiles(path.join(webDir, 'dist'), PAGES);

  log('starting the app as npm start does (scripts/start.sh, free port, throwaway state)');
  const app = await startApp();
  const browser = await launchBrowser();
  const signIn: PageLoad[] = [];
  const projectList: PageLoad[] = [];
  try {
    const targets: [LoadTarget, PageLoad[]][] = [
      [{ url: `${app.url}/sign-in`, readySelector: 'form input[name="password"]' }, signIn],
      [
        { url: `${app.url}/`, readySelector: '[data-testid="project-item"]', account: DEMO },
        projectList,
      ],
    ];
    for (let i = 1; i <= config.runs; i++) {
      for (const [target, loads] of targets) {
        const loaded = await measureLoad(browser, target, FAST_3G_SLOW_CPU);
        log(`${new URL(target.url).pathname} ${i}/${config.runs}: ${describeLoad(loaded)}`);
        loads.push(loaded);
      }
    }
  } finally {
    await browser.close();
    await app.stop();
    log('app stopped');
  }

  const info = run.finish(
    'the app as `npm start` serves it (`scripts/start.sh`: wrangler dev, local workerd, on 127.0.0.1 with throwaway state)',
  );
  const section = renderFirstLoadSection(info, {
    ...built,
    profile: FAST_3G_SLOW_CPU.name,
    signIn,
    projectList,
  });
  publishSection(config.out, FIRST_LOAD_SECTION_ID, section);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
