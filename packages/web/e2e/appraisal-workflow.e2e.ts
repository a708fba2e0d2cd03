// Issue 6 in a real browser: outcomes, a ROBINS-I V2 appraisal (screening stop, effect of interest,
// live domain judgements) to a final judgement, a RoB 2 appraisal by two reviewers reconciled by a
// third person while a fourth watches and picks too, the results table, and the CSV export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { EXPORT_COLUMNS, ROBINS_I_RELEASE } from '@corates/shared';
import { parseCsv, ROB2_HIGH, ROBINS_I_ALL_LOW } from '@corates/shared/testing';
import {
  addStudy,
  assignReviewers,
  readChecklistContent,
  readChecklists,
} from '@corates/shared/doc';
import { baseUrl } from './support/browser.ts';
import { answerAll, signedInPages, studyRow } from './support/signed-in-pages.ts';
import { projectWith, signUp } from './support/collab.ts';
import { connectDoc, readServerDoc, until, untilOnServer } from './support/doc-client.ts';

const { openAs } = signedInPages();

/** From the project page, an assigned reviewer starts their appraisal of an outcome. */
async function startAppraisal(page: Page, studyTitle: string, tool: string) {
  const row = studyRow(page, studyTitle);
  await row.getByTestId('appraisal-type').selectOption(tool);
  await row.getByTestId('appraisal-outcome').selectOption({ label: 'Mortality' });
  await row.getByTestId('add-appraisal').click();
  await page.getByTestId('checklist-item').first().waitFor();
}

// Every ROBINS-I domain Low (per-protocol effect), with B2 answered too. Answered in key order:
// B1 "Y" lifts the screening stop (B2 is then not asked, so its answer no longer counts).
const ROBINS_I_LOW = { b1: 'Y', b2: 'N', ...ROBINS_I_ALL_LOW };

