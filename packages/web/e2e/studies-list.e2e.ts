// Issue 20 ("the project page does not scale") in a real browser, with 1,001 studies seeded through
// the document model: search by title, DOI and journal; filters by design and status; sorts; the
// filters kept in the URL across a reload; the empty state that names what filtered everything out
// and clears it; selecting many studies and assigning reviewers in one step (a reviewer who has
// started keeps the slot, the two reviewers differ), checked on the server; the My to-do tab.
// Prints the time a filter change and a bulk assignment take (figures, not assertions).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { type StudyDesign, amstar2Definition, checklistItems } from '@corates/shared';
import { addStudy, assignReviewers, createChecklist, readStudies } from '@corates/shared/doc';
import { answerAll, signedInPages, studyRow } from './support/signed-in-pages.ts';
import { projectWith, signUp } from './support/collab.ts';
import { connectDoc, readServerDoc, until, untilOnServer } from './support/doc-client.ts';

const { openAs } = signedInPages();

const TOPICS = ['statins', 'aspirin', 'exercise', 'vitamin D'];
const DESIGNS: (StudyDesign | undefined)[] = ['rct-parallel', 'systematic-review', undefined];
const seedStudy = (i: number) => ({
  i,
  title: `Trial ${String(i).padStart(4, '0')} of ${TOPICS[i % 4]}`,
  authors: `Author${i % 7}`,
  year: 2000 + (i % 25),
  journal: i % 2 === 0 ? 'BMJ' : 'Lancet',
  doi: `10.1234/t${i}`,
  design: DESIGNS[i % 3],
});
const SEED = Array.from({ length: 1000 }, (_, i) => seedStudy(i));
const TOTAL = SEED.length + 1;

/** Waits until the count line reads `text`, and returns how long that took from `start`. */
async function countIs(page: Page, text: string, start = performance.now()) {
  await page
    .getByTestId('study-count')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor();
  return performance.now() - start;
}
const firstTitle = (page: Page) =>
  page.getByTestId('study-row').first().locator('.study-title').textContent();

