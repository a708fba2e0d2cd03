// Issue 20: importing studies from reference files. An RIS and a BibTeX file, each with a record
// already in the project, a record repeated within the file and one that cannot be a study,
// import exactly as the preview said (and "Undo import" takes back exactly one import); a CSV
// imported offline reaches the server once the browser is back online.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addStudy, readStudies } from '@corates/shared/doc';
import { baseUrl, launchBrowser } from './support/browser.ts';
import { projectWith, signUp, signedInContext, waitForConnection } from './support/collab.ts';
import { connectDoc, readServerDoc, until, untilOnServer } from './support/doc-client.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** An RIS export: a new study (DOI as a URL), the project's study under another title (same
 * DOI), the new study again without its DOI, and a record without a title. */
const RIS = `TY  - JOUR
AU  - Okafor, N.
AU  - Lindqvist, E.
TI  - Exercise therapy for chronic low back pain:
  a randomised trial
PY  - 2021/03//
JO  - Spine Trials
DO  - https://doi.org/10.5555/spine.2021.7
ER  - 

TY  - JOUR
TI  - Statins in older adults (journal version)
PY  - 2019
DO  - 10.5555/STATINS.1
ER  - 

TY  - JOUR
TI  - EXERCISE THERAPY for chronic low-back pain: a randomised trial.
PY  - 2021
ER  - 

TY  - JOUR
AU  - Nobody, A.
PY  - 2020
ER  - 
`;

/** A BibTeX export: the RIS file's new study again (title and year), two new ones (one with
 * LaTeX accents and an @string journal), the second of them repeated, and an @comment. */
const BIB = String.raw`@string{bmj = "BMJ"}
@comment{exported for the import test}
@article{okafor2021,
  author = {Okafor, N. and Lindqvist, E.},
  title = {Exercise therapy for chronic low back pain: a randomised trial},
  journal = {Spine Trials},
  year = 2021
}
@article{muller2018,
  author = {M{\"u}ller, J{\"o}rg and Garc{\'\i}a, Ana},
  title = {{Vitamin D} and falls in care homes},
  journal = bmj,
  year = {2018},
  doi = {10.5555/vitd.2018}
}
@article{chen2020,
  author = "Chen, Li",
  title = "Reminder letters and screening uptake",
  year = "2020"
}
@article{chen2020again,
  author = "Chen, Li",
  title = "Reminder Letters and Screening Uptake",
  year = "2020"
}
`;

async function openProject(page: Page, projectId: string) {
  await page.goto(`${baseUrl()}/projects/${projectId}`);
  await waitForConnection(page, 'online');
}

async function chooseFile(page: Page, name: string, content: string) {
  await page.getByTestId('import-studies-open').click();
  await page.getByTestId('import-dialog').waitFor();
  await page.getByLabel('Reference file').setInputFiles({
    name,
    mimeType: 'text/plain',
    buffer: Buffer.from(content, 'utf8'),
  });
  // The format menu appears once the file is read.
  await page.getByTestId('import-format').waitFor();
}

