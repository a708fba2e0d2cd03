// Issue 4 in a real browser: offline, create and rename a project and change a setting; reload
// while still offline (the shell comes from the service worker's precache, the data from
// IndexedDB); back online the queue drains, the server has the changes, and a second browser
// context sees them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { baseUrl, createAccount, launchBrowser, signIn, uniqueEmail } from './support/browser.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('offline changes survive a reload and reach the server and another browser', async () => {
  const email = uniqueEmail('offline');
  const password = 'offline-password-1';
  await createAccount('Offline Researcher', email, password);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  // The service worker has precached the shell and controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The first pull has run: the empty state comes from the (empty) cache.
  await page.getByText(/no projects yet/i).waitFor();
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

  await context.setOffline(true);

  await page.getByLabel('Project name').fill('Offline trial');
  await page.getByTestId('create-project').click();
  const item = page.getByTestId('project-item').filter({ hasText: 'Offline trial' });
  await item.getByTestId('unsynced-badge').getByText('Not synced yet').waitFor();

  await item.getByRole('button', { name: 'Rename Offline trial' }).click();
  await page.getByLabel('New name for “Offline trial”').fill('Offline trial, renamed');
  await page.getByRole('button', { name: 'Save' }).click();
  await page
    .getByTestId('project-item')
    .filter({ hasText: 'Offline trial, renamed' })
    .getByTestId('unsynced-badge')
    .waitFor();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(/\/settings$/);
  const staleAfter = page.getByTestId('setting-stale-after');
  await staleAfter.fill('7');
  await staleAfter.press('Tab');
  await page
    .getByTestId('sync-headline')
    .getByText(/offline — 2 project changes and 1 settings change waiting/i)
    .waitFor();

  // Reload with the network still off: the shell from the precache, the data from IndexedDB.
  await page.reload();
  assert.equal(await page.getByTestId('setting-stale-after').inputValue(), '7');
  await page.goto(`${baseUrl()}/`);
  await page.getByTestId('project-item').filter({ hasText: 'Offline trial, renamed' }).waitFor();
  assert.equal(await page.getByTestId('sync-pending').textContent(), '3');

  // Back online: the queue drains on the browser's online event.
  await context.setOffline(false);
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();
  await page
    .getByTestId('project-item')
    .filter({ hasText: 'Offline trial, renamed' })
    .getByTestId('unsynced-badge')
    .waitFor({ state: 'detached' });

  // The server has them.
  const projects = (await (
    await context.request.get(`${baseUrl()}/api/projects`, {
      headers: { 'X-Client-Version': '999.0.0' },
    })
  ).json()) as { projects: Array<{ name: string }> };
  assert.deepEqual(
    projects.projects.map((p) => p.name),
    ['Offline trial, renamed'],
  );
  const settings = (await (
    await context.request.get(`${baseUrl()}/api/me/settings`, {
      headers: { 'X-Client-Version': '999.0.0' },
    })
  ).json()) as { staleAfterMinutes: number };
  assert.equal(settings.staleAfterMinutes, 7);

  // A second browser, same account: the pull brings them.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, password);
  await otherPage
    .getByTestId('project-item')
    .filter({ hasText: 'Offline trial, renamed' })
    .waitFor();
  await otherPage.goto(`${baseUrl()}/settings`);
  // The input's value is a DOM property, not an attribute: wait on the property.
  await otherPage.waitForFunction(
    () =>
      document.querySelector<HTMLInputElement>('[data-testid="setting-stale-after"]')?.value ===
      '7',
  );
  assert.equal(await otherPage.getByTestId('setting-stale-after').inputValue(), '7');

  await other.close();
  await context.close();
});
