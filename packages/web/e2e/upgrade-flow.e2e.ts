// Issue 5 in a real browser with the real service worker: an old build open in two tabs queues
// changes offline; the maintainer raises minSupportedClient after the new build is deployed; back
// online both tabs show the upgrade flow, reload into the new build, and the new build replays the
// old build's queue — the server ends with every offline change. And: an offline reload opens the
// app from the precache.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import webPackage from '../package.json' with { type: 'json' };
import { apiJson, sessionCookie } from './support/api.ts';
import { launchBrowser, signIn, uniqueEmail } from './support/browser.ts';
import { freePort } from '@corates/bench-kit/free-port';
import {
  appVersion,
  buildWeb,
  controlledBy,
  removeConfigs,
  wranglerConfig,
} from './support/deployments.ts';
import { maintainerAt } from './support/maintainer.ts';
import { type WorkerProcess, workerProcess } from './support/worker-process.ts';

const OLD_VERSION = '0.1.9';
const NEW_VERSION = webPackage.version;

const scratch = mkdtempSync(path.join(tmpdir(), 'corates-upgrade-'));
const persistDir = path.join(scratch, 'state');
let browser: Browser;
let server: WorkerProcess | undefined;

const maintainer = (...args: string[]) => maintainerAt(persistDir, ...args);

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await server?.kill();
  await browser?.close();
  removeConfigs();
  rmSync(scratch, { recursive: true, force: true });
});

test('an old build in two tabs upgrades through the service worker without losing queued work', async () => {
  const oldDir = path.join(scratch, 'web-old');
  const newDir = path.join(scratch, 'web-new');
  buildWeb(OLD_VERSION, oldDir);
  buildWeb(NEW_VERSION, newDir);
  const port = await freePort();

  server = await workerProcess(port, persistDir, wranglerConfig('old', oldDir));
  await server.start();
  const url = server.url;
  maintainer('set', '--min-client', '0.1.0');

  const email = uniqueEmail('upgrade');
  const password = 'upgrade-password-1';
  const cookie = await sessionCookie('Upgrading Reviewer', email, password, url);

  const context: BrowserContext = await browser.newContext();
  const tab1 = await context.newPage();
  await signIn(tab1, email, password, url);
  await controlledBy(tab1);
  const tab2 = await context.newPage();
  await tab2.goto(`${url}/`);
  await controlledBy(tab2);
  for (const tab of [tab1, tab2]) assert.equal(await appVersion(tab), OLD_VERSION);
  await tab1.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

  // Offline in the old build: a new project, renamed, and a setting.
  await context.setOffline(true);
  await tab1.getByLabel('Project name').fill('Queued before the upgrade');
  await tab1.getByTestId('create-project').click();
  const item = tab1.getByTestId('project-item').filter({ hasText: 'Queued before the upgrade' });
  await item.getByRole('button', { name: 'Rename Queued before the upgrade' }).click();
  await tab1.getByLabel('New name for “Queued before the upgrade”').fill('Survived the upgrade');
  await tab1.getByRole('button', { name: 'Save' }).click();
  await tab1.getByRole('link', { name: 'Settings' }).click();
  const staleAfter = tab1.getByTestId('setting-stale-after');
  await staleAfter.fill('11');
  await staleAfter.press('Tab');
  await tab1
    .getByTestId('sync-headline')
    .getByText(/2 project changes and 1 settings change waiting/i)
    .waitFor();

  // The new build is deployed (the Worker restarts serving it) and the old one is retired.
  await server.kill();
  server = await workerProcess(port, persistDir, wranglerConfig('new', newDir));
  await server.start();
  assert.match(maintainer('set', '--min-client', NEW_VERSION), /Updated the local database/);

  // Back online: the queue's next send answers 426; every tab is told and shows the flow.
  const shown = [tab1, tab2].map((tab) =>
    tab.getByTestId('update-required').waitFor({ timeout: 60_000 }),
  );
  await context.setOffline(false);
  await Promise.all(shown);
  // Then both reload into the new build, which says so.
  for (const tab of [tab1, tab2]) {
    await tab.waitForFunction(
      (v) => document.documentElement.dataset.appVersion === v,
      NEW_VERSION,
      { timeout: 90_000 },
    );
    await tab
      .getByTestId('upgraded-notice')
      .getByText(`from ${OLD_VERSION} to ${NEW_VERSION}`)
      .waitFor();
  }

  // The new build replays the old build's queue: the server has every offline change.
  await tab1.goto(`${url}/`);
  await tab1
    .getByTestId('sync-headline')
    .getByText('All changes saved on the server')
    .waitFor({ timeout: 60_000 });
  const { projects } = await apiJson<{ projects: { name: string }[] }>(
    'GET',
    '/api/projects',
    cookie,
    undefined,
    url,
  );
  assert.deepEqual(
    projects.map((p) => p.name),
    ['Survived the upgrade'],
  );
  const settings = await apiJson<{ staleAfterMinutes: number }>(
    'GET',
    '/api/me/settings',
    cookie,
    undefined,
    url,
  );
  assert.equal(settings.staleAfterMinutes, 11);
  await context.close();
});

test('with no network, a reload opens the app from the service worker precache', async () => {
  assert.ok(server, 'runs after the upgrade test, on its server');
  const url = server.url;
  const email = uniqueEmail('precache');
  const password = 'precache-password-1';
  await sessionCookie('Offline Reloader', email, password, url);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password, url);
  await controlledBy(page);
  await page.getByText(/no projects yet/i).waitFor();

  await context.setOffline(true);
  await page.reload();
  // The shell came from the precache and the signed-in user from the local copy.
  await page.getByTestId('user-menu').waitFor();
  await page.getByText(/no projects yet/i).waitFor();
  assert.equal(await appVersion(page), NEW_VERSION);
  await context.close();
});
