// Issue 20, "The PDF pane cannot be read", in Chromium. At 1366×768 a study's PDF opens beside
// its checklist in pdf.js's own viewer, far wider than the old 346 px canvas; zoom (buttons and
// Ctrl/Cmd −) changes the drawn page's width and Fit width restores it; search reports its match
// count and steps through the matches; the page number and PageUp/PageDown move between pages; a
// passage selected on page 2 and attached to an item lands in that item's note, quoted with its
// page, on the server, and once both reviewers have completed their checklists a third member
// reconciling the study sees it beside that reviewer's answer to the item; the split's handle moves with the keyboard
// and is remembered after a reload. At 390 px the checklist and the PDF are tabs and nothing
// scrolls sideways. A study without a PDF, and one whose PDF is damaged, say so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { amstar2Definition, checklistItems } from '@corates/shared';
import {
  addStudy,
  assignReviewers,
  createChecklist,
  markComplete,
  readChecklist,
  readChecklistContent,
  setAnswer,
} from '@corates/shared/doc';
import { reconcilePath } from '../src/studies/appraisals.ts';
import { checklistPath } from '../src/studies/study-row.ts';
import { type Person, projectWith, signUp } from './support/collab.ts';
import {
  connectDoc,
  until,
  untilOnServer,
  untilServerHas,
  writeChecklistContent,
} from './support/doc-client.ts';
import { pdfOfPages } from './support/pdf-fixture.ts';
import { signedInPages, studyRow } from './support/signed-in-pages.ts';

const { openAs } = signedInPages();

/** Two pages; "randomised" appears twice on page 1 and once on page 2. */
const REPORT = pdfOfPages([
  [
    'Statins and memory: a randomised trial',
    'Participants were randomised by computer.',
    'Methods are described on the next page.',
  ],
  [
    'Allocation was concealed with sealed envelopes.',
    'A third party kept the randomised allocation list.',
  ],
]);
const PASSAGE = 'Allocation was concealed with sealed envelopes.';

/**
 * Studies with one AMSTAR 2 checklist each, reviewed by `owner`, written as a peer would. With a
 * `second` reviewer (and other `editors`, as members), each study also has that reviewer's
 * checklist (`theirs`), so it can be reconciled once both are complete.
 */
async function seedStudies(
  owner: Person,
  titles: string[],
  { second, editors = [] }: { second?: Person; editors?: Person[] } = {},
) {
  const members = [...(second ? [second] : []), ...editors];
  const projectId = await projectWith(
    owner,
    'PDF pane',
    members.map((person) => ({ person, role: 'editor' as const })),
  );
  const client = connectDoc(projectId, owner.cookie);
  try {
    await until(() => client.provider.synced, 'the seeding client to sync');
    const studies = titles.map((title) => {
      const studyId = addStudy(
        client.doc,
        { title, authors: 'Seed A', year: 2021, journal: 'Seed J', doi: '' },
        owner.id,
      );
      if (second) assignReviewers(client.doc, studyId, owner.id, second.id);
      const mine = createChecklist(client.doc, { studyId, type: 'AMSTAR2', reviewerId: owner.id });
      const theirs = second
        ? createChecklist(client.doc, { studyId, type: 'AMSTAR2', reviewerId: second.id })
        : undefined;
      return { studyId, mine, theirs };
    });
    const checklists = studies.map((s) => s.mine);
    await untilOnServer(
      projectId,
      owner.cookie,
      (d) => checklists.every((id) => readChecklist(d, id) !== undefined),
      'the seeded checklists on the server',
    );
    return { projectId, checklists, studies };
  } finally {
    client.close();
  }
}

/** Answers every AMSTAR 2 question of `reviewer`'s checklist and marks it complete, as they would. */
async function completeAsReviewer(projectId: string, reviewer: Person, checklistId: string) {
  const client = connectDoc(projectId, reviewer.cookie);
  try {
    await until(() => client.provider.synced, 'the reviewer’s client to sync');
    await writeChecklistContent(projectId, reviewer.cookie, checklistId, (content) => {
      for (const item of checklistItems(amstar2Definition))
        setAnswer(client.doc, checklistId, content, item.id, item.options[0]!.value);
      markComplete(client.doc, checklistId, content, 2);
    });
    await untilServerHas(projectId, reviewer.cookie, client.doc);
  } finally {
    client.close();
  }
}

/** Attaches `pdf` to the study from the project page, as a reviewer does. */
async function attachPdf(page: Page, title: string, fileName: string, pdf: Buffer) {
  const study = studyRow(page, title);
  await study.getByLabel(`Attach a PDF to “${title}”`).setInputFiles({
    name: fileName,
    mimeType: 'application/pdf',
    buffer: pdf,
  });
  await study.getByTestId('pdf-item').filter({ hasText: fileName }).waitFor();
}

