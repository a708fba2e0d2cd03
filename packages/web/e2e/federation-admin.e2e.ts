// The federation admin views in Chromium (issue 17): on A (the runner's app) an owner shares a
// project from its Settings, makes an invite (shown, copied) and — once B's admin has redeemed it
// on B's Federation page — sees B listed as a subscriber with its lag and last pull, and the
// picture of the share's DAG, downloaded as SVG. On B (a second server, started as the two-server
// test starts it) the admin subscribes with the pasted invite, pulls now and unsubscribes. The
// federation CLI is run against both servers' real local state on the way.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addStudy } from '@corates/shared/doc';
import { apiJson, sessionCookie } from './support/api.ts';
import { startApp, type RunningApp } from './support/app-server.ts';
import { baseUrl, launchBrowser, signIn } from './support/browser.ts';
import { signUp, signedInContext, type Person } from './support/collab.ts';
import { connectDoc, until } from './support/doc-client.ts';
import { maintainerAt } from './support/maintainer.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'corates-federation-admin-'));

let b: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

before(async () => {
  [b, browser] = await Promise.all([
    startApp({ env: { FEDERATION_ALLOW_LOCAL_PEERS: 'true' } }),
    launchBrowser(),
  ]);
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await b?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** `npm run federation -- …` as the README has it, on the local state in `persistDir`. */
function federationCli(
  persistDir: string | undefined,
  env: Record<string, string>,
  ...args: string[]
) {
  return execFileSync(
    'bash',
    ['scripts/federation.sh', ...args, ...(persistDir ? ['--persist-to', persistDir] : [])],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
}

function aState(): string {
  const dir = process.env.E2E_PERSIST_DIR;
  if (!dir) throw new Error('E2E_PERSIST_DIR is not set: run through e2e/run.ts');
  return dir;
}

/** A project of `owner` on A with one study, written through the relay as the app writes it. */
async function projectWithStudy(owner: Person, title: string): Promise<string> {
  const project = await apiJson<{ id: string }>('POST', '/api/projects', owner.cookie, {
    name: 'Shared with B',
  });
  const client = connectDoc(project.id, owner.cookie);
  await until(() => client.provider.synced, 'the project document to sync');
  addStudy(client.doc, { title, authors: 'Lee, J', year: 2024, journal: 'J', doi: '' }, owner.id);
  // Synced again after the write: the relay has it once our update is acknowledged.
  await until(() => client.provider.synced && client.doc.getMap('studies').size === 1, 'the study');
  await new Promise((r) => setTimeout(r, 500));
  client.close();
  return project.id;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`# page error: ${e.message}`));
  return page;
}

test('an owner shares from Settings and sees the subscriber and the DAG; B’s admin subscribes, pulls now and unsubscribes', async () => {
  const a = baseUrl();
  const owner = await signUp('Federation Owner');
  const studyTitle = 'Rosuvastatin in adults with raised CRP';
  const projectId = await projectWithStudy(owner, studyTitle);

  // --- A: the owner's Settings tab ---
  const ownerContext = await signedInContext(browser, owner);
  contexts.push(ownerContext);
  await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: a });
  const pageA = await newPage(ownerContext);
  await pageA.goto(`${a}/projects/${projectId}/settings`);
  const section = pageA.getByTestId('shares-section');
  await section.getByTestId('shares-empty').waitFor();
  await section.getByTestId('create-share').click();
  const share = section.getByTestId('share');
  await share.waitFor();
  assert.equal(await share.getByTestId('share-status').textContent(), 'Active');
  assert.equal(await share.getByRole('heading').textContent(), 'The whole project');
  const shareId = await share.getAttribute('data-share-id');
  assert.ok(shareId);

  // The invite: shown, with its expiry, and copied by the button.
  await share.getByTestId('create-invite').click();
  const token = share.getByTestId('invite-token');
  await token.waitFor();
  const invite = await token.inputValue();
  assert.match(invite, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
  assert.match(
    (await share.getByTestId('invite-expiry').textContent()) ?? '',
    /^Expires in 7[12] hours/,
  );
  await share.getByTestId('copy-invite').click();
  await share.getByText('Invite copied.').waitFor();
  assert.equal(await pageA.evaluate(() => navigator.clipboard.readText()), invite);

  // Opened before anyone subscribed: the empty state.
  await share.getByTestId('toggle-share-details').click();
  await share.getByTestId('subscribers-empty').waitFor();

  // --- B: the admin's Federation page ---
  const adminEmail = `admin-${Date.now()}@b.test`;
  const adminPassword = 'federation admin password';
  await sessionCookie('Admin B', adminEmail, adminPassword, b.url);
  assert.match(maintainerAt(b.persistDir, 'grant-admin', '--email', adminEmail), /platform admin/);
  const adminContext = await browser.newContext();
  contexts.push(adminContext);
  const pageB = await newPage(adminContext);
  await signIn(pageB, adminEmail, adminPassword, b.url);
  await pageB.goto(`${b.url}/admin`);
  await pageB.getByTestId('federation-link').click();
  await pageB.getByRole('heading', { level: 1, name: 'Federation' }).waitFor();
  await pageB.getByTestId('subscriptions-empty').waitFor();
  await pageB.getByTestId('subscribe-invite').fill(invite);
  await pageB.getByTestId('subscribe-submit').click();
  const subscription = pageB.getByTestId('subscription');
  await subscription.waitFor();
  assert.equal(await subscription.getByRole('heading').textContent(), a);
  const subscriptionId = await subscription.getAttribute('data-subscription-id');
  assert.ok(subscriptionId);
  // The share's mirror project on B (made at subscribe), linked from the subscription.
  const mirror = subscription.getByTestId('mirror-link');
  await mirror.waitFor();
  assert.match((await mirror.getAttribute('href')) ?? '', /^\/projects\/[^/]+$/);

  // The invite was single use: pasting it again is refused in words.
  await pageB.getByTestId('subscribe-invite').fill(invite);
  await pageB.getByTestId('subscribe-submit').click();
  await pageB.getByText('This invite was already used.', { exact: false }).waitFor();

  // Pull now: the last pull is set, the position moves past the study.
  await subscription.getByTestId('pull-now').click();
  const pullStatus = subscription.getByTestId('pull-status');
  // Said either way: the pull's outcome in the status line, or the request's failure as an alert.
  await pullStatus
    .filter({ hasText: /\S/ })
    .or(subscription.getByRole('alert'))
    .first()
    .waitFor({ timeout: 60_000 });
  assert.match((await pullStatus.textContent()) ?? '', /^Pulled: /, await subscription.innerText());
  // The pull settles once the list is fetched again; its outcome stays said after that (the item
  // is kept, not remade from the new list).
  await subscription.getByTestId('pull-now').filter({ hasText: 'Pull now' }).waitFor();
  await pageB.waitForTimeout(300);
  assert.match((await pullStatus.textContent()) ?? '', /^Pulled: /, await subscription.innerText());
  await subscription
    .getByTestId('subscription-last-pull')
    .filter({ hasNotText: 'Never' })
    .waitFor();
  assert.notEqual(await subscription.getByTestId('subscription-cursor').textContent(), 'change 0');
  // Pulled, so B knows A's last seq: a lag in changes, not the dash of a subscription never pulled.
  assert.match(
    (await subscription.getByTestId('subscription-lag').textContent()) ?? '',
    /^(Up to date|\d+ changes? behind)$/,
  );

  // --- the CLI on both servers' state ---
  const shown = federationCli(aState(), {}, 'share', shareId);
  assert.match(shown, new RegExp(`Share ${shareId} of project Shared with B`));
  assert.match(shown, new RegExp(b.url.replace(/[.:/]/g, '\\$&')));
  const listed = federationCli(b.persistDir, {}, 'subscriptions');
  assert.match(
    listed,
    new RegExp(
      `${subscriptionId}\\s+${a.replace(/[.:/]/g, '\\$&')}\\s+${shareId}\\s+active\\s+\\d+\\s+\\d+\\s`,
    ),
  );
  const pulledByCli = federationCli(
    undefined,
    { CORATES_ADMIN_EMAIL: adminEmail, CORATES_ADMIN_PASSWORD: adminPassword },
    'pull',
    subscriptionId,
    '--url',
    b.url,
  );
  assert.match(
    pulledByCli,
    new RegExp(
      `^Pulled ${subscriptionId}: \\d+ changes applied, cursor \\d+, lag \\d+, state active\\.`,
    ),
  );

  // --- A again: B is a subscriber, with its lag and last pull ---
  await pageA.reload();
  await section.getByTestId('share').getByTestId('toggle-share-details').click();
  const subscriber = share.getByTestId('subscriber');
  await subscriber.waitFor();
  assert.match(
    (await subscriber.getByRole('rowheader').textContent()) ?? '',
    new RegExp(b.url.replace(/[.:/]/g, '\\$&')),
  );
  assert.match(
    (await subscriber.getByTestId('subscriber-lag').textContent()) ?? '',
    /^(Up to date|\d+ changes? behind)$/,
  );
  assert.notEqual(await subscriber.getByTestId('subscriber-last-pull').textContent(), 'Never');

  // The DAG: the graph A keeps for the share holds the project and its study (written when the
  // project's document is exported, within seconds); the page draws it and offers it as SVG.
  for (const deadline = Date.now() + 20_000; ;) {
    const g = await apiJson<{ nodes: { entity: string }[] }>(
      'GET',
      `/api/shares/${shareId}/graph`,
      owner.cookie,
    );
    if (g.nodes.some((n) => n.entity === 'study')) break;
    assert.ok(Date.now() < deadline, `the share's graph has the study: ${JSON.stringify(g)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  await share.getByTestId('toggle-graph').click();
  const picture = share.getByTestId('share-graph').locator('svg');
  await picture.waitFor();
  const nodes = picture.locator('g.share-graph-node');
  assert.ok((await nodes.count()) >= 2, 'the project and its study are drawn');
  assert.equal(await picture.locator('g.share-graph-node[data-entity="study"]').count(), 1);
  assert.ok((await picture.locator('path.share-graph-edge').count()) >= 1, 'an edge is drawn');
  assert.match((await picture.textContent()) ?? '', /Rosuvastatin in adults/);
  const downloading = pageA.waitForEvent('download');
  await share.getByTestId('download-graph').click();
  const download = await downloading;
  assert.equal(download.suggestedFilename(), `share-${shareId}.svg`);
  const file = path.join(scratch, 'graph.svg');
  await download.saveAs(file);
  const svg = readFileSync(file, 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal(svg.match(/class="share-graph-node"/g)?.length, await nodes.count());

  // The CLI draws the same graph.
  const cliSvg = path.join(scratch, 'cli.svg');
  assert.match(
    federationCli(aState(), {}, 'graph', shareId, '--svg', cliSvg),
    /^Wrote .*: \d+ records, \d+ edges\./,
  );
  assert.equal(
    readFileSync(cliSvg, 'utf8').match(/class="share-graph-node"/g)?.length,
    await nodes.count(),
  );

  // --- B: unsubscribe, confirmed ---
  await subscription.getByTestId('unsubscribe').click();
  const dialog = pageB.getByRole('dialog', { name: 'Unsubscribe from this share?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Unsubscribe' }).click();
  await pageB.getByTestId('subscriptions-empty').waitFor();
  await pageB
    .getByTestId('unsubscribe-status')
    .filter({ hasText: /^Unsubscribed/ })
    .waitFor();
  assert.match(federationCli(b.persistDir, {}, 'subscriptions'), /^No subscriptions\./);
});