const rowStatuses = (page: Page) =>
  page
    .getByTestId('import-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));

const studyTitles = async (page: Page) =>
  (await page.getByTestId('study-row').locator('.study-title').allTextContents()).map((t) =>
    t.trim(),
  );

test('an RIS and a BibTeX file with duplicates import as previewed, and one import undoes', async () => {
  const owner = await signUp('Import Owner');
  const projectId = await projectWith(owner, 'Import files', []);
  const seed = connectDoc(projectId, owner.cookie);
  try {
    await until(() => seed.provider.synced, 'the seeding client to sync');
    addStudy(
      seed.doc,
      {
        title: 'Statins in older adults',
        authors: 'Lee J',
        year: 2019,
        journal: 'BMJ',
        doi: '10.5555/statins.1',
      },
      owner.id,
    );
    await untilOnServer(projectId, owner.cookie, (d) => readStudies(d).length === 1, 'the seed');
  } finally {
    seed.close();
  }

  const context = await signedInContext(browser, owner);
  const page = await context.newPage();
  await openProject(page, projectId);
  await page.getByTestId('study-row').filter({ hasText: 'Statins in older adults' }).waitFor();

  // RIS: detected from the extension; the preview says what will happen to each record.
  await chooseFile(page, 'export.ris', RIS);
  assert.equal(await page.getByTestId('import-format').inputValue(), 'ris');
  assert.equal(
    await page.getByTestId('import-summary').textContent(),
    '1 new study, 1 already in the project, 1 repeated in the file, 1 that cannot be imported.',
  );
  assert.deepEqual(await rowStatuses(page), ['new', 'existing', 'in-file', 'invalid']);
  const rows = page.getByTestId('import-row');
  assert.match(
    (await rows.nth(1).textContent()) ?? '',
    /Already in the project as “Statins in older adults”/,
  );
  assert.match((await rows.nth(2).textContent()) ?? '', /Repeats row 1/);
  assert.match(
    (await rows.nth(3).textContent()) ?? '',
    /Not imported: Title: a title is required \(line 22\)/,
  );
  await page.getByRole('button', { name: 'Import 1 study' }).click();
  await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
  await page.getByTestId('import-status').getByText('Imported 1 study from export.ris.').waitFor();
  const imported = 'Exercise therapy for chronic low back pain: a randomised trial';
  await page.getByTestId('study-row').filter({ hasText: imported }).waitFor();

  // BibTeX: the RIS study is now a duplicate of a project study by title and year.
  await chooseFile(page, 'library.bib', BIB);
  assert.equal(await page.getByTestId('import-format').inputValue(), 'bibtex');
  assert.deepEqual(await rowStatuses(page), ['existing', 'new', 'new', 'in-file']);
  await page.getByTestId('import-confirm').click();
  await page
    .getByTestId('import-status')
    .getByText('Imported 2 studies from library.bib.')
    .waitFor();
  await page
    .getByTestId('study-row')
    .filter({ hasText: 'Vitamin D and falls in care homes' })
    .waitFor();
  assert.equal(await page.getByTestId('study-row').count(), 4);
  assert.match(
    (await page.getByTestId('study-row').filter({ hasText: 'Vitamin D' }).textContent()) ?? '',
    /Müller, Jörg; García, Ana/,
  );

  // The server has exactly what the previews promised.
  const expected = [
    imported,
    'Reminder letters and screening uptake',
    'Statins in older adults',
    'Vitamin D and falls in care homes',
  ];
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => readStudies(d).length === 4,
    'the imported studies on the server',
  );
  assert.deepEqual(
    (await readServerDoc(projectId, owner.cookie, readStudies)).map((s) => s.title).sort(),
    expected,
  );

  // "Undo import" takes back the BibTeX import only, here and on the server.
  await page.getByTestId('import-undo').click();
  await page
    .getByTestId('import-status')
    .getByText('Import undone: the 2 studies from library.bib were removed.')
    .waitFor();
  await page
    .getByTestId('study-row')
    .filter({ hasText: 'Vitamin D' })
    .waitFor({ state: 'detached' });
  assert.deepEqual((await studyTitles(page)).sort(), [imported, 'Statins in older adults']);
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => readStudies(d).length === 2,
    'the undone import gone from the server',
  );
  await context.close();
});

test('a CSV imported offline (semicolons, mapped columns) syncs once back online', async () => {
  const owner = await signUp('Offline Importer');
  const projectId = await projectWith(owner, 'Offline import', []);
  const context = await signedInContext(browser, owner);
  const page = await context.newPage();
  await openProject(page, projectId);

  await context.setOffline(true);
  await waitForConnection(page, 'offline');
  const csv =
    '\uFEFFStudy name;Published;Who\r\n' +
    '"Tai chi; balance and falls";2017;"Wong, K; Ho, P"\r\n' +
    '"Yoga for\r\nneck pain";2016;Patel R\r\n';
  await chooseFile(page, 'studies.csv', csv);
  // No header is recognised: nothing to import until the title column is chosen.
  await page
    .getByTestId('import-error')
    .getByText('Choose the column that holds the titles.')
    .waitFor();
  assert.equal(await page.getByTestId('import-confirm').isDisabled(), true);
  await page.getByTestId('import-map-title').selectOption({ label: 'Study name' });
  await page.getByTestId('import-map-year').selectOption({ label: 'Published' });
  await page.getByTestId('import-map-authors').selectOption({ label: 'Who' });
  assert.equal(await page.getByTestId('import-summary').textContent(), '2 new studies.');
  await page.getByRole('button', { name: 'Import 2 studies' }).click();
  await page.getByTestId('study-row').filter({ hasText: 'Yoga for neck pain' }).waitFor();
  await page.getByTestId('study-row').filter({ hasText: 'Tai chi; balance and falls' }).waitFor();
  assert.equal(
    await readServerDoc(projectId, owner.cookie, (d) => readStudies(d).length),
    0,
    'nothing reached the server while offline',
  );

  await context.setOffline(false);
  await waitForConnection(page, 'online');
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => readStudies(d).length === 2,
    'the offline import on the server',
  );
  const onServer = await readServerDoc(projectId, owner.cookie, readStudies);
  assert.deepEqual(onServer.map((s) => [s.title, s.year, s.authors]).sort(), [
    ['Tai chi; balance and falls', 2017, 'Wong, K; Ho, P'],
    ['Yoga for neck pain', 2016, 'Patel R'],
  ]);
  await context.close();
});
