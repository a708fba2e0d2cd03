// Issue 20's small defects around the account, each checked in Chromium: the Dark theme applies,
// the "Show guidance" checkbox sits beside its label, a first visit is not welcomed back, a
// signed-out page load logs no failed /api request, a non-admin is not shown a maintainer command, and at 390 px the results table's Overall
// column is on screen or in its own scroll area while the page itself does not scroll sideways.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as Y from 'yjs';
import type { Browser, Page } from 'playwright-core';
import { ROB2_ALL_LOW, ROB2_HIGH } from '@corates/shared/testing';
import {
  addOutcome,
  addStudy,
  assignReviewers,
  createChecklist,
  markComplete,
  setAnswer,
} from '@corates/shared/doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { type Person, projectWith, signUp, signedInContext } from './support/collab.ts';
import { connectDoc, pushChecklistDoc, until, untilServerHas } from './support/doc-client.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function pageAs(person: Person, path: string, colorScheme: 'light' | 'dark' = 'light') {
  const context = await signedInContext(browser, person);
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(`${baseUrl()}${path}`);
  return page;
}

const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

const LIGHT_BG = 'rgb(245, 247, 250)';
const DARK_BG = 'rgb(17, 22, 28)';

test('the theme setting applies: Dark on a light device, Light on a dark one, kept on reload', async () => {
  const person = await signUp('Theme Chooser');
  const page = await pageAs(person, '/settings', 'light');
  const theme = page.getByTestId('setting-theme');
  await theme.waitFor();
  assert.equal(await bodyBackground(page), LIGHT_BG);
  await theme.selectOption('dark');
  await page.waitForFunction(
    (bg) => getComputedStyle(document.body).backgroundColor === bg,
    DARK_BG,
  );
  await page.reload();
  await page.getByTestId('setting-theme').waitFor();
  await page.waitForFunction(
    (bg) => getComputedStyle(document.body).backgroundColor === bg,
    DARK_BG,
  );
  // The text follows: light on dark.
  const text = await page.evaluate(() => getComputedStyle(document.body).color);
  assert.equal(text, 'rgb(230, 235, 240)');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByTestId('setting-theme').selectOption('light');
  await page.waitForFunction(
    (bg) => getComputedStyle(document.body).backgroundColor === bg,
    LIGHT_BG,
  );
  await page.getByTestId('setting-theme').selectOption('system');
  await page.waitForFunction(
    (bg) => getComputedStyle(document.body).backgroundColor === bg,
    DARK_BG,
  );
  await page.context().close();
});

test('"Show guidance" is a small box on the line of its label', async () => {
  const person = await signUp('Checkbox Looker');
  const page = await pageAs(person, '/settings');
  const box = await page.getByTestId('setting-guidance').boundingBox();
  const label = await page.getByText('Show guidance text in checklists').boundingBox();
  assert.ok(box && label);
  assert.ok(box.width <= 24 && box.height <= 24, `checkbox ${box.width}×${box.height}`);
  // Beside the text, not above it: the box's middle is within the label's line.
  const middle = box.y + box.height / 2;
  assert.ok(label.height <= 40, `one line, got ${label.height}px`);
  assert.ok(middle >= label.y && middle <= label.y + label.height, 'box on the label line');
  await page.getByText('Show guidance text in checklists').click();
  assert.equal(await page.getByTestId('setting-guidance').isChecked(), false);
  await page.context().close();
});

test('a first, signed-out visit: not "welcome back", and no failed request logged', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(`console: ${m.text()}`);
  });
  await page.goto(`${baseUrl()}/`);
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByTestId('sign-in-intro').waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /welcome back/i);
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(failed, []);
  await context.close();
});

test('a non-admin on the Operations page is not shown a maintainer command', async () => {
  const person = await signUp('Curious Member');
  const page = await pageAs(person, '/admin');
  await page.getByText('Only platform admins can see this page').waitFor();
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /npm run|maintainer|grant-admin/);
  await page.context().close();
});

/** A project with one finalized RoB 2 appraisal per title, written as the app would. */
async function finalizedProject(owner: Person, titles: string[]): Promise<string> {
  const projectId = await projectWith(owner, 'Narrow screen review', []);
  const client = connectDoc(projectId, owner.cookie);
  await until(() => client.provider.synced, 'the seeding client to sync');
  const outcomeId = addOutcome(client.doc, { name: 'Pain' }, owner.id);
  for (const [i, title] of titles.entries()) {
    const studyId = addStudy(
      client.doc,
      { title, authors: 'Author A', year: 2020 + i, journal: '', doi: '' },
      owner.id,
      `${i}-${crypto.randomUUID()}`,
    );
    assignReviewers(client.doc, studyId, owner.id, null);
    const id = createChecklist(client.doc, {
      studyId,
      type: 'ROB2',
      reviewerId: owner.id,
      outcomeId,
    });
    const answers = i % 2 === 0 ? ROB2_ALL_LOW : ROB2_HIGH;
    const content = new Y.Doc();
    for (const [item, value] of Object.entries(answers))
      setAnswer(client.doc, id, content, item, value);
    markComplete(client.doc, id, content, 1);
    await pushChecklistDoc(projectId, owner.cookie, id, content);
  }
  await untilServerHas(projectId, owner.cookie, client.doc);
  client.close();
  return projectId;
}

test('at 390 px the page does not scroll sideways and the Overall column can be reached', async () => {
  const owner = await signUp('Phone Reader');
  const projectId = await finalizedProject(owner, [
    'A randomised trial of a long-named intervention against usual care in adults',
    'Second trial with another fairly long title',
  ]);
  const context = await signedInContext(browser, owner);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${baseUrl()}/projects/${projectId}/results`);
  const table = page.getByTestId('results-ROB2');
  await table.waitFor();
  await page.waitForLoadState('networkidle');

  const widths = await page.evaluate(() => ({
    scroll: document.scrollingElement!.scrollWidth,
    inner: window.innerWidth,
  }));
  assert.ok(widths.scroll <= widths.inner, `page ${widths.scroll}px wide in ${widths.inner}px`);

  // The Overall header is on screen, or in a scroll container that brings it on screen.
  const overall = table.getByRole('columnheader', { name: 'Overall' });
  // (No named functions inside: tsx would wrap them in a helper the page does not have.)
  const reachable = await overall.evaluate((th) => {
    let r = th.getBoundingClientRect();
    if (r.left >= 0 && r.right <= window.innerWidth) return { onScreen: true, scrolled: false };
    let box: HTMLElement | null = th.parentElement;
    while (
      box &&
      !(box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX !== 'visible')
    )
      box = box.parentElement;
    if (!box || box === document.scrollingElement) return { onScreen: false, scrolled: false };
    box.scrollLeft = box.scrollWidth;
    r = th.getBoundingClientRect();
    return { onScreen: r.left >= 0 && r.right <= window.innerWidth, scrolled: true };
  });
  assert.equal(reachable.onScreen, true, 'the Overall column is on screen or scrolls into view');
  // Its cells too: the first row's Overall judgement.
  const lastCell = table.getByTestId('results-row').first().locator('td').last();
  const cellBox = await lastCell.boundingBox();
  assert.ok(cellBox && cellBox.x >= 0 && cellBox.x + cellBox.width <= 390, 'Overall cell visible');
  await context.close();
});
