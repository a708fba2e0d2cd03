// Issue 14, defects 11, 16 and 17 in a real browser: what a sign-out leaves on the device
// (SPEC.md [S1], [S2] in src/sync/offline), what a cacheVersion reset shows while the sync
// endpoint is unreachable ([C2]), and how a given-up or discarded change leaves the screen ([O4]).
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
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

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
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

  // The server cannot take the change nor say what it has instead.
  await page.route('**/api/sync/ops', answer503);
  await page.route('**/api/sync/pull**', answer503);
  await rename(page, 'Kept on the server', 'Discarded while down');
  await syncUntilFailed(page);
  await page.getByTestId('sync-failed-op').getByRole('button', { name: 'Discard' }).click();
  await textIs(page, 'sync-failed', '0');
  await new Promise((r) => setTimeout(r, 500));
  assert.notEqual(await headline(page), 'All changes saved on the server');
  await page.unroute('**/api/sync/pull**');
  await syncNow(page);
  await projectItem(page, 'Kept on the server').waitFor({ timeout: 2_000 });
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

  // Given up while the server could not say what it has; then it can, and the user discards.
  await page.route('**/api/sync/pull**', answer503);
  await rename(page, 'Kept on the server', 'Discarded once back');
  await syncUntilFailed(page);
  await page.unroute('**/api/sync/pull**');
  await page.getByTestId('sync-failed-op').getByRole('button', { name: 'Discard' }).click();
  await projectItem(page, 'Kept on the server').waitFor({ timeout: 2_000 });
  assert.equal(await projectItem(page, 'Discarded once back').count(), 0);
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();
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
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

  await page.route('**/api/sync/**', (route) => route.abort('connectionrefused'));
  await rename(page, 'Before the reset', 'Renamed before the reset');
  try {
    maintainer('set', '--cache-version', `e2e-reset-${Date.now()}`);
    await page.reload();
    await projectItem(page, 'Renamed before the reset').waitFor({ timeout: 5_000 });
    assert.equal(await page.getByText('Loading projects…').count(), 0);
    // The queue's count settles once the engine has put the reloaded op back to pending (the
    // panel holding it may be collapsed, so its text is read, not its visibility).
    await page.waitForFunction(
      () => document.querySelector('[data-testid="sync-pending"]')?.textContent === '1',
      undefined,
      { timeout: 5_000 },
    );

    // Back: the rename reaches the server and the cache is the server's again.
    await page.unroute('**/api/sync/**');
    await syncNow(page);
    await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();
    assert.equal(await serverName(person, projectId), 'Renamed before the reset');
    await projectItem(page, 'Renamed before the reset')
      .getByTestId('unsynced-badge')
      .waitFor({ state: 'detached' });
  } finally {
    maintainer('set', '--cache-version', before.cacheVersion);
  }
});

// [S1]–[S3] What a sign-out leaves on the device (defect 11).

/** The IndexedDB databases on this device whose name holds `userId`. */
function databasesOf(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const all = await indexedDB.databases();
    return all.map((d) => d.name ?? '').filter((name) => name.includes(id));
  }, userId);
}

/** localStorage keys that name `userId`. */
function storageKeysOf(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(
    (id) =>
      Object.keys(localStorage).filter((k) => k.includes(id) || localStorage[k]?.includes(id)),
    userId,
  );
}

/** Polls until `read` returns what `done` accepts (or `ms` pass); returns the last value read. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

const docDb = (person: Person, projectId: string) => `corates-doc:${person.id}:${projectId}`;
const metadataDb = (person: Person) => `corates-metadata-${person.id}`;

/** Opens the project and adds a study: the project's document now has a copy on this device. */
async function openProjectWithStudy(page: Page, projectId: string, title: string) {
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByTestId('add-study-submit').click();
  await page.getByTestId('study-row').filter({ hasText: title }).waitFor();
}

