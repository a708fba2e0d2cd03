// Issue 19, alerts: an admin sets a threshold on the Operations page, a check opens an alert from
// the telemetry, shows it as open, and resolves it into the past list once the figure recovers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiJson, sessionCookie } from './support/api.ts';
import { baseUrl, launchBrowser, signIn, uniqueEmail } from './support/browser.ts';
import { maintainer } from './support/maintainer.ts';

let browser: Browser;

/** Clicks and waits for the admin API call it makes to answer (the next step depends on it). */
async function clickAndAnswer(page: Page, button: Locator, path: string) {
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === path && r.ok()),
    button.click(),
  ]);
}
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('an admin sets a backlog threshold, sees the alert open, then resolved', async () => {
  const email = uniqueEmail('alerts');
  const password = 'alerts-password-1';
  const cookie = await sessionCookie('Alert Watcher', email, password);
  assert.match(maintainer('grant-admin', '--email', email), /is now a platform admin/);
  const clientId = crypto.randomUUID();
  const report = (queuedOps: number, agoMs: number) =>
    apiJson('POST', '/api/telemetry/reports', cookie, {
      reports: [
        {
          id: crypto.randomUUID(),
          clientId,
          clientVersion: '0.1.0',
          at: new Date(Date.now() - agoMs).toISOString(),
          queuedOps,
          syncAttempts: 0,
          syncFailures: 0,
        },
      ],
    });
  // Far above any backlog another test leaves behind.
  await report(123_456, 1000);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.goto(`${baseUrl()}/admin`);
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await alerts.getByText('No open alerts.').waitFor();
  assert.equal(await page.getByTestId('figure-backlogOps').innerText(), '123456');

  await page.getByLabel('Threshold: Queued ops at one client').fill('100000');
  // The retire-old-clients figure: share of requests a raise by one minor version would refuse.
  await page
    .getByLabel('Threshold: Requests from clients near or below minSupportedClient')
    .fill('100');
  await page.getByLabel('Minor versions above minSupportedClient').fill('1');
  const save = page.getByRole('button', { name: 'Save thresholds' });
  const check = page.getByTestId('check-alerts');
  await clickAndAnswer(page, save, '/api/admin/alerts/thresholds');
  await clickAndAnswer(page, check, '/api/admin/alerts/check');
  assert.match(
    await page.getByTestId('raise-hint').innerText(),
    /npm run maintainer -- set --min-client \d+\.\d+\.0 would refuse \d+\.\d% of requests/,
  );
  const open = page.getByTestId('open-alerts');
  await open.getByRole('row', { name: /Queued ops at one client/ }).waitFor();
  const row = await open.getByRole('row', { name: /Queued ops at one client/ }).innerText();
  assert.match(row, /123456 \(100000\)/);
  assert.match(row, new RegExp(clientId));

  // A second check does not open it again.
  await clickAndAnswer(page, check, '/api/admin/alerts/check');
  assert.equal(await open.getByRole('row', { name: /Queued ops at one client/ }).count(), 1);

  // The queue drains: the next check resolves the alert into the past list.
  await report(0, 0);
  await clickAndAnswer(page, check, '/api/admin/alerts/check');
  await alerts.getByText('No open alerts.').waitFor();
  await page
    .getByTestId('past-alerts')
    .getByRole('row', { name: /Queued ops at one client/ })
    .first()
    .waitFor();

  // The threshold is kept (the form shows it after a reload) and is removed for the next test run.
  await page.reload();
  assert.equal(await page.getByLabel('Threshold: Queued ops at one client').inputValue(), '100000');
  await page.getByLabel('Threshold: Queued ops at one client').fill('');
  await page
    .getByLabel('Threshold: Requests from clients near or below minSupportedClient')
    .fill('');
  await clickAndAnswer(page, save, '/api/admin/alerts/thresholds');
  await context.close();
});

test('the maintainer command sets and clears a threshold the page then shows', async () => {
  const email = uniqueEmail('alerts-cli');
  const password = 'alerts-password-2';
  await sessionCookie('Alert Maintainer', email, password);
  maintainer('grant-admin', '--email', email);
  assert.match(
    maintainer('thresholds', '--set', 'replayP95Ms=60000'),
    /Updated the alert thresholds/,
  );
  assert.match(maintainer('thresholds'), /"metric": "replayP95Ms",\s*"max": 60000/);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.goto(`${baseUrl()}/admin`);
  // The form fills in once the thresholds load.
  const fieldValue = (expected: string) =>
    page.waitForFunction(
      (want) =>
        document.querySelector<HTMLInputElement>(
          'input[aria-label="Threshold: Time to replay a queue, p95 (ms)"]',
        )?.value === want,
      expected,
    );
  await page.getByTestId('figure-replayP95Ms').waitFor();
  await fieldValue('60000');

  maintainer('thresholds', '--clear', 'replayP95Ms');
  assert.doesNotMatch(maintainer('thresholds'), /replayP95Ms/);
  await context.close();
});
