// Issue 5, telemetry: clients' sync reports and their X-Client-Version reach an admin-only page
// with a chart; the admin role comes from the maintainer command, not from the app.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiJson, sessionCookie } from './support/api.ts';
import { baseUrl, createAccount, launchBrowser, signIn, uniqueEmail } from './support/browser.ts';
import { maintainer } from './support/maintainer.ts';
import { queryLocalD1 } from './support/worker-process.ts';
import webPackage from '../package.json' with { type: 'json' };

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('an admin granted by the maintainer command sees versions, backlog and failure rate', async () => {
  const email = uniqueEmail('ops');
  const password = 'operations-password';
  const cookie = await sessionCookie('Ops Person', email, password);
  const clientId = crypto.randomUUID();
  const report = (over: object) => ({
    id: crypto.randomUUID(),
    clientId,
    clientVersion: '0.1.0',
    at: new Date().toISOString(),
    queuedOps: 0,
    syncAttempts: 0,
    syncFailures: 0,
    ...over,
  });
  await apiJson('POST', '/api/telemetry/reports', cookie, {
    reports: [
      report({ at: new Date(Date.now() - 60_000).toISOString(), syncAttempts: 8, syncFailures: 2 }),
      report({ queuedOps: 17, replayMs: 900 }),
    ],
  });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.getByTestId('user-menu').waitFor();

  // A member: no link, and the page says why it is closed.
  assert.equal(await page.getByTestId('admin-link').count(), 0);
  await page.goto(`${baseUrl()}/admin`);
  await page.getByText('Only platform admins can see this page').waitFor();

  assert.match(maintainer('grant-admin', '--email', email), /is now a platform admin/);
  await page.reload();
  await page.getByRole('heading', { name: 'Operations' }).waitFor();
  // The header now offers the page too.
  await page.getByTestId('admin-link').waitFor();

  // The browser's own requests carried X-Client-Version, so its version is in the census.
  const versions = page.getByTestId('versions-table');
  await versions.getByRole('rowheader', { name: webPackage.version, exact: true }).waitFor();
  const backlogRow = page
    .getByTestId('backlog-table')
    .getByRole('row', { name: new RegExp(email) });
  assert.match(await backlogRow.innerText(), /17/);
  assert.notEqual(await page.getByTestId('failure-rate').innerText(), '—');
  assert.match(await page.getByTestId('replay-times').innerText(), /900 ms/);
  assert.ok(
    (await page
      .getByRole('img', { name: 'Requests per client version' })
      .locator('rect')
      .count()) >= 1,
  );
  await context.close();

  assert.match(maintainer('revoke-admin', '--email', email), /is now a platform member/);
  const denied = await fetch(`${baseUrl()}/api/admin/telemetry`, { headers: { Cookie: cookie } });
  assert.equal(denied.status, 403);
});

test('granting admin to an email without an account fails clearly and changes nothing', () => {
  assert.throws(
    () => maintainer('grant-admin', '--email', uniqueEmail('nobody')),
    /no account with the email/,
  );
});

test('the browser reports its own sync: a drained offline backlog arrives with its replay time', async () => {
  const email = uniqueEmail('reporter');
  const password = 'reporter-password-1';
  await createAccount('Reporting Reviewer', email, password);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

  await context.setOffline(true);
  for (const name of ['Telemetry one', 'Telemetry two']) {
    await page.getByLabel('Project name').fill(name);
    await page.getByTestId('create-project').click();
    await page.getByTestId('project-item').filter({ hasText: name }).waitFor();
  }
  await context.setOffline(false);
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

  // Read the real database: the report this browser sent after the drain.
  const persistDir = process.env.E2E_PERSIST_DIR!;
  const sql = `SELECT r.client_version AS version, r.sync_attempts AS attempts, r.replay_ms AS replayMs FROM telemetry_reports r JOIN user u ON u.id = r.user_id WHERE u.email = '${email}'`;
  let rows: { version: string; attempts: number; replayMs: number | null }[] = [];
  for (let i = 0; i < 60 && !rows.some((r) => r.replayMs !== null); i++) {
    rows = await queryLocalD1(persistDir, sql);
    if (!rows.some((r) => r.replayMs !== null)) await new Promise((r) => setTimeout(r, 500));
  }
  const drained = rows.find((r) => r.replayMs !== null);
  assert.ok(drained, `no report with a replay time for ${email}: ${JSON.stringify(rows)}`);
  assert.equal(drained.version, webPackage.version);
  assert.ok(drained.attempts >= 1);
  await context.close();
});
