// Issue 20, "one sync status": offline, two answers, a note typed key by key and a project's new
// name are counted in the user's units — the same line in the strip under the header and on the
// checklist page, also after leaving the checklist (its document closed) — with each change listed
// one click away; back online both say everything is saved, and the server has it all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { amstar2Definition, checklistItems } from '@corates/shared';
import {
  addStudy,
  assignReviewers,
  createChecklist,
  readChecklist,
  readChecklistContent,
} from '@corates/shared/doc';
import { checklistPath } from '../src/studies/study-row.ts';
import { apiJson } from './support/api.ts';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { projectWith, signUp, signedInContext, waitForConnection } from './support/collab.ts';
import { connectDoc, until, untilOnServer } from './support/doc-client.ts';

const ALL_SAVED = 'All changes saved on the server';
const OFFLINE = 'Offline — 2 answers and 1 note not yet on the server; 1 project change waiting';
const ITEMS = checklistItems(amstar2Definition);
const NOTE = 'Registered after the search began.';

let browser: Browser;
let context: BrowserContext | undefined;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
});

/** The status line of the strip under the header, and of the checklist page's own strip. */
const topStrip = (page: Page) => page.getByTestId('sync-panel').getByTestId('sync-status');
const pageStrip = (page: Page) => page.getByTestId('collab-sync').getByTestId('sync-status');

async function bothSay(page: Page, text: string) {
  await topStrip(page).filter({ hasText: text }).waitFor();
  await pageStrip(page).filter({ hasText: text }).waitFor();
  assert.equal((await topStrip(page).innerText()).trim(), text);
  assert.equal((await pageStrip(page).innerText()).trim(), text);
}

async function answer(page: Page, itemId: string, value: string) {
  const label = ITEMS.find((i) => i.id === itemId)?.options.find((o) => o.value === value)?.label;
  if (!label) throw new Error(`${itemId} has no option ${value}`);
  await page
    .locator(`[data-testid="checklist-item"][data-item-id="${itemId}"]`)
    .getByRole('radio', { name: label, exact: true })
    .check();
}

test('offline edits are counted by answer, note and project change, the same everywhere', async () => {
  const owner = await signUp('Stella Status');
  const projectId = await projectWith(owner, 'Status review', []);
  const client = connectDoc(projectId, owner.cookie);
  let checklistId: string;
  try {
    await until(() => client.provider.synced, 'the seeding client to sync');
    const studyId = addStudy(
      client.doc,
      { title: 'Counted trial', authors: 'Seed A', year: 2021, journal: 'Seed J', doi: '' },
      owner.id,
    );
    assignReviewers(client.doc, studyId, owner.id, null);
    checklistId = createChecklist(client.doc, { studyId, type: 'AMSTAR2', reviewerId: owner.id });
    await untilOnServer(
      projectId,
      owner.cookie,
      (d) => readChecklist(d, checklistId) !== undefined,
      'the seeded checklist on the server',
    );
  } finally {
    client.close();
  }

  context = await signedInContext(browser, owner);
  const page = await context.newPage();
  await page.goto(`${baseUrl()}${checklistPath(projectId, checklistId)}`);
  await waitForConnection(page, 'online');
  await bothSay(page, ALL_SAVED);

  await context.setOffline(true);
  await waitForConnection(page, 'offline');
  await bothSay(page, 'Offline — all changes saved on the server');
  await answer(page, 'q1', 'yes');
  await answer(page, 'q2', 'partial-yes');
  await answer(page, 'q2', 'yes');
  // Forty-odd keystrokes, forty-odd document updates: one note.
  await page.getByTestId('note-q3').pressSequentially(NOTE);
  await bothSay(page, 'Offline — 2 answers and 1 note not yet on the server');

  // A project's new name, from the project list: the checklist's document closes meanwhile, and
  // its count stays.
  await page.getByRole('link', { name: 'CoRATES' }).click();
  const item = page.getByTestId('project-item').filter({ hasText: 'Status review' });
  await item.getByRole('button', { name: 'Rename Status review' }).click();
  await page.getByLabel('New name for “Status review”').fill('Status review, renamed');
  await page.getByRole('button', { name: 'Save' }).click();
  await topStrip(page).filter({ hasText: OFFLINE }).waitFor();
  await page.waitForTimeout(4_000); // past the document's release delay (3 s)
  assert.equal((await topStrip(page).innerText()).trim(), OFFLINE);

  // Back on the checklist (its document loaded again from this device): the same line twice.
  await page.goBack();
  await waitForConnection(page, 'offline');
  await bothSay(page, OFFLINE);

  // The detail, one click away from the checklist's strip.
  await page.getByTestId('collab-sync').getByRole('button', { name: 'Details' }).click();
  const panel = page.getByTestId('sync-panel');
  await panel.getByTestId('sync-unsent').waitFor();
  assert.deepEqual(await panel.getByTestId('sync-unsent-change').allInnerTexts(), [
    'Answer to item 1 of AMSTAR 2 of “Counted trial”',
    'Answer to item 2 of AMSTAR 2 of “Counted trial”',
    'Note on item 3 of AMSTAR 2 of “Counted trial”',
  ]);
  assert.deepEqual(await panel.getByTestId('sync-waiting-op').allInnerTexts(), [
    'Rename project to “Status review, renamed”',
  ]);

  await context.setOffline(false);
  await waitForConnection(page, 'online');
  await bothSay(page, ALL_SAVED);
  assert.equal(await panel.getByTestId('sync-unsent').count(), 0);

  // In the checklist's own document (document model v2).
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => {
      const { answers, notes } = readChecklistContent(d);
      return answers.q1 === 'yes' && answers.q2 === 'yes' && notes.q3 === NOTE;
    },
    'the offline answers and note on the server',
    30_000,
    checklistId,
  );
  const { projects } = await apiJson<{ projects: { name: string }[] }>(
    'GET',
    '/api/projects',
    owner.cookie,
  );
  assert.deepEqual(
    projects.map((p) => p.name),
    ['Status review, renamed'],
  );
});
