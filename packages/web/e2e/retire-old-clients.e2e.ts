// The maintainer command (README → docs/runbooks/retire-old-clients.md) changes the running
// app's minSupportedClient without a redeploy, and an open browser is blocked with the upgrade
// screen on its next API call.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser, uniqueEmail } from './support/browser.ts';
import { maintainer } from './support/maintainer.ts';

async function metadata() {
  return (await (await fetch(`${baseUrl()}/api/metadata`)).json()) as {
    minSupportedClient: string;
    cacheVersion: string;
  };
}

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  maintainer('set', '--min-client', '0.1.0', '--cache-version', '1');
  await browser?.close();
});

test('raising minSupportedClient with the maintainer command blocks an old client at once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl()}/sign-up`);
  await page.getByLabel('Name').fill('Old Client');
  await page.getByLabel('Email').fill(uniqueEmail('old-client'));
  await page.getByLabel('Password').fill('old-client-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText(/no projects yet/i).waitFor();

  const out = maintainer('set', '--min-client', '9.0.0', '--cache-version', 'e2e-7');
  assert.match(out, /Updated the local database/);
  const raised = await metadata();
  assert.equal(raised.minSupportedClient, '9.0.0');
  assert.equal(raised.cacheVersion, 'e2e-7');

  // The next data call answers 426 and the app shows the blocking screen.
  await page.reload();
  await page.getByTestId('update-required').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Update required' }).count(), 1);

  maintainer('set', '--min-client', '0.1.0');
  assert.equal((await metadata()).minSupportedClient, '0.1.0');
  await context.close();
});

test('the maintainer command refuses a malformed version and changes nothing', async () => {
  const before = await metadata();
  assert.throws(() => maintainer('set', '--min-client', 'latest'), /semver/);
  assert.deepEqual(await metadata(), before);
});