test('ROBINS-I and RoB 2 appraisals, reconciliation by a third person, results and CSV export', async () => {
  const owner = await signUp('Olga');
  const ada = await signUp('Ada');
  const bo = await signUp('Bo');
  const cy = await signUp('Cy');
  const projectId = await projectWith(owner, 'Appraisal workflow', [
    { person: ada, role: 'editor' },
    { person: bo, role: 'editor' },
    { person: cy, role: 'editor' },
  ]);
  const seed = connectDoc(projectId, owner.cookie);
  await until(() => seed.provider.synced, 'the seeding client to sync');
  const cohort = addStudy(
    seed.doc,
    { title: 'Cohort B', authors: '', year: 2019, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, cohort, ada.id, null);
  const trial = addStudy(
    seed.doc,
    { title: 'Trial A', authors: '', year: 2021, journal: '', doi: '' },
    owner.id,
  );
  assignReviewers(seed.doc, trial, ada.id, bo.id);
  await untilOnServer(
    projectId,
    owner.cookie,
    (d) => d.getMap('studies').size === 2,
    'seeded studies',
  );
  seed.close();

  // The owner defines the outcome in the project's settings.
  const ownerPage = await openAs(owner, `/projects/${projectId}/settings`);
  await ownerPage.getByTestId('add-outcome-name').fill('Mortality');
  await ownerPage.getByTestId('add-outcome-submit').click();
  await ownerPage.getByTestId('outcome').filter({ hasText: 'Mortality' }).waitFor();

  // ROBINS-I by Cohort B's single reviewer: screening can stop it; C4 picks domain 1b.
  const adaPage = await openAs(ada, `/projects/${projectId}`);
  await studyRow(adaPage, 'Cohort B').getByTestId('add-appraisal').waitFor();
  await startAppraisal(adaPage, 'Cohort B', 'ROBINS_I');
  // The release whose flowcharts the judgements follow is named under the title.
  assert.equal(
    await adaPage.getByTestId('tool-release').textContent(),
    `Judgements follow ${ROBINS_I_RELEASE}`,
  );
  await answerAll(adaPage, { b1: 'N', b2: 'Y' });
  await adaPage.getByTestId('screening-stop').waitFor();
  assert.equal(await adaPage.getByTestId('section-d5').getAttribute('data-active'), 'false');
  assert.equal(await adaPage.getByTestId('checklist-rating').textContent(), 'Critical');
  await answerAll(adaPage, ROBINS_I_LOW);
  await adaPage.getByTestId('screening-stop').waitFor({ state: 'detached' });
  assert.equal(await adaPage.getByTestId('section-d1b').getAttribute('data-active'), 'true');
  assert.equal(await adaPage.getByTestId('section-d1a').getAttribute('data-active'), 'false');
  assert.match((await adaPage.getByTestId('judgement-d5').textContent()) ?? '', /Low/);
  assert.equal(await adaPage.getByTestId('checklist-rating').textContent(), 'Low');
  await adaPage.getByTestId('mark-complete').click();
  assert.equal(await adaPage.getByTestId('checklist-status').textContent(), 'Finalized');

  // RoB 2 of Trial A by both reviewers; Bo disagrees on 1.3 and comments on it.
  await adaPage.goto(`${baseUrl()}/projects/${projectId}`);
  await startAppraisal(adaPage, 'Trial A', 'ROB2');
  await answerAll(adaPage, ROB2_HIGH);
  assert.equal(await adaPage.getByTestId('checklist-rating').textContent(), 'High');
  await adaPage.getByTestId('mark-complete').click();
  const boPage = await openAs(bo, `/projects/${projectId}`);
  await studyRow(boPage, 'Trial A').getByTestId('start-appraisal-outcome').click();
  await boPage.getByTestId('checklist-item').first().waitFor();
  await answerAll(boPage, { ...ROB2_HIGH, d1_3: 'Y' });
  await boPage.getByTestId('note-d1_3').fill('Baseline imbalance in age');
  await boPage.getByTestId('mark-complete').click();
  assert.equal(await boPage.getByTestId('checklist-status').textContent(), 'Completed');

  // Cy (not a reviewer) reconciles; the owner has the same page open and works at the same time.
  const cyPage = await openAs(cy, `/projects/${projectId}`);
  const trialRow = studyRow(cyPage, 'Trial A');
  await trialRow
    .getByTestId('appraisal-status')
    .filter({ hasText: 'Ready to reconcile' })
    .waitFor();
  // ROBINS-I is final, RoB 2 is not: the study is as far along as its RoB 2 appraisal.
  assert.match(
    (await trialRow.getByTestId('study-status').textContent()) ?? '',
    /Ready to reconcile$/,
  );
  await trialRow.getByTestId('reconcile-link').click();
  await cyPage.getByTestId('disagreements').waitFor();
  assert.equal(await cyPage.getByTestId('disagreements').textContent(), '1');
  assert.equal(await cyPage.getByTestId('agreements').textContent(), '14');
  assert.equal(await cyPage.getByTestId('agreement-rate').textContent(), '93%');
  await ownerPage.goto(cyPage.url());
  await ownerPage.getByTestId('start-reconciling').waitFor();
  await cyPage.getByTestId('start-reconciling').click();
  // The owner's page shows the one reconciled checklist Cy started, with agreements pre-filled.
  await ownerPage.getByTestId('reconciled-status').waitFor();
  const row13 = (page: Page) => page.locator('[data-testid="reconcile-row"][data-item-id="d1_3"]');
  assert.equal(await row13(cyPage).getAttribute('data-agree'), 'false');
  assert.match(
    (await row13(cyPage).getByTestId('answer-2').textContent()) ?? '',
    /Baseline imbalance/,
  );
  assert.equal(await cyPage.getByTestId('undecided').textContent(), '1');
  await row13(ownerPage).getByTestId('use-2').click();
  await row13(cyPage).locator('input[value="Y"]:checked').waitFor();
  await row13(cyPage).getByTestId('use-1').click();
  await row13(ownerPage).locator('input[value="N"]:checked').waitFor();
  await cyPage.getByTestId('finalize').click();
  await ownerPage.getByTestId('reconciled-status').filter({ hasText: 'Finalized' }).waitFor();
  const reconciled = await readServerDoc(projectId, owner.cookie, (d) =>
    readChecklists(d).filter((c) => c.reviewerId === null),
  );
  assert.equal(reconciled.length, 1);
  assert.equal(reconciled[0]!.status, 'finalized');
  const reconciledContent = await readServerDoc(
    projectId,
    owner.cookie,
    readChecklistContent,
    reconciled[0]!.id,
  );
  assert.equal(reconciledContent.answers.d1_3, 'N');

  // Results: the traffic-light table, as text.
  await ownerPage.goto(`${baseUrl()}/projects/${projectId}/results`);
  const rob2Row = ownerPage.getByTestId('results-ROB2').getByTestId('results-row');
  await rob2Row.waitFor();
  assert.equal(await rob2Row.locator('[data-column="overall"]').textContent(), 'High');
  assert.equal(await rob2Row.locator('[data-column="D1"]').textContent(), 'High');
  const robinsRow = ownerPage.getByTestId('results-ROBINS_I').getByTestId('results-row');
  assert.equal(await robinsRow.locator('[data-column="overall"]').textContent(), 'Low');

  // The CSV export: the D1 copy is written within about 2 s of the last change.
  let rows: string[][];
  const start = Date.now();
  for (;;) {
    const res = await fetch(`${baseUrl()}/api/projects/${projectId}/export.csv`, {
      headers: { Cookie: owner.cookie },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    rows = parseCsv(await res.text());
    const overall = rows.filter((r) => r[EXPORT_COLUMNS.indexOf('record')] === 'overall');
    if (overall.length === 2) break;
    if (Date.now() - start > 30_000) throw new Error('the export never held both results');
    await new Promise((r) => setTimeout(r, 500));
  }
  const col = (r: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
    r[EXPORT_COLUMNS.indexOf(name)];
  assert.deepEqual(rows[0], [...EXPORT_COLUMNS]);
  const overall = rows.filter((r) => col(r, 'record') === 'overall');
  assert.deepEqual(
    overall.map((r) => [col(r, 'study_title'), col(r, 'tool'), col(r, 'source'), col(r, 'value')]),
    [
      ['Cohort B', 'ROBINS_I', 'single-reviewer', 'low'],
      ['Trial A', 'ROB2', 'reconciled', 'high'],
    ],
  );
  // Every ROBINS-I row names the release followed; RoB 2 has no named release.
  assert.deepEqual(
    [...new Set(rows.slice(1).map((r) => `${col(r, 'tool')}: ${col(r, 'tool_version')}`))],
    [`ROBINS_I: ${ROBINS_I_RELEASE}`, 'ROB2: '],
  );
  const d13 = rows.find((r) => col(r, 'tool') === 'ROB2' && col(r, 'item') === '1.3')!;
  assert.equal(col(d13, 'value'), 'N');
  const answerRows = rows.filter((r) => col(r, 'record') === 'answer');
  assert.equal(answerRows.filter((r) => col(r, 'tool') === 'ROB2').length, 15);
  // The 22 questions asked (B2 is not, after B1 "Y": its answer stays in the document only).
  assert.equal(answerRows.filter((r) => col(r, 'tool') === 'ROBINS_I').length, 22);
});
