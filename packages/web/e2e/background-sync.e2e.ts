// Issue 15 in a real browser: while a project is open, the checklist documents assigned to the
// signed-in reviewer are synced into IndexedDB in the background (checklistsToKeep), so a
// checklist never opened on this device still shows its answers after going offline.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import * as Y from 'yjs';
import { amstar2Definition, checklistItems } from '@corates/shared';
import {
  addStudy,
  assignReviewers,
  createChecklist,
  readChecklist,
  setAnswer,
} from '@corates/shared/doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { projectWith, signedInContext, signUp, waitForConnection } from './support/collab.ts';
import { connectDoc, pushChecklistDoc, until, untilOnServer } from './support/doc-client.ts';

const ITEMS = checklistItems(amstar2Definition);
const label = (itemId: string, value: string) =>
  ITEMS.find((i) => i.id === itemId)!.options.find((o) => o.value === value)!.label;

let browser: Browser;
let context: BrowserContext | undefined;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
});

test('a checklist assigned to me, answered on another device, is readable offline here without having been opened', async () => {
  const reviewer = await signUp('Background Bea');
  const projectId = await projectWith(reviewer, 'Background review', []);

  // Another device: the study, Bea's checklist, and two answers in the checklist's own document.
  const client = connectDoc(projectId, reviewer.cookie);
  let checklistId: string;
  const content = new Y.Doc();
  try {
    await until(() => client.provider.synced, 'the seeding client to sync');
    const studyId = addStudy(
      client.doc,
      { title: 'Background trial', authors: 'Seed A', year: 2022, journal: 'Seed J', doi: '' },
      reviewer.id,
    );
    assignReviewers(client.doc, studyId, reviewer.id, null);
    checklistId = createChecklist(client.doc, {
      studyId,
      type: 'AMSTAR2',
      reviewerId: reviewer.id,
    });
    setAnswer(client.doc, checklistId, content, 'q1', 'yes');
    setAnswer(client.doc, checklistId, content, 'q2', 'no');
    await untilOnServer(
      projectId,
      reviewer.cookie,
      (d) => readChecklist(d, checklistId)?.status === 'in-progress',
      'the seeded checklist on the server',
    );
  } finally {
    client.close();
  }
  await pushChecklistDoc(projectId, reviewer.cookie, checklistId, content);

  // This device opens the project only: the checklist page is never visited online.
  context = await signedInContext(browser, reviewer);
  const page = await context.newPage();
  // The checklist page's code is loaded once (there is no service worker here to keep it for an
  // offline visit), at a checklist that does not exist; then, within the app, the project.
  await page.goto(`${baseUrl()}/projects/${projectId}/checklists/not-a-checklist`);
  await page.waitForLoadState('networkidle');
  await page.evaluate((path) => {
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, `/projects/${projectId}`);
  await waitForConnection(page, 'online');
  // The background sync has written the server's checklist into this device's copy (y-indexeddb
  // keeps updates in the `updates` store): about as many bytes as the answers' own update.
  const database = `corates-doc:${reviewer.id}:${projectId}:checklist:${checklistId}`;
  const answersBytes = Y.encodeStateAsUpdate(content).byteLength;
  const storedBytes = () =>
    page.evaluate(async (name) => {
      if (!(await indexedDB.databases()).some((d) => d.name === name)) return 0;
      const db = await new Promise<IDBDatabase | undefined>((resolve, reject) => {
        const open = indexedDB.open(name);
        // Being created by the app right now: not ours to create.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onsuccess = () => resolve(open.result);
        open.onerror = () =>
          open.error?.name === 'AbortError' ? resolve(undefined) : reject(open.error);
      });
      if (!db) return 0;
      try {
        if (!db.objectStoreNames.contains('updates')) return 0;
        const all = await new Promise<Uint8Array[]>((resolve, reject) => {
          const req = db.transaction('updates').objectStore('updates').getAll();
          req.onsuccess = () => resolve(req.result as Uint8Array[]);
          req.onerror = () => reject(req.error);
        });
        return all.reduce((n, u) => n + u.byteLength, 0);
      } finally {
        db.close();
      }
    }, database);
  const deadline = Date.now() + 20_000;
  while ((await storedBytes()) < answersBytes * 0.8 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250));
  assert.ok((await storedBytes()) >= answersBytes * 0.8, 'the checklist synced into IndexedDB');

  await context.setOffline(true);
  await waitForConnection(page, 'offline');
  await page.getByTestId('reviewer-checklist').first().click();
  const item = (itemId: string) =>
    page.locator(`[data-testid="checklist-item"][data-item-id="${itemId}"]`);
  // Read from this device's copy: the answers given on the other device.
  for (const [itemId, value] of [
    ['q1', 'yes'],
    ['q2', 'no'],
  ] as const)
    await item(itemId)
      .getByRole('radio', { name: label(itemId, value), exact: true, checked: true })
      .waitFor({ timeout: 10_000 });
  assert.equal(await page.getByRole('radio', { checked: true }).count(), 2);
});
