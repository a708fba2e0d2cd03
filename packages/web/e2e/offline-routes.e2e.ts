// Issue 18: every page but the sign-in page and the project list is its own chunk, fetched when
// first shown. After one online visit, a user who goes offline must still open those pages: their
// chunks come from the service worker's precache. The browser's HTTP cache is cleared once offline,
// so a chunk left out of the precache cannot be found anywhere and the page would fail to load.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as Y from 'yjs';
import type { Browser, Page, Response } from 'playwright-core';
import { amstar2Definition, checklistItems } from '@corates/shared';
import { reconcilePath } from '../src/studies/appraisals.ts';
import { checklistPath } from '../src/studies/study-row.ts';
import {
  addStudy,
  assignReviewers,
  createChecklist,
  markComplete,
  setAnswer,
} from '@corates/shared/doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { type Person, projectWith, signUp, signedInContext } from './support/collab.ts';
import { connectDoc, pushChecklistDoc, until, untilServerHas } from './support/doc-client.ts';

const ITEMS = checklistItems(amstar2Definition);

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * A study that both reviewers have appraised with AMSTAR 2 and completed, disagreeing on the first
 * item only: something for the checklist page and the reconciliation page to show.
 */
async function seedCompletedAppraisal(projectId: string, owner: Person, other: Person) {
  const client = connectDoc(projectId, owner.cookie);
  try {
    await until(() => client.provider.synced, 'the seeding client to sync');
    const studyId = addStudy(
      client.doc,
      { title: 'Offline trial', authors: 'Seed A', year: 2020, journal: 'Seed J', doi: '' },
      owner.id,
    );
    assignReviewers(client.doc, studyId, owner.id, other.id);
    const ids: string[] = [];
    for (const [n, reviewer] of [owner, other].entries()) {
      const id = createChecklist(client.doc, { studyId, type: 'AMSTAR2', reviewerId: reviewer.id });
      // Each checklist's answers are in its own document, written by its reviewer.
      const content = new Y.Doc();
      for (const [i, item] of ITEMS.entries()) {
        const pick = i === 0 ? n : 0;
        setAnswer(client.doc, id, content, item.id, item.options[pick]!.value);
      }
      markComplete(client.doc, id, content, 2);
      await pushChecklistDoc(projectId, reviewer.cookie, id, content);
      ids.push(id);
    }
    await untilServerHas(projectId, owner.cookie, client.doc);
    return { studyId, ownChecklistId: ids[0]! };
  } finally {
    client.close();
  }
}

/** The app's script and style files the page fetches from now on. */
function assetResponses(page: Page): Response[] {
  const seen: Response[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/assets/')) seen.push(r);
  });
  return seen;
}

test('offline after one online visit, lazily loaded pages open from the service worker precache', async () => {
  const owner = await signUp('Offline Owner');
  const other = await signUp('Offline Reviewer');
  const projectId = await projectWith(owner, 'Offline routes', [{ person: other, role: 'editor' }]);
  const { studyId, ownChecklistId } = await seedCompletedAppraisal(projectId, owner, other);

  const context = await signedInContext(browser, owner);
  const page = await context.newPage();
  // Online: the project list, then the project page (its document is kept in IndexedDB). The
  // checklist, results and agreement pages are not visited before going offline. The
  // reconciliation page is, once: each checklist's answers are in its own document (document model
  // v2), and the device keeps the other reviewer's only once it has opened it (the background sync
  // keeps the user's own checklists). Its code still comes from the precache offline below.
  await page.goto(`${baseUrl()}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  await page.getByTestId('project-item').filter({ hasText: 'Offline routes' }).waitFor();
  await page.goto(`${baseUrl()}${reconcilePath(projectId, { studyId, type: 'AMSTAR2' })}`);
  await page.getByTestId('disagreements').filter({ hasText: '1' }).waitFor();
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  await page.getByTestId('study-row').filter({ hasText: 'Offline trial' }).waitFor();
  await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor();

  await context.setOffline(true);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  const assets = assetResponses(page);

  // A full navigation: the shell, the entry and the checklist page's chunks from the precache.
  await page.goto(`${baseUrl()}${checklistPath(projectId, ownChecklistId)}`);
  const items = page.getByTestId('checklist-item');
  await items.first().waitFor();
  assert.equal(await items.count(), ITEMS.length);
  assert.equal(await page.getByTestId('checklist-status').textContent(), 'Completed');
  const first = page.locator(`[data-testid="checklist-item"][data-item-id="${ITEMS[0]!.id}"]`);
  assert.equal(
    await first.locator('input[type=radio]:checked').getAttribute('value'),
    ITEMS[0]!.options[0]!.value,
  );

  // Client-side navigations to three more lazily loaded pages.
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  await page.getByTestId('study-row').filter({ hasText: 'Offline trial' }).waitFor();
  await page.getByTestId('reconcile-link').click();
  await page.waitForURL(`${baseUrl()}${reconcilePath(projectId, { studyId, type: 'AMSTAR2' })}`);
  await page.getByTestId('disagreements').waitFor();
  assert.equal(await page.getByTestId('disagreements').textContent(), '1');
  assert.equal(await page.getByTestId('agreements').textContent(), String(ITEMS.length - 1));

  await page.goBack();
  await page.getByTestId('results-link').click();
  await page.waitForURL(/\/results$/);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.getByTestId('page-load-failed').count(), 0);

  await page.goBack();
  await page.getByTestId('agreement-link').click();
  await page.waitForURL(/\/agreement$/);
  await page.getByTestId('agreement-AMSTAR2').waitFor();
  assert.equal(await page.getByTestId('page-load-failed').count(), 0);

  // Every script and style came from the service worker, and none failed.
  assert.ok(assets.length > 0, 'the pages fetched their chunks');
  const notFromWorker = assets.filter((r) => !r.fromServiceWorker() || r.status() !== 200);
  assert.deepEqual(
    notFromWorker.map((r) => `${r.status()} ${r.url()}`),
    [],
  );
  const chunks = assets.map((r) => new URL(r.url()).pathname);
  for (const page of ['ChecklistPage', 'ReconcilePage', 'ResultsPage', 'AgreementPage'])
    assert.ok(
      chunks.some((c) => c.startsWith(`/assets/${page}-`)),
      `${page}'s chunk was fetched offline`,
    );
  await context.close();
});