const pageWidth = (page: Page, n: number) =>
  page
    .locator(`[data-testid="pdf-pane"] .page[data-page-number="${n}"]`)
    .evaluate((el) => el.getBoundingClientRect().width);

/** Waits for the zoom level to differ from `before` and returns it. */
async function zoomChangedFrom(page: Page, before: string): Promise<string> {
  const level = page.getByTestId('pdf-zoom-level');
  await page.waitForFunction(
    (b) => document.querySelector('[data-testid="pdf-zoom-level"]')?.textContent !== b,
    before,
  );
  return (await level.textContent())!;
}

/** How far page `n`'s top is from the top of the pane's scrolling area, in pixels. */
const pageOffset = (page: Page, n: number) =>
  page.evaluate((num) => {
    const scroller = document.querySelector('[data-testid="pdf-pages"]')!;
    const target = scroller.querySelector(`.page[data-page-number="${num}"]`)!;
    return Math.abs(target.getBoundingClientRect().top - scroller.getBoundingClientRect().top);
  }, n);

/** Waits for the search's status to read `expected`; a timeout says what it read instead. */
async function untilFindCount(page: Page, expected: string) {
  const count = page.getByTestId('pdf-find-count');
  const deadline = Date.now() + 20_000;
  while ((await count.textContent()) !== expected) {
    if (Date.now() > deadline)
      throw new Error(`the search said “${await count.textContent()}”, not “${expected}”`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('1366×768: read, zoom, search, turn pages and quote the PDF beside the checklist', async () => {
  const owner = await signUp('Pane Reader');
  const second = await signUp('Pane Second');
  const reconciler = await signUp('Pane Reconciler');
  const title = 'Statins and memory';
  const { projectId, studies } = await seedStudies(owner, [title], {
    second,
    editors: [reconciler],
  });
  const { studyId, mine: checklistId, theirs } = studies[0]!;
  const page = await openAs(owner, `/projects/${encodeURIComponent(projectId)}`);
  await page.setViewportSize({ width: 1366, height: 768 });
  await attachPdf(page, title, 'Statins report.pdf', REPORT);

  await page.goto(`${page.url().split('/projects')[0]}${checklistPath(projectId, checklistId)}`);
  const pane = page.getByTestId('pdf-pane');
  await pane.locator('[data-testid="pdf-pages"][data-page-count="2"]').waitFor();
  await pane.locator('.page[data-page-number="1"] canvas').waitFor();
  assert.equal(await pane.getAttribute('data-state'), 'ready');
  assert.equal(await page.getByTestId('pdf-page-of').textContent(), 'of 2');
  // The text layer (what is selected and searched) lies on the drawn page, not below it.
  const textLayerOffset = await pane
    .locator('.page[data-page-number="1"]')
    .evaluate((p) =>
      Math.abs(
        p.querySelector('.textLayer')!.getBoundingClientRect().top -
          p.querySelector('.canvasWrapper')!.getBoundingClientRect().top,
      ),
    );
  assert.ok(textLayerOffset < 2, `the text layer is ${textLayerOffset} px off the drawn page`);
  // Fitted to a column of 45% of the page: the old fixed canvas was 346 px.
  const fitted = await pageWidth(page, 1);
  assert.ok(fitted > 500, `the page is drawn ${fitted} px wide`);

  // Zoom in with the button: the page is drawn wider; Ctrl − with focus in the pane, narrower.
  const fitLevel = (await page.getByTestId('pdf-zoom-level').textContent())!;
  await pane.getByRole('button', { name: 'Zoom in' }).click();
  const zoomedLevel = await zoomChangedFrom(page, fitLevel);
  const zoomed = await pageWidth(page, 1);
  assert.ok(zoomed > fitted * 1.04, `zoom in widened the page (${fitted} → ${zoomed} px)`);
  // By the ratio of the zoom levels (shown rounded to whole percents).
  const levels = parseInt(zoomedLevel) / parseInt(fitLevel);
  assert.ok(
    Math.abs(zoomed / fitted - levels) < 0.03,
    `the page grew ${zoomed / fitted}×, the zoom level ${levels}×`,
  );
  await page.getByTestId('pdf-pages').focus();
  await page.keyboard.press('Control+Minus');
  await zoomChangedFrom(page, zoomedLevel);
  await page.keyboard.press('Control+Minus');
  await page.waitForFunction((w) => {
    const el = document.querySelector('[data-testid="pdf-pane"] .page[data-page-number="1"]');
    return el !== null && el.getBoundingClientRect().width < w;
  }, fitted - 5);
  await pane.getByRole('button', { name: 'Fit width' }).click();
  await page.waitForFunction((w) => {
    const el = document.querySelector('[data-testid="pdf-pane"] .page[data-page-number="1"]');
    return el !== null && Math.abs(el.getBoundingClientRect().width - w) < 2;
  }, fitted);
  assert.equal(
    await pane.getByRole('button', { name: 'Fit width' }).getAttribute('aria-pressed'),
    'true',
  );

  // Search: the count of matches over both pages, stepping on through them, and a miss.
  await page.getByTestId('pdf-search').fill('randomised');
  await untilFindCount(page, '1 of 3 matches');
  await pane.getByRole('button', { name: 'Next match' }).click();
  await untilFindCount(page, '2 of 3 matches');
  await page.getByTestId('pdf-search').press('Enter');
  await untilFindCount(page, '3 of 3 matches');
  // The third is on page 2, which the search scrolled to.
  assert.equal(await page.getByTestId('pdf-page-number').inputValue(), '2');
  await pane.getByRole('button', { name: 'Previous match' }).click();
  await untilFindCount(page, '2 of 3 matches');
  assert.ok((await pane.locator('.textLayer .highlight').count()) >= 1, 'matches are highlighted');
  await page.getByTestId('pdf-search').fill('zebrafish');
  await untilFindCount(page, 'No matches');
  await page.getByTestId('pdf-search').fill('');

  // Pages: the number field, then PageUp and PageDown with focus in the pane.
  const pageNumber = page.getByTestId('pdf-page-number');
  await pageNumber.fill('1');
  await pageNumber.press('Enter');
  await page.waitForFunction(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="pdf-page-number"]');
    return input?.value === '1';
  });
  assert.ok((await pageOffset(page, 1)) < 30, 'page 1 is at the top of the pane');
  await pageNumber.fill('2');
  await pageNumber.press('Enter');
  await page.waitForFunction(
    () =>
      document.querySelector<HTMLInputElement>('[data-testid="pdf-page-number"]')?.value === '2',
  );
  assert.ok((await pageOffset(page, 2)) < 30, 'page 2 is at the top of the pane');
  await page.getByTestId('pdf-pages').focus();
  await page.keyboard.press('PageUp');
  await page.waitForFunction(
    () =>
      document.querySelector<HTMLInputElement>('[data-testid="pdf-page-number"]')?.value === '1',
  );
  await page.keyboard.press('PageDown');
  await page.waitForFunction(
    () =>
      document.querySelector<HTMLInputElement>('[data-testid="pdf-page-number"]')?.value === '2',
  );

  // Select a passage on page 2 in the text layer, and attach it to item 2's note.
  const attach = page.getByTestId('pdf-attach');
  assert.equal(await attach.isDisabled(), true, 'nothing to attach before a selection');
  const line = pane.locator('.page[data-page-number="2"] .textLayer span', { hasText: PASSAGE });
  await line.first().waitFor();
  await line.first().evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  await page.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('[data-testid="pdf-attach"]')?.disabled,
  );
  await attach.click();
  const form = page.getByTestId('pdf-attach-form');
  const quote = `“${PASSAGE}” (p. 2)`;
  assert.equal(await form.getByTestId('pdf-attach-quote').textContent(), quote);
  await form.getByTestId('pdf-attach-item').selectOption('q2');
  await form.getByRole('button', { name: 'Attach' }).click();
  await page
    .getByTestId('pdf-attached')
    .filter({ hasText: 'Added to the note of item 2.' })
    .waitFor();
  assert.equal(await page.getByTestId('note-q2').inputValue(), quote);
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => readChecklistContent(d).notes.q2 === quote,
    'the quote in item 2’s note on the server',
    30_000,
    checklistId,
  );

  // Both reviewers complete their checklists; a third member reconciling the study sees the quote,
  // with its page, as this reviewer's note on item 2 (the other reviewer wrote none).
  await completeAsReviewer(projectId, owner, checklistId);
  await completeAsReviewer(projectId, second, theirs!);
  const reconciling = await openAs(
    reconciler,
    reconcilePath(projectId, { studyId, type: 'AMSTAR2' }),
  );
  const row = reconciling.locator('[data-testid="reconcile-row"][data-item-id="q2"]');
  const ownerSide = row.locator('div', {
    has: reconciling.locator('dt', { hasText: `: ${owner.name}` }),
  });
  await ownerSide
    .getByTestId(/^answer-/)
    .filter({ hasText: quote })
    .waitFor();
  const secondSide = row.locator('div', {
    has: reconciling.locator('dt', { hasText: `: ${second.name}` }),
  });
  assert.doesNotMatch((await secondSide.getByTestId(/^answer-/).textContent())!, /Allocation/);
  await reconciling.close();

  // The handle: ← widens the PDF by a step; the width is remembered on this device.
  const pdfColumn = () =>
    page.locator('.pdf-split-pdf').evaluate((el) => Math.round(el.getBoundingClientRect().width));
  const before = await pdfColumn();
  const handle = page.getByTestId('pdf-split-handle');
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((b) => {
    const el = document.querySelector('.pdf-split-pdf');
    return el !== null && Math.round(el.getBoundingClientRect().width) === b + 48;
  }, before);
  // Fit width follows the wider column.
  await page.waitForFunction((w) => {
    const el = document.querySelector('[data-testid="pdf-pane"] .page[data-page-number="1"]');
    return el !== null && el.getBoundingClientRect().width > w + 40;
  }, fitted);
  await page.reload();
  await page.locator('[data-testid="pdf-pages"][data-page-count="2"]').waitFor();
  assert.equal(await pdfColumn(), before + 48, 'the width is remembered after a reload');
});