test('1,001 studies: search, filter, sort, the URL, the empty state, bulk assignment, my to-do', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const cy = await signUp('Cy');
  const projectId = await projectWith(owner, 'Many studies', [
    { person: ada, role: 'editor' },
    { person: bo, role: 'editor' },
    { person: cy, role: 'editor' },
  ]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  const ids: string[] = [];
  seed.doc.transact(() => {
    for (const s of SEED) {
      const { i: _i, design, ...fields } = s;
      ids.push(addStudy(seed.doc, { ...fields, ...(design ? { design } : {}) }, owner.id));
    }
    addStudy(
      seed.doc,
      {
        title: 'Needle in a haystack',
        authors: 'Quill',
        year: 1999,
        journal: 'Cochrane Library',
        doi: '10.5555/needle',
      },
      owner.id,
    );
    // Ada reviews the first five; she has started a checklist of Trial 0001 and finished none.
    for (const id of ids.slice(0, 5)) assignReviewers(seed.doc, id, ada.id, null);
  });
  createChecklist(seed.doc, { studyId: ids[1]!, type: 'AMSTAR2', reviewerId: ada.id });
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap('studies').size === TOTAL && d.getMap('checklists').size === 1,
    'the seeded studies',
  );
  seed.close();

  const page = await openAs(ada, `/projects/${projectId}`);
  await countIs(page, `${TOTAL} studies`);

  // 50 cards at a time: a card is heavy (reviewer selects, tools, PDFs); "Show more" adds 50.
  assert.equal(await page.getByTestId('study-row').count(), 50);
  await page.getByTestId('show-more').click();
  await page.getByTestId('study-row').nth(99).waitFor();
  assert.equal(await page.getByTestId('study-row').count(), 100);

  // Search: title, DOI, journal, any case.
  const search = page.getByTestId('study-search');
  let start = performance.now();
  await search.fill('NEEDLE');
  const searchMs = await countIs(page, `1 of ${TOTAL} studies match`, start);
  await studyRow(page, 'Needle in a haystack').waitFor();
  await search.fill('10.5555/needle');
  await countIs(page, `1 of ${TOTAL} studies match`);
  await search.fill('cochrane');
  await countIs(page, `1 of ${TOTAL} studies match`);
  assert.equal(await firstTitle(page), 'Needle in a haystack');
  await search.fill('');
  await countIs(page, `${TOTAL} studies`);

  // Filters: design "not set" and a search word; then sorts.
  const notSetStatins = SEED.filter((s) => s.design === undefined && s.title.includes('statins'));
  start = performance.now();
  await page.getByTestId('filter-design').selectOption('none');
  const filterMs = await countIs(
    page,
    `${SEED.filter((s) => !s.design).length + 1} of ${TOTAL} studies match`,
    start,
  );
  await search.fill('statins');
  await countIs(page, `${notSetStatins.length} of ${TOTAL} studies match`);
  // (Date added, the default, is not checked here: one transaction gives many studies the same time.)
  await page.getByTestId('filter-sort').selectOption('year');
  const newest = Math.max(...notSetStatins.map((s) => s.year));
  assert.equal(
    await firstTitle(page),
    notSetStatins.find((s) => s.year === newest)!.title,
    'year: newest first, then by title',
  );
  await page.getByTestId('filter-sort').selectOption('title');
  assert.equal(await firstTitle(page), notSetStatins[0]!.title, 'title: A to Z');
  await page.getByTestId('filter-status').selectOption('pending');
  await countIs(page, `${notSetStatins.length} of ${TOTAL} studies match`);

  // The filters are in the URL: a reload (or a shared link) shows the same list.
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('design'), 'none');
  assert.equal(url.searchParams.get('q'), 'statins');
  assert.equal(url.searchParams.get('sort'), 'title');
  await page.reload();
  await countIs(page, `${notSetStatins.length} of ${TOTAL} studies match`);
  assert.equal(await page.getByTestId('study-search').inputValue(), 'statins');
  assert.equal(await page.getByTestId('filter-design').inputValue(), 'none');

  // Nothing left: the empty state says which filters did it, and clears them (not the sort).
  await page.getByTestId('filter-status').selectOption('finalized');
  const empty = page.getByTestId('filtered-empty');
  await empty.waitFor();
  assert.match(
    (await empty.textContent()) ?? '',
    /No study matches search “statins”, status: Finalized, design: not set\./,
  );
  await empty.getByRole('button', { name: 'Clear filters' }).click();
  await countIs(page, `${TOTAL} studies`);
  assert.deepEqual([...new URL(page.url()).searchParams.entries()], [['sort', 'title']]);

  // Select the ten "Trial 000x" studies and assign Bo and Cy in one step.
  await page.getByTestId('filter-sort').selectOption('added');
  await search.fill('trial 000');
  await countIs(page, `10 of ${TOTAL} studies match`);
  const selectAll = page.getByRole('checkbox', { name: 'Select all shown (10)' });
  await studyRow(page, 'Trial 0003')
    .getByRole('checkbox', { name: /Select “Trial 0003/ })
    .check();
  assert.equal(await selectAll.evaluate((el) => (el as HTMLInputElement).indeterminate), true);
  await selectAll.check();
  await page.getByTestId('selected-count').filter({ hasText: '10 selected' }).waitFor();
  const bulk = page.getByRole('form', { name: 'Assign reviewers to the selected studies' });
  await bulk.getByLabel('Reviewer 1').selectOption({ label: 'Bo' });
  await bulk.getByLabel('Reviewer 2').selectOption({ label: 'Cy' });
  start = performance.now();
  await bulk.getByRole('button', { name: 'Assign to 10 selected studies' }).click();
  const result = page.getByTestId('bulk-assign-result');
  await result.filter({ hasText: 'Reviewers assigned' }).waitFor();
  const assign10Ms = performance.now() - start;
  assert.equal(
    await result.textContent(),
    'Reviewers assigned to 10 studies. 1 study kept a reviewer who has already started a checklist of it.',
  );
  const byTitle = (doc: Parameters<typeof readStudies>[0]) =>
    new Map(readStudies(doc).map((s) => [s.title.slice(0, 10), [s.reviewer1, s.reviewer2]]));
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => byTitle(d).get('Trial 0009')?.[1] === cy.id,
    'the bulk assignment on the server',
  );
  const afterTen = await readServerDoc(projectId, owner.cookie, byTitle);
  assert.deepEqual(afterTen.get('Trial 0001'), [ada.id, cy.id], 'Ada has started: she stays');
  for (const n of [0, 2, 3, 9]) assert.deepEqual(afterTen.get(`Trial 000${n}`), [bo.id, cy.id]);
  assert.deepEqual(afterTen.get('Trial 0010'), [null, null], 'not selected: unchanged');

  // All 1,001 at once: Bo as reviewer 2 is refused where Bo is already reviewer 1.
  await search.fill('');
  await countIs(page, `${TOTAL} studies`);
  await page.getByRole('checkbox', { name: `Select all shown (${TOTAL})` }).check();
  await page
    .getByTestId('selected-count')
    .filter({ hasText: `${TOTAL} selected` })
    .waitFor();
  await bulk.getByLabel('Reviewer 1').selectOption({ label: 'Leave as is' });
  await bulk.getByLabel('Reviewer 2').selectOption({ label: 'Bo' });
  start = performance.now();
  await bulk.getByRole('button', { name: `Assign to ${TOTAL} selected studies` }).click();
  await result.filter({ hasText: `${TOTAL - 9} studies` }).waitFor();
  const assignAllMs = performance.now() - start;
  assert.equal(
    await result.textContent(),
    `Reviewers assigned to ${TOTAL - 9} studies. 9 studies skipped: the same person would have been both reviewers.`,
  );

  // My to-do: Ada is left reviewing only Trial 0001, which she has started and not finished.
  const tabs = page.getByRole('navigation', { name: 'Project' });
  await tabs.getByRole('link', { name: 'My to-do' }).click();
  await page.waitForURL(/\/todo$/);
  await page.getByRole('heading', { name: 'My to-do (1)' }).waitFor();
  assert.deepEqual(await page.getByTestId('study-row').locator('.study-title').allTextContents(), [
    SEED[1]!.title,
  ]);
  assert.equal(
    await tabs.getByRole('link', { name: 'My to-do' }).getAttribute('aria-current'),
    'page',
  );
  await tabs.getByRole('link', { name: 'Ready to reconcile' }).click();
  await page.getByText('No study is ready to reconcile').waitFor();

  // The overview counts them; members and settings are pages of their own.
  await tabs.getByRole('link', { name: 'Overview' }).click();
  const byStatus = page.getByTestId('overview-status');
  await byStatus.waitFor();
  assert.deepEqual(await byStatus.locator('tbody td').allTextContents(), [
    String(TOTAL),
    '0',
    '0',
    '0',
    '0',
    '0',
    String(TOTAL),
  ]);
  assert.deepEqual(
    await page
      .getByTestId('overview-appraisals')
      .locator('tbody tr')
      .first()
      .locator('th, td')
      .allTextContents(),
    ['AMSTAR 2', '1', '0', '0', '0', '0', '0', '1'],
  );
  assert.equal(await page.getByTestId('study-row').count(), 0);
  await tabs.getByRole('link', { name: 'Members' }).click();
  await page.getByTestId('member-row').nth(3).waitFor();
  assert.equal(await page.getByTestId('member-row').count(), 4);
  await tabs.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Outcomes' }).waitFor();

  // The card counts Ada's answers beside the status, as before document model v2 (issue 15):
  // AMSTAR 2 asks 18 questions (9 and 11 in two parts).
  await tabs.getByRole('link', { name: 'My to-do' }).click();
  const todoRow = studyRow(page, SEED[1]!.title);
  const answered = todoRow.getByTestId('checklist-answered');
  await answered.filter({ hasText: '0 of 18 answered' }).waitFor();
  await todoRow.getByTestId('reviewer-checklist').click();
  await page.getByTestId('checklist-item').first().waitFor();
  const firstThree = checklistItems(amstar2Definition).slice(0, 3);
  await answerAll(page, Object.fromEntries(firstThree.map((i) => [i.id, i.options[0]!.value])));
  await page.getByTestId('checklist-status').filter({ hasText: 'In progress' }).waitFor();
  await page.goBack();
  await answered.filter({ hasText: '3 of 18 answered' }).waitFor();
  assert.equal(await answered.count(), 1);

  console.log(
    `[studies-list] ${TOTAL} studies: search ${searchMs.toFixed(0)} ms, design filter ${filterMs.toFixed(0)} ms, ` +
      `assign 10 ${assign10Ms.toFixed(0)} ms, assign ${TOTAL} ${assignAllMs.toFixed(0)} ms (each from the action to the updated page)`,
  );
});