test('[S1] signing out deletes every database of that user, the project documents included', async () => {
  const person = await signUp('Leaver');
  const projectId = await createProject(person, 'Unpublished review');
  const { page } = await newPage();
  await signIn(page, person.email, person.password);
  await openProjectWithStudy(page, projectId, 'Unpublished trial');
  const present = await eventually(
    () => databasesOf(page, person.id),
    (names) => names.includes(docDb(person, projectId)) && names.includes(metadataDb(person)),
  );
  assert.ok(present.includes(docDb(person, projectId)), `exists: ${present.join(', ')}`);
  await page.getByRole('link', { name: 'CoRATES' }).click();
  await page.getByTestId('sync-headline').getByText('All changes saved on the server').waitFor();

  await page.getByTestId('sign-out').click();
  await page.waitForURL(`${baseUrl()}/sign-in`);
  const left = await eventually(
    () => databasesOf(page, person.id),
    (names) => names.length === 0,
  );
  assert.deepEqual(left, [], 'nothing of the signed-out user stays in IndexedDB');
  assert.deepEqual(await storageKeysOf(page, person.id), [], 'nor in localStorage');
});

test('[S1] a deliberate sign-out with unsynced changes asks first, then deletes them too', async () => {
  const person = await signUp('Hasty');
  const projectId = await createProject(person, 'Unpublished review');
  const { page } = await newPage();
  await signIn(page, person.email, person.password);
  await openProjectWithStudy(page, projectId, 'Unpublished trial');
  // A change that cannot reach the server.
  await page.route('**/api/sync/ops', (route) => route.abort('connectionrefused'));
  await page.getByRole('link', { name: 'CoRATES' }).click();
  await rename(page, 'Unpublished review', 'Unpublished review, renamed');
  await page
    .getByTestId('sync-headline')
    .getByText(/1 project change waiting/)
    .waitFor();

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-unsynced').waitFor();
  // Cancel keeps everything.
  await page.getByTestId('sign-out-cancel').click();
  assert.equal(await page.getByTestId('sign-out-unsynced').count(), 0);
  assert.ok((await databasesOf(page, person.id)).includes(metadataDb(person)));

  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-out-confirm').click();
  await page.waitForURL(`${baseUrl()}/sign-in`);
  const left = await eventually(
    () => databasesOf(page, person.id),
    (names) => names.length === 0,
  );
  assert.deepEqual(left, [], 'nothing of the signed-out user stays in IndexedDB');
  assert.deepEqual(await storageKeysOf(page, person.id), [], 'nor in localStorage');
});

test('[S1][S2] an expired session keeps unsynced work for its user; another user signing in deletes it', async () => {
  const first = await signUp('Expired');
  const second = await signUp('Next');
  const projectId = await createProject(first, 'Left on a shared computer');
  const { context, page } = await newPage();
  await signIn(page, first.email, first.password);
  await openProjectWithStudy(page, projectId, 'Synced study');

  // Unsynced work of both kinds: a document edit and a queued metadata change.
  await context.setOffline(true);
  await page.getByLabel('Title', { exact: true }).fill('Offline study');
  await page.getByTestId('add-study-submit').click();
  await page.getByTestId('study-row').filter({ hasText: 'Offline study' }).waitFor();
  await page.getByRole('link', { name: 'CoRATES' }).click();
  await rename(page, 'Left on a shared computer', 'Renamed offline');

  // The session ends without a sign-out (it expired): the work waits for the same user.
  await context.clearCookies();
  await context.setOffline(false);
  await page.reload();
  await page.waitForURL(/\/sign-in/);
  await new Promise((r) => setTimeout(r, 1_000));
  const kept = await databasesOf(page, first.id);
  assert.ok(kept.includes(metadataDb(first)), `kept: ${kept.join(', ')}`);
  assert.ok(kept.includes(docDb(first, projectId)), `kept: ${kept.join(', ')}`);

  // Someone else signs in on this browser: the previous user's leftovers go first.
  await signIn(page, second.email, second.password);
  const left = await eventually(
    () => databasesOf(page, first.id),
    (names) => names.length === 0,
  );
  assert.deepEqual(left, [], 'nothing of the previous user stays once another user signs in');
  assert.deepEqual(await storageKeysOf(page, first.id), []);
});