test('390 px: the checklist and the PDF are tabs, and nothing scrolls sideways', async () => {
  const owner = await signUp('Phone Reader');
  const title = 'Statins on a phone';
  const { projectId, checklists } = await seedStudies(owner, [title]);
  const page = await openAs(owner, `/projects/${encodeURIComponent(projectId)}`);
  await attachPdf(page, title, 'Phone report.pdf', REPORT);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${page.url().split('/projects')[0]}${checklistPath(projectId, checklists[0]!)}`);
  await page.getByTestId('checklist-item').first().waitFor();

  const tabs = page.getByRole('tablist', { name: 'Checklist or PDF' });
  const checklistTab = tabs.getByRole('tab', { name: 'Checklist' });
  const pdfTab = tabs.getByRole('tab', { name: 'PDF' });
  assert.equal(await checklistTab.getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByTestId('pdf-pane').isVisible(), false, 'the PDF waits in its tab');
  assert.equal(await page.getByTestId('pdf-split-handle').isVisible(), false);
  assert.equal(await noSidewaysScroll(page), true, 'the checklist does not scroll sideways');

  await pdfTab.click();
  assert.equal(await pdfTab.getAttribute('aria-selected'), 'true');
  await page.locator('[data-testid="pdf-pages"][data-page-count="2"]').waitFor();
  await page.locator('[data-testid="pdf-pane"] .page[data-page-number="1"] canvas').waitFor();
  assert.equal(await page.getByTestId('checklist-item').first().isVisible(), false);
  const drawn = await pageWidth(page, 1);
  assert.ok(drawn > 250 && drawn <= 390, `the page fits the phone (${drawn} px)`);
  assert.equal(await noSidewaysScroll(page), true, 'the PDF does not scroll sideways');
  // The pane fills the screen below the tabs.
  const paneBox = await page.getByTestId('pdf-pane').boundingBox();
  assert.ok(paneBox && paneBox.height > 600, `the pane is ${paneBox?.height} px tall`);

  await checklistTab.click();
  await page.getByTestId('checklist-item').first().waitFor();
  assert.equal(await page.getByTestId('pdf-pane').isVisible(), false);
});

test('a study without a PDF, and one whose PDF is damaged, say so in the pane', async () => {
  const owner = await signUp('Pane States');
  const { projectId, checklists } = await seedStudies(owner, ['No report yet', 'Damaged report']);
  const page = await openAs(owner, `/projects/${encodeURIComponent(projectId)}`);
  // Passes the upload's %PDF- signature check, but is no PDF pdf.js can read.
  await attachPdf(page, 'Damaged report', 'Damaged.pdf', Buffer.from('%PDF-1.4\nnot really a PDF'));
  const origin = page.url().split('/projects')[0];

  await page.goto(`${origin}${checklistPath(projectId, checklists[0]!)}`);
  const pane = page.getByTestId('pdf-pane');
  await pane.getByTestId('pdf-pane-empty').getByText('No PDF for this study yet').waitFor();
  assert.equal(await pane.getAttribute('data-state'), 'empty');

  await page.goto(`${origin}${checklistPath(projectId, checklists[1]!)}`);
  await pane.getByTestId('pdf-pane-error').waitFor();
  assert.equal(await pane.getAttribute('data-state'), 'error');
  assert.match(
    (await pane.getByTestId('pdf-pane-error').textContent())!,
    /Damaged\.pdf could not be opened: the file is damaged/,
  );
});
