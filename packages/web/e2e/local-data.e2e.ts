// Issue 14 in a real browser: how a given-up or discarded change leaves the screen (SPEC.md
// [O4] in src/sync/offline) and what a cacheVersion reset shows while the sync endpoint is
// unreachable ([C2]).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { apiJson } from './support/api.ts';
import { baseUrl, launchBrowser, signIn } from './support/browser.ts';
import { type Person, signUp } from './support/collab.ts';
import { maintainer } from './support/maintainer.ts';

let browser: Browser;
const contexts: BrowserContext[] = [];
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  contexts.push(context);
  return { context, page: await context.newPage() };
}

async function createProject(person: Person, name: string): Promise<string> {
  return (await apiJson<{ id: string }>('POST', '/api/projects', person.cookie, { name })).id;
}

const projectItem = (page: Page, name: string) =>
  page.getByTestId('project-item').filter({ hasText: name });

async function rename(page: Page, from: string, to: string) {
  await projectItem(page, from)
    .getByRole('button', { name: `Rename ${from}` })
    .click();
  await page.getByLabel(`New name for “${from}”`).fill(to);
  await page.getByRole('button', { name: 'Save' }).click();
  await projectItem(page, to).waitFor();
}

async function headline(page: Page): Promise<string> {
  return (await page.getByTestId('sync-headline').textContent())?.trim() ?? '';
}

async function openPanel(page: Page) {
  if ((await page.getByTestId('sync-panel').getAttribute('open')) === null)
    await page.getByTestId('sync-headline').click();
}

/** Presses the panel's "Sync now" and waits until that sync is over. */
async function syncNow(page: Page) {
  await openPanel(page);
  await page.getByTestId('sync-now').click();
  await page.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('[data-testid="sync-now"]')?.disabled,
  );
}

/** Waits until the element's text is `text`, shown or not (the panel may be closed). */
async function textIs(page: Page, testId: string, text: string) {
  await page.waitForFunction(
    ([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() === t,
    [testId, text] as const,
  );
}

/** Presses "Sync now" until the queue has given the op up ([Q5]: 8 answers that are no result). */
async function syncUntilFailed(page: Page) {
  for (let i = 0; i < 20; i++) {
    if ((await page.getByTestId('sync-failed').textContent()) === '1') return;
    await syncNow(page);
  }
  assert.equal(await page.getByTestId('sync-failed').textContent(), '1');
}

const answer503 = (route: Route) =>
  route.fulfill({
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'INTERNAL', message: 'Service unavailable' } }),
  });

async function serverName(person: Person, projectId: string): Promise<string> {
  return (await apiJson<{ name: string }>('GET', `/api/projects/${projectId}`, person.cookie)).name;
}

test('[O4][Q5] with the ops endpoint answering 503, a given-up rename leaves the list at once', async () => {
  const person = await signUp('Given up');
  const projectId = await createProject(person, 'Server name');
  const { page } = await newPage();
  await signIn(page, person.email, person.password);
  await page.getByTestId('sync-headline').getByText('All changes synced').waitFor();

  await page.route('**/api/sync/ops', answer503);
  await rename(page, 'Server name', 'Rejected name');
  await syncUntilFailed(page);
  // The give-up path corrects from the server at once, not at the next backoff timer (0–60 s).
  await projectItem(page, 'Server name').waitFor({ timeout: 2_000 });
  assert.equal(await projectItem(page, 'Rejected name').count(), 0);
  assert.equal(await serverName(person, projectId), 'Server name');
});

test('[O4][Q8] a discarded change leaves the list at once, and the panel never claims all synced before it has', async () => {
  const person = await signUp('Discarder');
  const projectId = await createProject(person, 'Kept on the server');
  const { page } = await newPage();
  await signIn(page, person.email, person.password);
  await page.getByTestId('sync-headline').getByText('All changes synced').waitFor();

  // The server cannot take the change nor say what it has instead.
  await page.route('**/api/sync/ops', answer503);
  await page.route('**/api/sync/pull**', answer503);
  await rename(page, 'Kept on the server', 'Discarded while down');
  await syncUntilFailed(page);
  await page.getByTestId('sync-failed-op').getByRole('button', { name: 'Discard' }).click();
  await textIs(page, 'sync-failed', '0');
  await new Promise((r) => setTimeout(r, 500));
  assert.notEqual(await headline(page), 'All changes synced');
  await page.unroute('**/api/sync/pull**');
  await syncNow(page);
  await projectItem(page, 'Kept on the server').waitFor({ timeout: 2_000 });
  await page.getByTestId('sync-headline').getByText('All changes synced').waitFor();

  // Given up while the server could not say what it has; then it can, and the user discards.
  await page.route('**/api/sync/pull**', answer503);
  await rename(page, 'Kept on the server', 'Discarded once back');
  await syncUntilFailed(page);
  await page.unroute('**/api/sync/pull**');
  await page.getByTestId('sync-failed-op').getByRole('button', { name: 'Discard' }).click();
  await projectItem(page, 'Kept on the server').waitFor({ timeout: 2_000 });
  assert.equal(await projectItem(page, 'Discarded once back').count(), 0);
  await page.getByTestId('sync-headline').getByText('All changes synced').waitFor();
  assert.equal(await serverName(person, projectId), 'Kept on the server');
});

// [C2] A cacheVersion reset (defect 16).

test('[C1][C2] after a cacheVersion reset with the sync endpoint unreachable, the queued rename still shows', async () => {
  const person = await signUp('Resetter');
  const projectId = await createProject(person, 'Before the reset');
  const before = (await (await fetch(`${baseUrl()}/api/metadata`)).json()) as {
    cacheVersion: string;
  };
  const { page } = await newPage();
  await signIn(page, person.email, person.password);
  await projectItem(page, 'Before the reset').waitFor();
  await page.getByTestId('sync-headline').getByText('All changes synced').waitFor();

  await page.route('**/api/sync/**', (route) => route.abort('connectionrefused'));
  await rename(page, 'Before the reset', 'Renamed before the reset');
  try {
    maintainer('set', '--cache-version', `e2e-reset-${Date.now()}`);
    await page.reload();
    await projectItem(page, 'Renamed before the reset').waitFor({ timeout: 5_000 });
    assert.equal(await page.getByText('Loading projects…').count(), 0);
    assert.equal(await page.getByTestId('sync-pending').textContent(), '1');

    // Back: the rename reaches the server and the cache is the server's again.
    await page.unroute('**/api/sync/**');
    await syncNow(page);
    await page.getByTestId('sync-headline').getByText('All changes synced').waitFor();
    assert.equal(await serverName(person, projectId), 'Renamed before the reset');
    await projectItem(page, 'Renamed before the reset')
      .getByTestId('unsynced-badge')
      .waitFor({ state: 'detached' });
  } finally {
    maintainer('set', '--cache-version', before.cacheVersion);
  }
});
